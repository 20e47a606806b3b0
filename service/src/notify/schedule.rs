//! Scheduled sessions: confirmed (a `REQUEST` invite with every session), one session moved (an
//! updated `REQUEST`: same UID, raised `SEQUENCE`), sessions cancelled (`CANCEL`). Each goes to
//! the provider and every contact of the site, who are also the invite's attendees.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::NotifySettings;
use super::facts::{distinct, engagement, request};
use crate::ServiceError;
use crate::entities::{proposal, tta_session};
use crate::mail::enqueue;
use crate::mail::messages::{
    CancellationFacts, EngagementFacts, Person, RescheduleFacts, ScheduleFacts,
    schedule_confirmed as confirmed_message, session_rescheduled as rescheduled_message,
    sessions_cancelled as cancelled_message,
};
use crate::mail::reminders::session_facts;
use crate::status::SessionStatus;

/// The engagement of `request_id` with `provider_id`, and everyone invited (provider first).
async fn audience<C: ConnectionTrait>(
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

/// Enqueues "confirmed" with a `REQUEST` invite holding every confirmed session of the
/// proposal. Returns how many messages were written.
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
        for message in confirmed_message(&facts, person, now) {
            written += usize::from(enqueue(conn, &message).await?);
        }
    }
    Ok(written)
}

/// Enqueues "rescheduled" with the updated invite for a confirmed session that moved from
/// `previous` (start, end). Nothing for a tentative session: no invite was sent for it yet.
pub async fn session_rescheduled<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    session_id: i32,
    previous: (DateTime<Utc>, DateTime<Utc>),
    reason: &str,
) -> Result<usize, ServiceError> {
    let session = tta_session::Entity::find_by_id(session_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Session #{session_id}")))?;
    if session.status != SessionStatus::Confirmed.as_str() {
        return Ok(0);
    }
    let Some((engagement, attendees)) =
        audience(conn, settings, session.request_id, session.provider_id).await?
    else {
        return Ok(0);
    };
    let facts = RescheduleFacts {
        engagement,
        session: session_facts(&session),
        previous_starts_at: previous.0,
        previous_ends_at: previous.1,
        reason: reason.to_owned(),
        attendees,
    };
    let now = Utc::now();
    let mut written = 0;
    for person in &facts.attendees {
        written += usize::from(enqueue(conn, &rescheduled_message(&facts, person, now)).await?);
    }
    Ok(written)
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
    let mut groups: BTreeMap<(i32, i32), Vec<tta_session::Model>> = BTreeMap::new();
    for row in rows {
        groups
            .entry((row.request_id, row.provider_id))
            .or_default()
            .push(row);
    }
    let now = Utc::now();
    let mut written = 0;
    for ((request_id, provider_id), sessions) in groups {
        let Some((engagement, attendees)) =
            audience(conn, settings, request_id, provider_id).await?
        else {
            continue;
        };
        let facts = CancellationFacts {
            engagement,
            sessions: sessions.iter().map(session_facts).collect(),
            whole_series,
            reason: reason.to_owned(),
            attendees,
        };
        for person in &facts.attendees {
            for message in cancelled_message(&facts, person, now) {
                written += usize::from(enqueue(conn, &message).await?);
            }
        }
    }
    Ok(written)
}
