//! The e-mails of group events to participants, in their own zone, each keyed by registration
//! (and, for reminders, the event's start) so it is queued once: seat confirmed (with the
//! invite and the personal link), waitlisted (place and personal link), promoted from the
//! waitlist (invite), cancelled by the participant (cancel invite), event called off, reminder.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::invite::{InviteFor, participant_invite};
use super::kinds::EventKind;
use crate::calendar::Method;
use crate::entities::{event_registration, group_event};
use crate::mail::messages::doc::Doc;
use crate::mail::{DedupKey, OutgoingMessage, Recipient};
use crate::notify::NotifySettings;
use crate::timefmt::span;

/// What every participant message is written from.
pub(super) struct Letter<'a> {
    pub event: &'a group_event::Model,
    pub registration: &'a event_registration::Model,
    pub settings: &'a NotifySettings,
    pub now: DateTime<Utc>,
}

impl Letter<'_> {
    fn zone(&self) -> Tz {
        self.registration
            .time_zone
            .parse::<Tz>()
            .or_else(|_| self.event.time_zone.parse::<Tz>())
            .unwrap_or(chrono_tz::UTC)
    }

    fn when(&self) -> String {
        span(self.event.starts_at, self.event.ends_at, self.zone())
    }

    fn doc(&self) -> Doc {
        let r = self.registration;
        let name = r.name.trim();
        let mut facts = vec![
            (
                EventKind::label_of(&self.event.kind),
                self.event.title.clone(),
            ),
            ("When".to_owned(), self.when()),
        ];
        if !self.event.location.trim().is_empty() {
            facts.push(("Where".to_owned(), self.event.location.clone()));
        }
        if !self.event.virtual_link.trim().is_empty() {
            facts.push(("Join".to_owned(), self.event.virtual_link.clone()));
        }
        Doc::new(if name.is_empty() {
            "Hello,".to_owned()
        } else {
            format!("Hello {name},")
        })
        .facts(facts)
    }

    fn invite(&self, method: Method) -> crate::mail::CalendarPart {
        participant_invite(
            method,
            self.event,
            &InviteFor {
                name: &self.registration.name,
                email: &self.registration.email,
                zone: self.zone(),
                organizer_name: &self.settings.sender.name,
                organizer_email: &self.settings.sender.email,
            },
            self.now,
        )
    }

    fn contact(&self) -> String {
        let c = self
            .settings
            .contact
            .as_ref()
            .unwrap_or(&self.settings.sender);
        format!(
            "Questions? Contact {} at {}.",
            c.name.trim(),
            c.email.trim()
        )
    }

    fn personal_url(&self, token: &str) -> String {
        format!(
            "{}/events/registration/{token}",
            self.settings.public_url.trim_end_matches('/')
        )
    }

    fn finish(
        &self,
        event: &'static str,
        key: String,
        subject: String,
        doc: Doc,
        invite: Option<Method>,
    ) -> OutgoingMessage {
        let subject = crate::mail::header_text::header_text(&subject);
        OutgoingMessage {
            event,
            dedup_key: DedupKey::new(&key, &self.registration.email),
            to: Recipient::new(
                self.registration.name.clone(),
                self.registration.email.clone(),
            ),
            html: doc.html(&subject),
            text: doc.text(),
            subject,
            invites: invite.map(|m| self.invite(m)).into_iter().collect(),
        }
    }
}

/// A seat is confirmed at registration. Key: the registration.
pub(super) fn seat_confirmed(letter: &Letter<'_>, token: &str) -> OutgoingMessage {
    let doc = letter
        .doc()
        .para("You are registered. The calendar invite is attached, on your own clock.")
        .link(
            "Your registration (cancel or check in)",
            letter.personal_url(token),
        )
        .para("Keep this link: it is yours alone. Cancelling frees your seat for the next person waiting.")
        .contact(letter.contact());
    letter.finish(
        "event_registered",
        format!("event_registered:{}", letter.registration.id),
        format!("Registered: {}", letter.event.title),
        doc,
        Some(Method::Request),
    )
}

/// The event is full: waitlisted at `place`. Key: the registration.
pub(super) fn waitlisted(letter: &Letter<'_>, token: &str, place: i32) -> OutgoingMessage {
    let doc = letter
        .doc()
        .para(format!(
            "The event is full, so you are on the waitlist: {} in line. When a seat frees up, \
             the next person waiting gets it automatically and is e-mailed an invite.",
            super::kinds::ordinal(place)
        ))
        .link(
            "Your registration (leave the waitlist)",
            letter.personal_url(token),
        )
        .contact(letter.contact());
    letter.finish(
        "event_waitlisted",
        format!("event_waitlisted:{}", letter.registration.id),
        format!("Waitlisted: {}", letter.event.title),
        doc,
        None,
    )
}

/// A seat freed up and is now theirs. Key: the registration.
pub(super) fn promoted(letter: &Letter<'_>) -> OutgoingMessage {
    let doc = letter
        .doc()
        .para(
            "Good news: a seat freed up and it is yours. You are now registered; the calendar \
             invite is attached, on your own clock. Your personal link from the first e-mail \
             still cancels or checks you in.",
        )
        .contact(letter.contact());
    letter.finish(
        "event_promoted",
        format!("event_promoted:{}", letter.registration.id),
        format!("You have a seat: {}", letter.event.title),
        doc,
        Some(Method::Request),
    )
}

/// The participant cancelled. Key: the registration.
pub(super) fn cancelled(letter: &Letter<'_>, held_seat: bool) -> OutgoingMessage {
    let doc = letter
        .doc()
        .para("Your registration is cancelled. You can register again from the shared link while registration is open.")
        .contact(letter.contact());
    letter.finish(
        "event_registration_cancelled",
        format!("event_registration_cancelled:{}", letter.registration.id),
        format!("Cancelled: {}", letter.event.title),
        doc,
        held_seat.then_some(Method::Cancel),
    )
}

/// The coordinator cancelled the event. Key: the event and registration.
pub(super) fn event_called_off(letter: &Letter<'_>, held_seat: bool) -> OutgoingMessage {
    let doc = letter
        .doc()
        .para("This event is cancelled. We are sorry for the change of plans.")
        .contact(letter.contact());
    letter.finish(
        "event_cancelled",
        format!(
            "event_cancelled:{}:{}",
            letter.event.id, letter.registration.id
        ),
        format!("Cancelled: {}", letter.event.title),
        doc,
        held_seat.then_some(Method::Cancel),
    )
}

/// A reminder before the event. Key: the registration and the event's start.
pub(super) fn reminder(letter: &Letter<'_>) -> OutgoingMessage {
    let doc = letter
        .doc()
        .para(
            "A reminder: you are registered. At the event, open the personal link from your \
             confirmation e-mail and type the check-in code shown there.",
        )
        .contact(letter.contact());
    letter.finish(
        "event_reminder",
        format!(
            "event_reminder:{}:{}",
            letter.registration.id,
            letter.event.starts_at.timestamp()
        ),
        format!("Reminder: {}", letter.event.title),
        doc,
        None,
    )
}

/// After the event, an attendee's evaluation link. Key: the registration.
pub(super) fn evaluation_invitation(letter: &Letter<'_>, token: &str) -> OutgoingMessage {
    let url = format!(
        "{}/events/evaluation/{token}",
        letter.settings.public_url.trim_end_matches('/')
    );
    let doc = letter
        .doc()
        .para(
            "Thank you for attending. Please tell us how it went: the evaluation takes about five \
             minutes and helps us improve future events.",
        )
        .link("Evaluate the event", url)
        .contact(letter.contact());
    letter.finish(
        "event_evaluation",
        format!("event_evaluation:{}", letter.registration.id),
        format!("How was it? {}", letter.event.title),
        doc,
        None,
    )
}
