//! Messages when a leaving provider's sessions are handed to another provider, and when a
//! coordinator answers a site's change request.
//!
//! Calendar rule for a handover (iTIP, RFC 5546 §3.2: replacing an attendee): every session keeps
//! its `UID`, and its `SEQUENCE` is raised once. The provider who leaves gets a `CANCEL` for that
//! UID (removing the event from their calendar); the new provider gets a `REQUEST` for the same
//! UID (adding it to theirs); the site's contacts get a `REQUEST` for the same UID with the new
//! provider among the attendees, so the event already in their calendar is updated in place
//! rather than duplicated. One message per person for the whole handover, each session's invite
//! attached as its own file, as for confirmations.

use chrono::{DateTime, Utc};

use super::doc::Doc;
use super::session::{finish, invites, place, series_key, sessions_list};
use super::{EngagementFacts, Person, SessionFacts};
use crate::calendar::Method;
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

/// To the provider who leaves: ONE message naming every session handed over, with each
/// session's `CANCEL` attached as its own file. Key: `session_released` and every session's UID
/// and sequence.
pub fn session_released(
    facts: &ReassignmentFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> OutgoingMessage {
    let e = &facts.engagement;
    let count = facts.sessions.len();
    let (subject, intro) = match facts.sessions.as_slice() {
        [s] => (
            format!(
                "Handed over: {} — session {} on {}",
                e.title,
                s.occurrence,
                span(s.starts_at, s.ends_at, to.zone)
            ),
            format!(
                "Session {} of \"{}\" ({}) is now with {}. The attached cancellation removes it \
                 from your calendar.",
                s.occurrence, e.title, e.site.name, e.provider.name
            ),
        ),
        _ => (
            format!(
                "Handed over: {count} sessions of {} now with {}",
                e.title, e.provider.name
            ),
            format!(
                "{count} sessions of \"{}\" ({}) are now with {}. Each session's cancellation is \
                 attached as its own file; opening it removes the event from your calendar.",
                e.title, e.site.name, e.provider.name
            ),
        ),
    };
    let mut doc = Doc::new(to.greeting())
        .para(intro)
        .list(sessions_list(&facts.sessions, to, e))
        .facts(vec![("Now with".to_owned(), e.provider.name.clone())]);
    if !facts.reason.trim().is_empty() {
        doc = doc.para(format!("Reason: {}", facts.reason.trim()));
    }
    let doc = doc.contact(e.contact.line());
    finish(
        "session_released",
        &series_key("session_released", &facts.sessions),
        to,
        subject,
        &doc,
        invites(
            Method::Cancel,
            e,
            &facts.sessions,
            std::slice::from_ref(&facts.previous_provider),
            to,
            now,
        ),
    )
}

/// To the new provider: ONE message listing every session now theirs, with each session's
/// `REQUEST` (same UID) attached as its own file. Key: `session_assigned` and every session's
/// UID and sequence.
pub fn session_assigned(
    facts: &ReassignmentFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> OutgoingMessage {
    let e = &facts.engagement;
    let count = facts.sessions.len();
    let subject = match facts.sessions.as_slice() {
        [s] => format!(
            "Assigned to you: {} — session {} on {}",
            e.title,
            s.occurrence,
            span(s.starts_at, s.ends_at, to.zone)
        ),
        _ => format!("Assigned to you: {count} sessions of {}", e.title),
    };
    let attached = if count == 1 {
        "The attached invite adds it to your calendar.".to_owned()
    } else {
        "Each session's invite is attached as its own file; open each to add it to your calendar."
            .to_owned()
    };
    let mut doc = Doc::new(to.greeting())
        .para(format!(
            "You take over \"{}\" ({}) from {}: {count} remaining session{} at the times the \
             site already has. {attached}",
            e.title,
            e.site.name,
            facts.previous_provider.name,
            if count == 1 { "" } else { "s" },
        ))
        .list(sessions_list(&facts.sessions, to, e));
    if !facts.reason.trim().is_empty() {
        doc = doc.para(format!("Reason: {}", facts.reason.trim()));
    }
    if let Some(s) = facts.sessions.first() {
        doc = doc.link("Open in TTA Scheduler", e.session_link(to, s));
    }
    let doc = doc.contact(e.contact.line());
    finish(
        "session_assigned",
        &series_key("session_assigned", &facts.sessions),
        to,
        subject,
        &doc,
        invites(
            Method::Request,
            e,
            &facts.sessions,
            &facts.attendees,
            to,
            now,
        ),
    )
}

/// To a site contact: ONE message — same times, new provider — with each session's `REQUEST`
/// (same UID, raised sequence: the event in their calendar is updated in place) attached as its
/// own file. Key: `provider_changed` and every session's UID and sequence.
pub fn provider_changed(
    facts: &ReassignmentFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> OutgoingMessage {
    let e = &facts.engagement;
    let count = facts.sessions.len();
    let mut doc = Doc::new(to.greeting());
    let subject = match facts.sessions.as_slice() {
        [s] => {
            doc = doc
                .para(format!(
                    "Session {} of \"{}\" keeps its time; {} leads it instead of {}. The \
                     attached invite updates the event in your calendar.",
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
            format!(
                "New provider: {} — session {} with {}",
                e.title, s.occurrence, e.provider.name
            )
        }
        _ => {
            doc = doc
                .para(format!(
                    "{count} sessions of \"{}\" keep their times; {} leads them instead of {}. \
                     Each session's updated invite is attached as its own file; opening it \
                     updates the event in your calendar.",
                    e.title, e.provider.name, facts.previous_provider.name
                ))
                .list(sessions_list(&facts.sessions, to, e))
                .facts(vec![
                    ("Provider".to_owned(), e.provider.name.clone()),
                    ("Was".to_owned(), facts.previous_provider.name.clone()),
                ]);
            format!(
                "New provider: {} — {count} sessions with {}",
                e.title, e.provider.name
            )
        }
    };
    if !facts.reason.trim().is_empty() {
        doc = doc.para(format!("Reason: {}", facts.reason.trim()));
    }
    if let Some(s) = facts.sessions.first() {
        doc = doc.link("Open in TTA Scheduler", e.session_link(to, s));
    }
    let doc = doc.contact(e.contact.line());
    finish(
        "provider_changed",
        &series_key("provider_changed", &facts.sessions),
        to,
        subject,
        &doc,
        invites(
            Method::Request,
            e,
            &facts.sessions,
            &facts.attendees,
            to,
            now,
        ),
    )
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
