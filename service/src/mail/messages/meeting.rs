//! "The meeting link changed": sent to everyone invited to sessions whose link changed (a
//! provider's or engagement's setting changed, or one session's link was replaced), with each
//! session's updated `REQUEST` invite (same UID, raised `SEQUENCE`) attached as its own file.

use chrono::{DateTime, Utc};

use super::doc::Doc;
use super::session::{finish, invites, series_key, sessions_list};
use super::{Person, ScheduleFacts};
use crate::calendar::Method;

/// One message per person for every session of one series whose link changed. Key:
/// `meeting_link_changed` and every session's UID and new sequence, so the same change is never
/// queued twice and a later change (a higher sequence) is a new message.
pub fn meeting_link_changed(
    facts: &ScheduleFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> crate::mail::OutgoingMessage {
    let e = &facts.engagement;
    let count = facts.sessions.len();
    let subject = match facts.sessions.as_slice() {
        [s] => format!("New meeting link: {} — session {}", e.title, s.occurrence),
        _ => format!("New meeting links: {} — {count} sessions", e.title),
    };
    let intro = if count == 1 {
        format!(
            "The meeting link of a session of \"{}\" ({}) has changed. The attached invite \
             updates your calendar; join with the link below.",
            e.title, e.site.name
        )
    } else {
        format!(
            "The meeting links of {count} sessions of \"{}\" ({}) have changed; each is listed \
             with its new link. Each session's updated invite is attached as its own file.",
            e.title, e.site.name
        )
    };
    let mut doc = Doc::new(to.greeting())
        .para(intro)
        .list(sessions_list(&facts.sessions, to, e));
    if let [s] = facts.sessions.as_slice() {
        doc = doc.link("Join the session", s.virtual_link.clone());
    }
    if let Some(s) = facts.sessions.first() {
        doc = doc.link("Open in TTA Scheduler", e.session_link(to, s));
    }
    let doc = doc.contact(e.contact.line());
    finish(
        "meeting_link_changed",
        &series_key("meeting_link_changed", &facts.sessions),
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
