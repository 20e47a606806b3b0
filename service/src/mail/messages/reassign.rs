//! Messages when a leaving provider's sessions are handed to another provider, and when a
//! coordinator answers a site's change request.
//!
//! Calendar rule for a handover (iTIP, RFC 5546 §3.2: replacing an attendee): every session keeps
//! its `UID`, and its `SEQUENCE` is raised once. The provider who leaves gets a `CANCEL` for that
//! UID (removing the event from their calendar); the new provider gets a `REQUEST` for the same
//! UID (adding it to theirs); the site's contacts get a `REQUEST` for the same UID with the new
//! provider among the attendees, so the event already in their calendar is updated in place
//! rather than duplicated. One message per session and person, as for confirmations.

use chrono::{DateTime, Utc};

use super::doc::Doc;
use super::session::{events, finish, place, with_place};
use super::{EngagementFacts, Person, SessionFacts};
use crate::calendar::{self, Method};
use crate::mail::OutgoingMessage;
use crate::timefmt::{span, span_with_site};

/// Sessions handed over: `engagement.provider` is the new provider; each session carries its
/// raised sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReassignmentFacts {
    pub engagement: EngagementFacts,
    pub previous_provider: Person,
    pub sessions: Vec<SessionFacts>,
    pub reason: String,
    /// Invited now: the new provider and the site's contacts.
    pub attendees: Vec<Person>,
}

/// To the provider who leaves, one per session: the session is no longer theirs (`CANCEL`).
/// Key: `session_released`, the session's UID and sequence.
pub fn session_released(
    facts: &ReassignmentFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> Vec<OutgoingMessage> {
    let e = &facts.engagement;
    facts
        .sessions
        .iter()
        .map(|s| {
            let subject = format!(
                "Handed over: {} — session {} on {}",
                e.title,
                s.occurrence,
                span(s.starts_at, s.ends_at, to.zone)
            );
            let mut doc = Doc::new(to.greeting()).para(format!(
                "Session {} of \"{}\" ({}) is now with {}. The attached cancellation removes it \
                 from your calendar.",
                s.occurrence, e.title, e.site.name, e.provider.name
            ));
            doc = doc.facts(vec![
                (
                    "When".to_owned(),
                    span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone),
                ),
                ("Now with".to_owned(), e.provider.name.clone()),
            ]);
            if !facts.reason.trim().is_empty() {
                doc = doc.para(format!("Reason: {}", facts.reason.trim()));
            }
            let doc = doc.contact(e.contact.line());
            let key = format!("session_released:{}:{}", s.calendar_uid, s.sequence);
            let ics = calendar::invite(
                Method::Cancel,
                &events(
                    e,
                    std::slice::from_ref(s),
                    std::slice::from_ref(&facts.previous_provider),
                    to,
                ),
                now,
            );
            finish(
                "session_released",
                &key,
                to,
                subject,
                &doc,
                Some((Method::Cancel, ics)),
            )
        })
        .collect()
}

/// To the new provider, one per session: the session is theirs now (`REQUEST`, same UID).
/// Key: `session_assigned`, the session's UID and sequence.
pub fn session_assigned(
    facts: &ReassignmentFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> Vec<OutgoingMessage> {
    let e = &facts.engagement;
    let count = facts.sessions.len();
    facts
        .sessions
        .iter()
        .map(|s| {
            let subject = format!(
                "Assigned to you: {} — session {} on {}",
                e.title,
                s.occurrence,
                span(s.starts_at, s.ends_at, to.zone)
            );
            let mut doc = Doc::new(to.greeting())
                .para(format!(
                    "You take over \"{}\" ({}) from {}: {count} remaining session{} at the times \
                     the site already has. This message's invite adds session {} to your \
                     calendar; each session comes with its own invite.",
                    e.title,
                    e.site.name,
                    facts.previous_provider.name,
                    if count == 1 { "" } else { "s" },
                    s.occurrence
                ))
                .list(
                    facts
                        .sessions
                        .iter()
                        .map(|each| {
                            with_place(
                                format!(
                                    "Session {}: {}",
                                    each.occurrence,
                                    span_with_site(
                                        each.starts_at,
                                        each.ends_at,
                                        to.zone,
                                        e.site.zone
                                    )
                                ),
                                each,
                            )
                        })
                        .collect(),
                );
            if !facts.reason.trim().is_empty() {
                doc = doc.para(format!("Reason: {}", facts.reason.trim()));
            }
            let doc = doc
                .link("Open in TTA Scheduler", e.session_link(to, s))
                .contact(e.contact.line());
            let key = format!("session_assigned:{}:{}", s.calendar_uid, s.sequence);
            let ics = calendar::invite(
                Method::Request,
                &events(e, std::slice::from_ref(s), &facts.attendees, to),
                now,
            );
            finish(
                "session_assigned",
                &key,
                to,
                subject,
                &doc,
                Some((Method::Request, ics)),
            )
        })
        .collect()
}

/// To a site contact, one per session: same time, new provider (`REQUEST`, same UID, raised
/// sequence: the event in their calendar is updated in place). Key: `provider_changed`, the
/// session's UID and sequence.
pub fn provider_changed(
    facts: &ReassignmentFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> Vec<OutgoingMessage> {
    let e = &facts.engagement;
    facts
        .sessions
        .iter()
        .map(|s| {
            let subject = format!(
                "New provider: {} — session {} with {}",
                e.title, s.occurrence, e.provider.name
            );
            let mut doc = Doc::new(to.greeting())
                .para(format!(
                    "Session {} of \"{}\" keeps its time; {} leads it instead of {}. The attached \
                     invite updates the event in your calendar.",
                    s.occurrence, e.title, e.provider.name, facts.previous_provider.name
                ))
                .facts(vec![
                    (
                        "When".to_owned(),
                        span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone),
                    ),
                    ("Where".to_owned(), place(s)),
                    ("Provider".to_owned(), e.provider.name.clone()),
                    ("Was".to_owned(), facts.previous_provider.name.clone()),
                ]);
            if !facts.reason.trim().is_empty() {
                doc = doc.para(format!("Reason: {}", facts.reason.trim()));
            }
            let doc = doc
                .link("Open in TTA Scheduler", e.session_link(to, s))
                .contact(e.contact.line());
            let key = format!("provider_changed:{}:{}", s.calendar_uid, s.sequence);
            let ics = calendar::invite(
                Method::Request,
                &events(e, std::slice::from_ref(s), &facts.attendees, to),
                now,
            );
            finish(
                "provider_changed",
                &key,
                to,
                subject,
                &doc,
                Some((Method::Request, ics)),
            )
        })
        .collect()
}

/// A coordinator's answer to a site's change request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeAnswerFacts {
    pub change_request_id: i32,
    pub engagement: EngagementFacts,
    /// The session asked about.
    pub session: SessionFacts,
    /// What was asked, in words (e.g. "Reschedule this session").
    pub asked: String,
    /// `true`: done; `false`: declined.
    pub done: bool,
    /// The coordinator's note (required when declined).
    pub note: String,
}

/// To the site contact who asked: done or declined, with the note. No invite: a reschedule or
/// cancellation carries its own. Key: `change_request_answered` and the change request's id.
pub fn change_request_answered(facts: &ChangeAnswerFacts, to: &Person) -> OutgoingMessage {
    let e = &facts.engagement;
    let s = &facts.session;
    let verdict = if facts.done { "Done" } else { "Declined" };
    let subject = format!(
        "{verdict}: your change request for {}, session {}",
        e.title, s.occurrence
    );
    let mut doc = Doc::new(to.greeting())
        .para(if facts.done {
            format!(
                "The coordinator has handled your request about session {} of \"{}\".",
                s.occurrence, e.title
            )
        } else {
            format!(
                "The coordinator has declined your request about session {} of \"{}\"; the \
                 session stays as it is.",
                s.occurrence, e.title
            )
        })
        .facts(vec![
            ("You asked".to_owned(), facts.asked.clone()),
            (
                "Session".to_owned(),
                span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone),
            ),
            ("Outcome".to_owned(), verdict.to_owned()),
        ]);
    if !facts.note.trim().is_empty() {
        doc = doc.para(format!("Note from the coordinator: {}", facts.note.trim()));
    }
    let doc = doc
        .link("Open in TTA Scheduler", e.session_link(to, s))
        .contact(e.contact.line());
    let key = format!("change_request_answered:{}", facts.change_request_id);
    finish("change_request_answered", &key, to, subject, &doc, None)
}
