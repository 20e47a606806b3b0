//! Messages about scheduled sessions: confirmed (with invite), rescheduled (updated invite),
//! cancelled (cancel invite), reminder before, feedback request after.

use chrono::{DateTime, Utc};

use super::doc::Doc;
use super::{EngagementFacts, Person, SessionFacts};
use crate::calendar::{self, CalendarEvent, CalendarPerson, Method};
use crate::mail::{CalendarPart, DedupKey, OutgoingMessage};
use crate::timefmt::{span, span_with_site};

/// A series approved: every session, and everyone invited (provider and site contacts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleFacts {
    pub engagement: EngagementFacts,
    pub sessions: Vec<SessionFacts>,
    pub attendees: Vec<Person>,
}

/// One session moved; `session` holds the new time and the raised sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RescheduleFacts {
    pub engagement: EngagementFacts,
    pub session: SessionFacts,
    pub previous_starts_at: DateTime<Utc>,
    pub previous_ends_at: DateTime<Utc>,
    pub reason: String,
    pub attendees: Vec<Person>,
}

/// Sessions cancelled (one, or the rest of a series); each with its raised sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CancellationFacts {
    pub engagement: EngagementFacts,
    pub sessions: Vec<SessionFacts>,
    pub whole_series: bool,
    pub reason: String,
    pub attendees: Vec<Person>,
}

/// A session coming up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReminderFacts {
    pub engagement: EngagementFacts,
    pub session: SessionFacts,
}

/// A session delivered; asks for a rating (on the site's page of the request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedbackFacts {
    pub engagement: EngagementFacts,
    pub session: SessionFacts,
}

/// "Confirmed" to one person: one message per session, each carrying that session's own
/// `REQUEST` invite (an iTIP message describes one event, one UID — Outlook adds only the first
/// event of a message that holds several). Every message lists the whole series in its body.
/// Key: the session's UID and sequence.
pub fn schedule_confirmed(
    facts: &ScheduleFacts,
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
                "Confirmed: {} — session {} of {} with {}, {}",
                e.title,
                s.occurrence,
                count,
                e.provider.name,
                span(s.starts_at, s.ends_at, to.zone)
            );
            let doc = Doc::new(to.greeting())
                .para(format!(
                    "The schedule for \"{}\" ({}) is confirmed. This message's invite adds session {} \
                     to your calendar; each session of the series comes with its own invite.",
                    e.title, e.site.name, s.occurrence
                ))
                .facts(engagement_facts(e))
                .list(facts.sessions.iter().map(|each| session_line(each, to, e)).collect())
                .link("Open in TTA Scheduler", e.session_link(to, s))
                .contact(e.contact.line());
            let key = format!("schedule_confirmed:{}:{}", s.calendar_uid, s.sequence);
            let ics = calendar::invite(
                Method::Request,
                &events(e, std::slice::from_ref(s), &facts.attendees, to),
                now,
            );
            finish(
                "schedule_confirmed",
                &key,
                to,
                subject,
                &doc,
                Some((Method::Request, ics)),
            )
        })
        .collect()
}

/// "Rescheduled" to one person, with an updated `REQUEST` invite (same UID, higher sequence).
/// Key: session UID and its new sequence.
pub fn session_rescheduled(
    facts: &RescheduleFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> OutgoingMessage {
    let e = &facts.engagement;
    let s = &facts.session;
    let subject = format!(
        "Rescheduled: {}, session {} — now {}",
        e.title,
        s.occurrence,
        span(s.starts_at, s.ends_at, to.zone)
    );
    let mut doc = Doc::new(to.greeting())
        .para(format!(
            "Session {} of \"{}\" ({}) has moved. The attached invite updates your calendar.",
            s.occurrence, e.title, e.site.name
        ))
        .facts(vec![
            (
                "New time".to_owned(),
                span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone),
            ),
            (
                "Was".to_owned(),
                span_with_site(
                    facts.previous_starts_at,
                    facts.previous_ends_at,
                    to.zone,
                    e.site.zone,
                ),
            ),
            ("Where".to_owned(), place(s)),
            ("Provider".to_owned(), e.provider.name.clone()),
        ]);
    if !facts.reason.trim().is_empty() {
        doc = doc.para(format!("Reason: {}", facts.reason.trim()));
    }
    let doc = doc
        .link("Open in TTA Scheduler", e.session_link(to, s))
        .contact(e.contact.line());
    let key = format!("session_rescheduled:{}:{}", s.calendar_uid, s.sequence);
    let ics = calendar::invite(
        Method::Request,
        &events(e, std::slice::from_ref(s), &facts.attendees, to),
        now,
    );
    finish(
        "session_rescheduled",
        &key,
        to,
        subject,
        &doc,
        Some((Method::Request, ics)),
    )
}

/// "Cancelled" to one person: one message per session, each with that session's `CANCEL`
/// (one UID per iTIP message, as for confirmations). Key: the session's UID and sequence.
pub fn sessions_cancelled(
    facts: &CancellationFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> Vec<OutgoingMessage> {
    let e = &facts.engagement;
    facts
        .sessions
        .iter()
        .map(|s| {
            let what = if facts.whole_series && facts.sessions.len() > 1 {
                format!("Session {} (the rest of the series is cancelled too)", s.occurrence)
            } else {
                format!("Session {}", s.occurrence)
            };
            let subject = format!("Cancelled: {} — session {}", e.title, s.occurrence);
            let mut doc = Doc::new(to.greeting())
                .para(format!(
                    "{what} of \"{}\" ({}) is cancelled. The attached cancellation removes it from your calendar.",
                    e.title, e.site.name
                ))
                .list(facts.sessions.iter().map(|each| session_line(each, to, e)).collect());
            if !facts.reason.trim().is_empty() {
                doc = doc.para(format!("Reason: {}", facts.reason.trim()));
            }
            let doc = doc
                .link("Open in TTA Scheduler", e.session_link(to, s))
                .contact(e.contact.line());
            let key = format!("sessions_cancelled:{}:{}", s.calendar_uid, s.sequence);
            let ics = calendar::invite(
                Method::Cancel,
                &events(e, std::slice::from_ref(s), &facts.attendees, to),
                now,
            );
            finish(
                "sessions_cancelled",
                &key,
                to,
                subject,
                &doc,
                Some((Method::Cancel, ics)),
            )
        })
        .collect()
}

/// Reminder before a session. Key: session UID and start instant, so a rescheduled session
/// gets a new reminder and the same one is never sent twice.
pub fn reminder(facts: &ReminderFacts, to: &Person) -> OutgoingMessage {
    let e = &facts.engagement;
    let s = &facts.session;
    let subject = format!(
        "Reminder: {}, session {} — {}",
        e.title,
        s.occurrence,
        span(s.starts_at, s.ends_at, to.zone)
    );
    let doc = Doc::new(to.greeting())
        .para(format!(
            "A reminder of the coming session of \"{}\" ({}).",
            e.title, e.site.name
        ))
        .facts(vec![
            (
                "When".to_owned(),
                span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone),
            ),
            ("Where".to_owned(), place(s)),
            ("Provider".to_owned(), e.provider.name.clone()),
        ])
        .link("Join the session", s.virtual_link.clone())
        .link("Open in TTA Scheduler", e.session_link(to, s))
        .contact(e.contact.line());
    let key = format!("reminder:{}:{}", s.calendar_uid, s.starts_at.timestamp());
    finish("reminder", &key, to, subject, &doc, None)
}

/// Feedback request after a session. Key: session UID.
pub fn feedback_request(facts: &FeedbackFacts, to: &Person) -> OutgoingMessage {
    let e = &facts.engagement;
    let s = &facts.session;
    let subject = format!(
        "How was it? Feedback on {}, session {}",
        e.title, s.occurrence
    );
    let doc = Doc::new(to.greeting())
        .para(format!(
            "Thank you for taking part in session {} of \"{}\" with {} on {}. \
             Two minutes of feedback helps us plan the next sessions.",
            s.occurrence,
            e.title,
            e.provider.name,
            span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone)
        ))
        .link("Rate the session", e.session_link(to, s))
        .contact(e.contact.line());
    let key = format!("feedback_request:{}", s.calendar_uid);
    finish("feedback_request", &key, to, subject, &doc, None)
}

fn engagement_facts(e: &EngagementFacts) -> Vec<(String, String)> {
    vec![
        (
            "Request".to_owned(),
            format!("#{} {}", e.request_id, e.title),
        ),
        (
            "Site".to_owned(),
            format!("{} ({})", e.site.name, e.site.zone.name()),
        ),
        ("Provider".to_owned(), e.provider.name.clone()),
    ]
}

fn session_line(s: &SessionFacts, to: &Person, e: &EngagementFacts) -> String {
    with_place(
        format!(
            "Session {}: {}",
            s.occurrence,
            span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone)
        ),
        s,
    )
}

/// `line` with the session's place after a dash, or as it is while the place is not known.
pub(super) fn with_place(line: String, s: &SessionFacts) -> String {
    match place(s) {
        place if place.is_empty() => line,
        place => format!("{line} — {place}"),
    }
}

/// Where the session happens, in words; empty while neither an address nor a link is known
/// (the "Where" line is then left out, never "to be announced").
pub(super) fn place(s: &SessionFacts) -> String {
    match (s.location.trim(), s.virtual_link.trim()) {
        ("", "") => String::new(),
        ("", link) => format!("online, {link}"),
        (location, "") => location.to_owned(),
        (location, link) => format!("{location}, or online at {link}"),
    }
}

/// The invite's events as `to` receives them (the description links to `to`'s own page).
pub(super) fn events(
    e: &EngagementFacts,
    sessions: &[SessionFacts],
    attendees: &[Person],
    to: &Person,
) -> Vec<CalendarEvent> {
    sessions
        .iter()
        .map(|s| CalendarEvent {
            uid: s.calendar_uid.clone(),
            sequence: s.sequence,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            summary: format!("PSP TTA: {} (session {})", e.title, s.occurrence),
            description: format!(
                "{} — {} with {}.\n{}\n{}\n{}",
                e.title,
                e.site.name,
                e.provider.name,
                span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone),
                e.contact.line(),
                e.session_link(to, s)
            ),
            location: s.location.clone(),
            virtual_link: s.virtual_link.clone(),
            organizer: CalendarPerson {
                name: e.organizer.name.clone(),
                email: e.organizer.email.clone(),
            },
            attendees: attendees
                .iter()
                .map(|p| CalendarPerson {
                    name: p.name.clone(),
                    email: p.email.clone(),
                })
                .collect(),
        })
        .collect()
}

pub(super) fn finish(
    event: &'static str,
    event_key: &str,
    to: &Person,
    subject: String,
    doc: &Doc,
    calendar: Option<(Method, String)>,
) -> OutgoingMessage {
    // Titles and site names are free text; a subject is one header line.
    let subject = crate::mail::header_text::header_text(&subject);
    OutgoingMessage {
        event,
        dedup_key: DedupKey::new(event_key, &to.email),
        to: to.recipient(),
        html: doc.html(&subject),
        text: doc.text(),
        subject,
        calendar: calendar.map(|(method, ics)| CalendarPart { method, ics }),
    }
}
