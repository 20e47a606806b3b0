//! Messages about scheduled sessions: confirmed (with invites), rescheduled (updated invites),
//! cancelled (cancelling invites), reminder before, feedback request after.
//!
//! One message per person per event: a series confirmed, moved or cancelled at once is one
//! e-mail listing every session, with each session's invite attached as its own `.ics` file
//! ([`invites`]).

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

/// "Confirmed" to one person: ONE message for the whole series, listing every session in the
/// reader's zone, with each session's `REQUEST` invite attached as its own file
/// (`session-3.ics`: one `VCALENDAR`, one UID — see [`invites`]). Key: every session's UID and
/// sequence ([`series_key`]), so approving the same series again writes nothing new.
pub fn schedule_confirmed(
    facts: &ScheduleFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> OutgoingMessage {
    let e = &facts.engagement;
    let count = facts.sessions.len();
    let first = facts.sessions.first();
    let subject = match (count, first) {
        (1, Some(s)) => format!(
            "Confirmed: {} — session {} with {}, {}",
            e.title,
            s.occurrence,
            e.provider.name,
            crate::timefmt::when_in_words(s.starts_at, s.ends_at, to.zone, to.zone)
        ),
        (_, Some(s)) => format!(
            "{count} sessions confirmed: {} with {}, from {}",
            e.title,
            e.provider.name,
            span(s.starts_at, s.ends_at, to.zone)
        ),
        (_, None) => format!("Confirmed: {}", e.title),
    };
    let intro = if count == 1 {
        format!(
            "The schedule for \"{}\" ({}) is confirmed. The attached invite adds the session to \
             your calendar.",
            e.title, e.site.name
        )
    } else {
        format!(
            "The schedule for \"{}\" ({}) is confirmed: {count} sessions, listed below. Each \
             session's invite is attached as its own file (session-1.ics, session-2.ics, …); \
             open each to add it to your calendar.",
            e.title, e.site.name
        )
    };
    let mut doc = Doc::new(to.greeting())
        .para(intro)
        .facts(engagement_facts(e))
        .list(sessions_list(&facts.sessions, to, e));
    if let Some(s) = first {
        doc = doc.link("Open in TTA Scheduler", e.session_link(to, s));
    }
    let doc = doc.contact(e.contact.line());
    finish(
        "schedule_confirmed",
        &series_key("schedule_confirmed", &facts.sessions),
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

/// "Confirmed" for a team's joint sessions to one site contact: ONE message naming every
/// provider of the team (`lead` and `rest`: each provider's own confirmation facts, the same
/// occurrences at the same times), listing each joint session once, with every provider's
/// invite attached (`session-3-1.ics`, `session-3-2.ics` …: one event per provider and
/// session, each naming its provider, which later moves and cancellations of that provider's
/// row update). Key: every session's UID and sequence, so the approval writes it once.
pub fn team_schedule_confirmed(
    lead: &ScheduleFacts,
    rest: &[ScheduleFacts],
    to: &Person,
    now: DateTime<Utc>,
) -> OutgoingMessage {
    let e = &lead.engagement;
    let names = super::join_names(
        &std::iter::once(e.provider.name.clone())
            .chain(rest.iter().map(|m| m.engagement.provider.name.clone()))
            .collect::<Vec<_>>(),
    );
    let count = lead.sessions.len();
    let first = lead.sessions.first();
    let subject = match (count, first) {
        (1, Some(s)) => format!(
            "Confirmed: {} — session {} with {names}, {}",
            e.title,
            s.occurrence,
            crate::timefmt::when_in_words(s.starts_at, s.ends_at, to.zone, to.zone)
        ),
        (_, Some(s)) => format!(
            "{count} sessions confirmed: {} with {names}, from {}",
            e.title,
            span(s.starts_at, s.ends_at, to.zone)
        ),
        (_, None) => format!("Confirmed: {} with {names}", e.title),
    };
    let members = 1 + rest.len();
    let intro = format!(
        "The schedule for \"{}\" ({}) is confirmed with a team of {members} providers: {names} \
         lead every session together. {} Each provider's invite is attached for each session \
         (session-1-1.ics is session 1 with {}, and so on); open them to add the sessions to \
         your calendar.",
        e.title,
        e.site.name,
        if count == 1 {
            "The session is below.".to_owned()
        } else {
            format!("The {count} sessions are listed below.")
        },
        e.provider.name
    );
    let mut doc = Doc::new(to.greeting())
        .para(intro)
        .facts(engagement_facts(e))
        .list(sessions_list(&lead.sessions, to, e));
    if let Some(s) = first {
        doc = doc.link("Open in TTA Scheduler", e.session_link(to, s));
    }
    let doc = doc.contact(e.contact.line());
    let all: Vec<SessionFacts> = std::iter::once(lead)
        .chain(rest)
        .flat_map(|m| m.sessions.iter().cloned())
        .collect();
    let attachments: Vec<CalendarPart> = std::iter::once(lead)
        .chain(rest)
        .enumerate()
        .flat_map(|(position, m)| {
            invites(
                Method::Request,
                &m.engagement,
                &m.sessions,
                &m.attendees,
                to,
                now,
            )
            .into_iter()
            .zip(&m.sessions)
            .map(move |(mut part, s)| {
                part.filename = format!("session-{}-{}.ics", s.occurrence, position + 1);
                part
            })
        })
        .collect();
    finish(
        "schedule_confirmed",
        &series_key("team_schedule_confirmed", &all),
        to,
        subject,
        &doc,
        attachments,
    )
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
    finish(
        "session_rescheduled",
        &series_key("session_rescheduled", std::slice::from_ref(s)),
        to,
        subject,
        &doc,
        invites(
            Method::Request,
            e,
            std::slice::from_ref(s),
            &facts.attendees,
            to,
            now,
        ),
    )
}

/// One session of a move of several, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedSession {
    /// The new time and the raised sequence.
    pub session: SessionFacts,
    pub previous_starts_at: DateTime<Utc>,
    pub previous_ends_at: DateTime<Utc>,
}

/// Several sessions of one series moved at once ("this and every later session").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesMovedFacts {
    pub engagement: EngagementFacts,
    pub moves: Vec<MovedSession>,
    pub reason: String,
    pub attendees: Vec<Person>,
}

/// "N sessions rescheduled" to one person: one message listing each session's new and former
/// time in the reader's zone, with each session's updated `REQUEST` attached as its own file.
/// Key: `session_rescheduled` and every session's UID and new sequence. One move alone reads
/// as [`session_rescheduled`].
pub fn sessions_moved(
    facts: &SeriesMovedFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> OutgoingMessage {
    if let [one] = facts.moves.as_slice() {
        return session_rescheduled(
            &RescheduleFacts {
                engagement: facts.engagement.clone(),
                session: one.session.clone(),
                previous_starts_at: one.previous_starts_at,
                previous_ends_at: one.previous_ends_at,
                reason: facts.reason.clone(),
                attendees: facts.attendees.clone(),
            },
            to,
            now,
        );
    }
    let e = &facts.engagement;
    let sessions: Vec<SessionFacts> = facts.moves.iter().map(|m| m.session.clone()).collect();
    let count = sessions.len();
    let subject = match sessions.first() {
        Some(s) => format!(
            "{count} sessions rescheduled: {} — from {}",
            e.title,
            span(s.starts_at, s.ends_at, to.zone)
        ),
        None => format!("Rescheduled: {}", e.title),
    };
    let mut doc = Doc::new(to.greeting())
        .para(format!(
            "{count} sessions of \"{}\" ({}) have moved; each is listed with its new time and \
             the time it had. Each session's updated invite is attached as its own file; \
             opening it moves the event in your calendar.",
            e.title, e.site.name
        ))
        .list(
            facts
                .moves
                .iter()
                .map(|m| {
                    let s = &m.session;
                    with_place(
                        format!(
                            "Session {}: now {} (was {})",
                            s.occurrence,
                            span_with_site(s.starts_at, s.ends_at, to.zone, e.site.zone),
                            span(m.previous_starts_at, m.previous_ends_at, to.zone)
                        ),
                        s,
                    )
                })
                .collect(),
        )
        .facts(vec![("Provider".to_owned(), e.provider.name.clone())]);
    if !facts.reason.trim().is_empty() {
        doc = doc.para(format!("Reason: {}", facts.reason.trim()));
    }
    if let Some(s) = sessions.first() {
        doc = doc.link("Open in TTA Scheduler", e.session_link(to, s));
    }
    let doc = doc.contact(e.contact.line());
    finish(
        "session_rescheduled",
        &series_key("session_rescheduled", &sessions),
        to,
        subject,
        &doc,
        invites(Method::Request, e, &sessions, &facts.attendees, to, now),
    )
}

/// "Cancelled" to one person: ONE message naming every cancelled session in the reader's zone,
/// with each session's `CANCEL` attached as its own file (one UID per file, as for
/// confirmations). Key: every session's UID and raised sequence ([`series_key`]).
pub fn sessions_cancelled(
    facts: &CancellationFacts,
    to: &Person,
    now: DateTime<Utc>,
) -> OutgoingMessage {
    let e = &facts.engagement;
    let count = facts.sessions.len();
    let (subject, intro) = match facts.sessions.as_slice() {
        [s] => (
            format!("Cancelled: {} — session {}", e.title, s.occurrence),
            format!(
                "Session {} of \"{}\" ({}) is cancelled. The attached cancellation removes it \
                 from your calendar.",
                s.occurrence, e.title, e.site.name
            ),
        ),
        _ => (
            format!(
                "{count} sessions cancelled: {}{}",
                e.title,
                if facts.whole_series {
                    " — the rest of the series"
                } else {
                    ""
                }
            ),
            format!(
                "{count} sessions of \"{}\" ({}) are cancelled{}. Each session's cancellation \
                 is attached as its own file; opening it removes the event from your calendar.",
                e.title,
                e.site.name,
                if facts.whole_series {
                    ": the rest of the series"
                } else {
                    ""
                }
            ),
        ),
    };
    let mut doc = Doc::new(to.greeting())
        .para(intro)
        .list(sessions_list(&facts.sessions, to, e));
    if !facts.reason.trim().is_empty() {
        doc = doc.para(format!("Reason: {}", facts.reason.trim()));
    }
    if let Some(s) = facts.sessions.first() {
        doc = doc.link("Open in TTA Scheduler", e.session_link(to, s));
    }
    let doc = doc.contact(e.contact.line());
    finish(
        "sessions_cancelled",
        &series_key("sessions_cancelled", &facts.sessions),
        to,
        subject,
        &doc,
        invites(
            Method::Cancel,
            e,
            &facts.sessions,
            &facts.attendees,
            to,
            now,
        ),
    )
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
        if e.co_providers.is_empty() {
            ("Provider".to_owned(), e.provider.name.clone())
        } else {
            (
                "Providers".to_owned(),
                super::join_names(
                    &std::iter::once(e.provider.name.clone())
                        .chain(e.co_providers.iter().cloned())
                        .collect::<Vec<_>>(),
                ),
            )
        },
    ]
}

/// Every session of `sessions`, one line each, in `to`'s zone (the site's clock beside it).
pub(super) fn sessions_list(
    sessions: &[SessionFacts],
    to: &Person,
    e: &EngagementFacts,
) -> Vec<String> {
    sessions.iter().map(|s| session_line(s, to, e)).collect()
}

/// The key of one event about `sessions`: `event:uid:sequence` for each, joined by commas (one
/// session: `event:uid:sequence`, as before messages carried several). A change raises the
/// sequences, so it gets a new key; the same event again gets the same key.
/// [`DedupKey`] shortens a long one with a hash of the whole.
pub(super) fn series_key(event: &str, sessions: &[SessionFacts]) -> String {
    let each: Vec<String> = sessions
        .iter()
        .map(|s| format!("{}:{}", s.calendar_uid, s.sequence))
        .collect();
    format!("{event}:{}", each.join(","))
}

/// Each session's invite as its own attachment, `session-N.ics`: a whole `VCALENDAR` with that
/// session's one `VEVENT`, its own UID and SEQUENCE. Never one file with several events:
/// Outlook refuses (or takes only the first event of) an iTIP `REQUEST`/`CANCEL` that holds
/// several UIDs, so a message about a series carries one file per session instead.
pub(super) fn invites(
    method: Method,
    e: &EngagementFacts,
    sessions: &[SessionFacts],
    attendees: &[Person],
    to: &Person,
    now: DateTime<Utc>,
) -> Vec<CalendarPart> {
    sessions
        .iter()
        .map(|s| CalendarPart {
            method,
            ics: calendar::invite(
                method,
                &events(e, std::slice::from_ref(s), attendees, to),
                now,
            ),
            filename: format!("session-{}.ics", s.occurrence),
        })
        .collect()
}

fn session_line(s: &SessionFacts, to: &Person, e: &EngagementFacts) -> String {
    with_place(
        format!(
            "Session {}: {}",
            s.occurrence,
            crate::timefmt::when_in_words(s.starts_at, s.ends_at, to.zone, e.site.zone)
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
                crate::timefmt::when_in_words(s.starts_at, s.ends_at, to.zone, e.site.zone),
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
            // A multi-day visit is written on the site's clock, one event repeated daily.
            site_zone: Some(e.site.zone),
            all_day: false,
        })
        .collect()
}

pub(super) fn finish(
    event: &'static str,
    event_key: &str,
    to: &Person,
    subject: String,
    doc: &Doc,
    invites: impl IntoIterator<Item = CalendarPart>,
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
        invites: invites.into_iter().collect(),
    }
}
