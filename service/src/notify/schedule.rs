//! Scheduled sessions: confirmed (a `REQUEST` invite per session), sessions moved (an updated
//! `REQUEST` per session: same UID, raised `SEQUENCE`), sessions cancelled (a `CANCEL` per
//! session). Each goes to the provider and every contact of the site, who are also the invites'
//! attendees: one message per person and series for each change, however many sessions it
//! touches, with every session's invite attached as its own file. A change to a team's
//! sessions (several providers' series of one request) is one message per provider and ONE
//! per site contact naming the whole team, with every provider's invites.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::NotifySettings;
use super::facts::{distinct, engagement, request};
use crate::ServiceError;
use crate::entities::{proposal, tta_session};
use crate::mail::messages::{
    CancellationFacts, EngagementFacts, MovedSession, Person, ScheduleFacts, SeriesMovedFacts,
    schedule_confirmed as confirmed_message, sessions_cancelled as cancelled_message,
    sessions_moved as moved_message, team_schedule_confirmed as team_confirmed_message,
    team_sessions_cancelled as team_cancelled_message, team_sessions_moved as team_moved_message,
};
use crate::mail::reminders::session_facts;
use crate::mail::{OutgoingMessage, enqueue};
use crate::status::SessionStatus;

/// The engagement of `request_id` with `provider_id`, and everyone invited (provider first).
pub(super) async fn audience<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    request_id: i32,
    provider_id: i32,
) -> Result<Option<(EngagementFacts, Vec<Person>)>, ServiceError> {
    let request = request(conn, request_id).await?;
    Ok(engagement(conn, settings, &request, provider_id)
        .await?
        .map(|(facts, contacts)| {
            let attendees = distinct(std::iter::once(facts.provider.clone()).chain(contacts));
            (facts, attendees)
        }))
}

/// Enqueues "confirmed" to each person invited: one message listing every confirmed session of
/// the proposal, each session's `REQUEST` invite attached as its own file. Returns how many
/// messages were written.
pub async fn schedule_confirmed<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    proposal_id: i32,
) -> Result<usize, ServiceError> {
    let row = proposal::Entity::find_by_id(proposal_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Proposal #{proposal_id}")))?;
    let sessions: Vec<_> = tta_session::Entity::find()
        .filter(tta_session::Column::ProposalId.eq(proposal_id))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?
        .iter()
        .map(session_facts)
        .collect();
    if sessions.is_empty() {
        return Ok(0);
    }
    let Some((engagement, attendees)) =
        audience(conn, settings, row.request_id, row.provider_id).await?
    else {
        return Ok(0);
    };
    let facts = ScheduleFacts {
        engagement,
        sessions,
        attendees,
    };
    let now = Utc::now();
    let mut written = 0;
    for person in &facts.attendees {
        written += usize::from(enqueue(conn, &confirmed_message(&facts, person, now)).await?);
    }
    Ok(written)
}

/// Enqueues "confirmed" for a team approved at once (`proposal_ids`: each provider's proposal,
/// in team order): each provider their own message with their own invites, as for one provider,
/// and each contact of the site ONE message naming the whole team with every provider's invites
/// (not one per provider). Returns how many messages were written.
pub async fn team_schedule_confirmed<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    proposal_ids: &[i32],
) -> Result<usize, ServiceError> {
    let mut members: Vec<ScheduleFacts> = Vec::with_capacity(proposal_ids.len());
    for proposal_id in proposal_ids {
        let row = proposal::Entity::find_by_id(*proposal_id)
            .one(conn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Proposal #{proposal_id}")))?;
        let sessions: Vec<_> = tta_session::Entity::find()
            .filter(tta_session::Column::ProposalId.eq(*proposal_id))
            .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
            .order_by_asc(tta_session::Column::Occurrence)
            .all(conn)
            .await?
            .iter()
            .map(session_facts)
            .collect();
        if sessions.is_empty() {
            continue;
        }
        if let Some((engagement, attendees)) =
            audience(conn, settings, row.request_id, row.provider_id).await?
        {
            members.push(ScheduleFacts {
                engagement,
                sessions,
                attendees,
            });
        }
    }
    let now = Utc::now();
    let mut written = 0;
    for member in &members {
        let provider = &member.engagement.provider;
        written += usize::from(enqueue(conn, &confirmed_message(member, provider, now)).await?);
    }
    let Some((lead, rest)) = members.split_first() else {
        return Ok(written);
    };
    let providers: Vec<String> = members
        .iter()
        .map(|m| m.engagement.provider.email.trim().to_lowercase())
        .collect();
    let contacts = distinct(
        members
            .iter()
            .flat_map(|m| m.attendees.iter().cloned())
            .filter(|p| !providers.contains(&p.email.trim().to_lowercase())),
    );
    for contact in &contacts {
        written +=
            usize::from(enqueue(conn, &team_confirmed_message(lead, rest, contact, now)).await?);
    }
    Ok(written)
}

/// A session's start and end before it moved.
pub type PreviousTimes = (DateTime<Utc>, DateTime<Utc>);

/// Enqueues "rescheduled" with the updated invite for a confirmed session that moved from
/// `previous` (start, end). Nothing for a tentative session: no invite was sent for it yet.
pub async fn session_rescheduled<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    session_id: i32,
    previous: PreviousTimes,
    reason: &str,
) -> Result<usize, ServiceError> {
    sessions_rescheduled(conn, settings, &[(session_id, previous)], reason).await
}

/// Enqueues "rescheduled" for sessions moved together, each with where it was (start, end):
/// one message per person and series, listing every confirmed session moved, with each
/// session's updated invite attached as its own file. Tentative sessions are left out (no
/// invite was sent for them yet). Returns how many messages were written.
pub async fn sessions_rescheduled<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    moved: &[(i32, PreviousTimes)],
    reason: &str,
) -> Result<usize, ServiceError> {
    if moved.is_empty() {
        return Ok(0);
    }
    let previous: BTreeMap<i32, PreviousTimes> = moved.iter().copied().collect();
    let rows = tta_session::Entity::find()
        .filter(tta_session::Column::Id.is_in(previous.keys().copied().collect::<Vec<_>>()))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?;
    let groups = by_series(rows);
    let mut series: Vec<SeriesMovedFacts> = Vec::with_capacity(groups.len());
    let mut requests: Vec<i32> = Vec::with_capacity(groups.len());
    for ((request_id, provider_id), sessions) in groups {
        let Some((engagement, attendees)) =
            audience(conn, settings, request_id, provider_id).await?
        else {
            continue;
        };
        series.push(SeriesMovedFacts {
            engagement,
            moves: sessions
                .iter()
                .filter_map(|row| {
                    previous
                        .get(&row.id)
                        .map(|&(starts_at, ends_at)| MovedSession {
                            session: session_facts(row),
                            previous_starts_at: starts_at,
                            previous_ends_at: ends_at,
                        })
                })
                .collect(),
            reason: reason.to_owned(),
            attendees,
        });
        requests.push(request_id);
    }
    enqueue_change(conn, &requests, &series, moved_message, team_moved_message).await
}

/// The facts of one series' change that say who hears of it.
trait ChangeAudience {
    /// The engagement (with its provider) and everyone invited to the series.
    fn audience(&self) -> (&EngagementFacts, &Vec<Person>);
}

impl ChangeAudience for SeriesMovedFacts {
    fn audience(&self) -> (&EngagementFacts, &Vec<Person>) {
        (&self.engagement, &self.attendees)
    }
}

impl ChangeAudience for CancellationFacts {
    fn audience(&self) -> (&EngagementFacts, &Vec<Person>) {
        (&self.engagement, &self.attendees)
    }
}

/// Enqueues one change's messages (`requests[i]` is `series[i]`'s request): a series alone gets
/// one `single` message per attendee; a team's series (several providers of one request) one
/// `single` per provider and ONE `team` message per site contact, naming the whole team.
async fn enqueue_change<C: ConnectionTrait, T: ChangeAudience + Clone + Sync>(
    conn: &C,
    requests: &[i32],
    series: &[T],
    single: fn(&T, &Person, DateTime<Utc>) -> OutgoingMessage,
    team: fn(&[T], &Person, DateTime<Utc>) -> Option<OutgoingMessage>,
) -> Result<usize, ServiceError> {
    let now = Utc::now();
    let mut written = 0;
    for group in by_request(requests, series) {
        if let [one] = group.as_slice() {
            for person in one.audience().1 {
                written += usize::from(enqueue(conn, &single(one, person, now)).await?);
            }
            continue;
        }
        let members: Vec<T> = group.into_iter().cloned().collect();
        for member in &members {
            let provider = &member.audience().0.provider;
            written += usize::from(enqueue(conn, &single(member, provider, now)).await?);
        }
        for contact in &team_contacts(members.iter().map(T::audience)) {
            if let Some(message) = team(&members, contact, now) {
                written += usize::from(enqueue(conn, &message).await?);
            }
        }
    }
    Ok(written)
}

/// The series of one change grouped by request (`requests[i]` is `series[i]`'s), in order:
/// a request with several providers' series is a team's.
fn by_request<'a, T>(requests: &[i32], series: &'a [T]) -> Vec<Vec<&'a T>> {
    let mut groups: BTreeMap<i32, Vec<&'a T>> = BTreeMap::new();
    for (request, facts) in requests.iter().zip(series) {
        groups.entry(*request).or_default().push(facts);
    }
    groups.into_values().collect()
}

/// Everyone invited to a team's sessions who is not one of its providers, once each.
fn team_contacts<'a>(
    members: impl Iterator<Item = (&'a EngagementFacts, &'a Vec<Person>)> + Clone,
) -> Vec<Person> {
    let providers: Vec<String> = members
        .clone()
        .map(|(e, _)| e.provider.email.trim().to_lowercase())
        .collect();
    distinct(
        members
            .flat_map(|(_, attendees)| attendees.iter().cloned())
            .filter(|p| !providers.contains(&p.email.trim().to_lowercase())),
    )
}

/// Enqueues "cancelled" with a `CANCEL` invite for `session_ids` (sessions that were confirmed
/// before the cancellation; their sequence already raised), one message per person and
/// engagement. `whole_series`: the rest of a series, not single sessions.
pub async fn sessions_cancelled<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    session_ids: &[i32],
    whole_series: bool,
    reason: &str,
) -> Result<usize, ServiceError> {
    if session_ids.is_empty() {
        return Ok(0);
    }
    let rows = tta_session::Entity::find()
        .filter(tta_session::Column::Id.is_in(session_ids.to_vec()))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?;
    let groups = by_series(rows);
    let mut series: Vec<CancellationFacts> = Vec::with_capacity(groups.len());
    let mut requests: Vec<i32> = Vec::with_capacity(groups.len());
    for ((request_id, provider_id), sessions) in groups {
        let Some((engagement, attendees)) =
            audience(conn, settings, request_id, provider_id).await?
        else {
            continue;
        };
        series.push(CancellationFacts {
            engagement,
            sessions: sessions.iter().map(session_facts).collect(),
            whole_series,
            reason: reason.to_owned(),
            attendees,
        });
        requests.push(request_id);
    }
    enqueue_change(
        conn,
        &requests,
        &series,
        cancelled_message,
        team_cancelled_message,
    )
    .await
}

/// Sessions grouped by their series, (request, provider), each group in the order given: one
/// e-mail per person and series.
pub(super) fn by_series(
    rows: Vec<tta_session::Model>,
) -> BTreeMap<(i32, i32), Vec<tta_session::Model>> {
    let mut groups: BTreeMap<(i32, i32), Vec<tta_session::Model>> = BTreeMap::new();
    for row in rows {
        groups
            .entry((row.request_id, row.provider_id))
            .or_default()
            .push(row);
    }
    groups
}
