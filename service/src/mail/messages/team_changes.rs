//! A team's sessions moved or cancelled, as a site contact reads it (issue 16): ONE message per
//! change naming the whole team, listing each session once (the team shares its times), with
//! every provider's updated or cancelling invite attached (`session-N-P.ics`: session N with
//! the team's P-th provider), exactly as the contact received them at confirmation. Each
//! provider still gets their own message (`sessions_moved`, `sessions_cancelled`). Key: the
//! event and every session's UID and sequence, so the change is queued once.

use chrono::{DateTime, Utc};

use super::doc::Doc;
use super::session::{finish, invites, place, series_key, sessions_list, with_place};
use super::{CancellationFacts, Person, SeriesMovedFacts, SessionFacts};
use crate::calendar::Method;
use crate::mail::{CalendarPart, OutgoingMessage};
use crate::timefmt::{span, span_with_site};

/// Every member's invites, named `session-N-P.ics`.
fn team_invites<'a>(
    method: Method,
    members: impl Iterator<Item = (&'a super::EngagementFacts, Vec<SessionFacts>, &'a [Person])>,
    to: &Person,
    now: DateTime<Utc>,
) -> Vec<CalendarPart> {
    members
        .enumerate()
        .flat_map(|(position, (e, sessions, attendees))| {
            invites(method, e, &sessions, attendees, to, now)
                .into_iter()
                .zip(sessions.clone())
                .map(move |(mut part, s)| {
                    part.filename = format!("session-{}-{}.ics", s.occurrence, position + 1);
                    part
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn names_of<'a>(providers: impl Iterator<Item = &'a super::EngagementFacts>) -> String {
    super::join_names(
        &providers
            .map(|e| e.provider.name.clone())
            .collect::<Vec<_>>(),
    )
}

/// "Rescheduled" for a team's sessions to a site contact `to`; `members`: each provider's
/// moves, in team order (the lead's are listed).
pub fn team_sessions_moved(
    members: &[SeriesMovedFacts],
    to: &Person,
    now: DateTime<Utc>,
) -> Option<OutgoingMessage> {
    let lead = members.first()?;
    let e = &lead.engagement;
    let names = names_of(members.iter().map(|m| &m.engagement));
    let count = lead.moves.len();
    let first = lead.moves.first()?;
    let subject = if count == 1 {
        format!(
            "Rescheduled: {}, session {} with {names} — now {}",
            e.title,
            first.session.occurrence,
            span(first.session.starts_at, first.session.ends_at, to.zone)
        )
    } else {
        format!(
            "{count} sessions rescheduled: {} with {names} — from {}",
            e.title,
            span(first.session.starts_at, first.session.ends_at, to.zone)
        )
    };
    let mut doc = Doc::new(to.greeting())
        .para(format!(
            "{} of \"{}\" ({}) with the team of {names} {} moved; each is listed with its new \
             time and the time it had. Every provider's updated invite is attached \
             (session-{}-1.ics is session {} with {}, and so on); opening them moves the events \
             in your calendar.",
            if count == 1 {
                format!("Session {}", first.session.occurrence)
            } else {
                format!("{count} sessions")
            },
            e.title,
            e.site.name,
            if count == 1 { "has" } else { "have" },
            first.session.occurrence,
            first.session.occurrence,
            e.provider.name
        ))
        .list(
            lead.moves
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
        .facts(vec![("Providers".to_owned(), names.clone())]);
    if !lead.reason.trim().is_empty() {
        doc = doc.para(format!("Reason: {}", lead.reason.trim()));
    }
    let doc = doc
        .link("Open in TTA Scheduler", e.session_link(to, &first.session))
        .contact(e.contact.line());
    let all: Vec<SessionFacts> = members
        .iter()
        .flat_map(|m| m.moves.iter().map(|x| x.session.clone()))
        .collect();
    let attachments = team_invites(
        Method::Request,
        members.iter().map(|m| {
            (
                &m.engagement,
                m.moves.iter().map(|x| x.session.clone()).collect(),
                m.attendees.as_slice(),
            )
        }),
        to,
        now,
    );
    Some(finish(
        "session_rescheduled",
        &series_key("team_session_rescheduled", &all),
        to,
        subject,
        &doc,
        attachments,
    ))
}

/// "Cancelled" for a team's sessions to a site contact `to`; `members`: each provider's
/// cancelled sessions, in team order (the lead's are listed).
pub fn team_sessions_cancelled(
    members: &[CancellationFacts],
    to: &Person,
    now: DateTime<Utc>,
) -> Option<OutgoingMessage> {
    let lead = members.first()?;
    let e = &lead.engagement;
    let names = names_of(members.iter().map(|m| &m.engagement));
    let count = lead.sessions.len();
    let first = lead.sessions.first()?;
    let (subject, what) = if count == 1 {
        (
            format!(
                "Cancelled: {} — session {} with {names}",
                e.title, first.occurrence
            ),
            format!(
                "Session {} of \"{}\" ({}) with {names} is cancelled",
                first.occurrence, e.title, e.site.name
            ),
        )
    } else {
        (
            format!("{count} sessions cancelled: {} with {names}", e.title),
            format!(
                "{count} sessions of \"{}\" ({}) with {names} are cancelled{}",
                e.title,
                e.site.name,
                if lead.whole_series {
                    ": the rest of the series"
                } else {
                    ""
                }
            ),
        )
    };
    let mut doc = Doc::new(to.greeting())
        .para(format!(
            "{what}. Every provider's cancellation is attached (session-{}-1.ics is session {} \
             with {}, and so on); opening them removes the events from your calendar.",
            first.occurrence, first.occurrence, e.provider.name
        ))
        .list(sessions_list(&lead.sessions, to, e))
        .facts(vec![
            ("Providers".to_owned(), names.clone()),
            ("Where".to_owned(), place(first)),
        ]);
    if !lead.reason.trim().is_empty() {
        doc = doc.para(format!("Reason: {}", lead.reason.trim()));
    }
    let doc = doc
        .link("Open in TTA Scheduler", e.session_link(to, first))
        .contact(e.contact.line());
    let all: Vec<SessionFacts> = members
        .iter()
        .flat_map(|m| m.sessions.iter().cloned())
        .collect();
    let attachments = team_invites(
        Method::Cancel,
        members
            .iter()
            .map(|m| (&m.engagement, m.sessions.clone(), m.attendees.as_slice())),
        to,
        now,
    );
    Some(finish(
        "sessions_cancelled",
        &series_key("team_sessions_cancelled", &all),
        to,
        subject,
        &doc,
        attachments,
    ))
}
