//! Changing one booked session: move it (reschedule) or cancel it, or cancel the rest of a
//! series. Each change raises the session's calendar sequence, so calendars replace the event;
//! the updated or cancelling invites of confirmed sessions are queued in the same transaction.
//!
//! The `*_in` variants do the same inside a caller's transaction (answering a site's change
//! request changes the session and the request in one transaction); the caller holds
//! [`Database::transaction`] for a reschedule and passes a double-booking refusal of the database
//! through [`reschedule_refused`].

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::booking::{is_double_booking, overlapping_except};
use crate::access::{Actor, STAFF, visible_session};
use crate::engine::SchedulingSettings;
use crate::entities::{tta_request, tta_session};
use crate::notify::{self, NotifySettings};
use crate::status::{SessionStatus, SessionTransition};
use crate::{Database, ServiceError};

async fn load<C: ConnectionTrait>(
    conn: &C,
    session_id: i32,
) -> Result<(tta_session::Model, SessionStatus), ServiceError> {
    let row = tta_session::Entity::find_by_id(session_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Session #{session_id}")))?;
    let status = SessionStatus::parse(&row.status)
        .map_err(|e| ServiceError::Internal(format!("session {session_id}: {e}")))?;
    Ok((row, status))
}

/// Moves a tentative or confirmed session to `starts_at..ends_at`, keeping its UID and raising
/// its sequence; a confirmed session's provider and site contacts get the updated invite.
/// Refused (nothing changed, nothing sent) if the new time would double-book the provider.
pub async fn reschedule_session(
    db: &Database,
    actor: &Actor,
    session_id: i32,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    notify: &NotifySettings,
) -> Result<tta_session::Model, ServiceError> {
    actor.require(STAFF)?;
    visible_session(db, actor.user(), session_id).await?;
    let settings = SchedulingSettings::load(db).await?;
    let result = db
        .transaction(async |txn| {
            let (seen, _) = load(txn, session_id).await?;
            reschedule_in(txn, &settings, &seen, starts_at, ends_at, notify, "").await
        })
        .await;
    reschedule_refused(result)
}

/// [`reschedule_session`] inside the caller's transaction, telling `reason` in the e-mails.
pub(crate) async fn reschedule_in<C: ConnectionTrait>(
    txn: &C,
    settings: &SchedulingSettings,
    seen: &tta_session::Model,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    notify: &NotifySettings,
    reason: &str,
) -> Result<tta_session::Model, ServiceError> {
    let (updated, previous) = move_in(txn, settings, seen, starts_at, ends_at).await?;
    notify::session_rescheduled(txn, notify, updated.id, previous, reason).await?;
    Ok(updated)
}

/// Moves one session inside the caller's transaction and e-mails nobody: the caller queues
/// the e-mails of everything it moved at once (one message per person for a series). Returns
/// the session as it is now and the (start, end) it had.
pub(crate) async fn move_in<C: ConnectionTrait>(
    txn: &C,
    settings: &SchedulingSettings,
    seen: &tta_session::Model,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<(tta_session::Model, notify::PreviousTimes), ServiceError> {
    let session_id = seen.id;
    if starts_at >= ends_at {
        return Err(ServiceError::Invalid(
            "The new time must end after it starts.".to_owned(),
        ));
    }
    let (row, status) = load(txn, session_id).await?;
    // A visit keeps its travel days blocked wherever it moves, as when it was booked.
    let request = tta_request::Entity::find_by_id(row.request_id)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Request #{}", row.request_id)))?;
    let (before, after) = crate::engine::booking_buffers(
        &request,
        starts_at,
        ends_at,
        Duration::minutes(i64::from(settings.buffer_before_minutes)),
        Duration::minutes(i64::from(settings.buffer_after_minutes)),
    );
    let blocked_from = starts_at - before;
    let blocked_until = ends_at + after;
    status.apply(SessionTransition::Reschedule)?;
    if row.sequence != seen.sequence {
        return Err(changed_meanwhile(&row));
    }
    if row.starts_at == starts_at && row.ends_at == ends_at {
        return Err(ServiceError::Conflict(format!(
            "Session {} is already at that time; nothing was changed.",
            row.occurrence
        )));
    }
    if let Some(existing) = overlapping_except(
        txn,
        row.provider_id,
        blocked_from,
        blocked_until,
        Some(row.id),
    )
    .await?
    {
        return Err(ServiceError::Conflict(format!(
            "The new time conflicts with session #{} of request #{} ({} – {} UTC), including buffers.",
            existing.id,
            existing.request_id,
            existing.starts_at.format("%Y-%m-%d %H:%M"),
            existing.ends_at.format("%H:%M"),
        )));
    }
    let moved = tta_session::Entity::update_many()
        .col_expr(tta_session::Column::StartsAt, Expr::value(starts_at))
        .col_expr(tta_session::Column::EndsAt, Expr::value(ends_at))
        .col_expr(tta_session::Column::BlockedFrom, Expr::value(blocked_from))
        .col_expr(
            tta_session::Column::BlockedUntil,
            Expr::value(blocked_until),
        )
        .col_expr(
            tta_session::Column::Sequence,
            Expr::col(tta_session::Column::Sequence).add(1),
        )
        .col_expr(tta_session::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(tta_session::Column::Id.eq(session_id))
        // Only the version this change was decided on: a concurrent change of the same session
        // (PostgreSQL re-reads the row after waiting for its lock) leaves nothing to update.
        .filter(tta_session::Column::Sequence.eq(seen.sequence))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(changed_meanwhile(&row));
    }
    let (updated, _) = load(txn, session_id).await?;
    crate::webhooks::payloads::session_event(
        txn,
        crate::webhooks::WebhookEvent::SessionRescheduled,
        &[session_id],
    )
    .await?;
    Ok((updated, (row.starts_at, row.ends_at)))
}

/// The refusal of a change decided on an older version of the session.
fn changed_meanwhile(row: &tta_session::Model) -> ServiceError {
    ServiceError::Conflict(format!(
        "Session {} was changed by someone else just now; reload the page to see its time.",
        row.occurrence
    ))
}

/// Turns the database's refusal of a double booking during a reschedule into a message.
pub(crate) fn reschedule_refused<T>(result: Result<T, ServiceError>) -> Result<T, ServiceError> {
    match result {
        Err(ServiceError::Database(error)) if is_double_booking(&error) => {
            Err(ServiceError::Conflict(
                "The new time conflicts with another session of the provider booked just now."
                    .to_owned(),
            ))
        }
        other => other,
    }
}

/// Cancels one tentative or confirmed session (its time is released); a confirmed session's
/// provider and site contacts get the cancelling invite. A joint session is cancelled for its
/// whole team (each provider's row; one message per person). Coordinators and administrators
/// only.
pub async fn cancel_session(
    db: &Database,
    actor: &Actor,
    session_id: i32,
    notify: &NotifySettings,
) -> Result<tta_session::Model, ServiceError> {
    actor.require(STAFF)?;
    visible_session(db, actor.user(), session_id).await?;
    db.transaction(async |txn| {
        let (named, _) = load(txn, session_id).await?;
        let rows = super::joint::with_team_mates(txn, &named).await?;
        if rows.len() == 1 {
            return cancel_in(txn, session_id, notify, "").await;
        }
        // A joint session is cancelled for the whole team: one change, one message per person.
        let mut confirmed = Vec::with_capacity(rows.len());
        let mut cancelled = None;
        for row in &rows {
            let (now, was) = cancel_quietly_in(txn, row.id).await?;
            if was == SessionStatus::Confirmed {
                confirmed.push(row.id);
            }
            if row.id == session_id {
                cancelled = Some(now);
            }
        }
        notify::sessions_cancelled(txn, notify, &confirmed, false, "").await?;
        cancelled.ok_or_else(|| ServiceError::NotFound(format!("Session #{session_id}")))
    })
    .await
}

/// [`cancel_session`] inside the caller's transaction, telling `reason` in the e-mails.
pub(crate) async fn cancel_in<C: ConnectionTrait>(
    txn: &C,
    session_id: i32,
    notify: &NotifySettings,
    reason: &str,
) -> Result<tta_session::Model, ServiceError> {
    let (cancelled, was) = cancel_quietly_in(txn, session_id).await?;
    if was == SessionStatus::Confirmed {
        notify::sessions_cancelled(txn, notify, &[session_id], false, reason).await?;
    }
    Ok(cancelled)
}

/// Cancels one session inside the caller's transaction and e-mails nobody: the caller queues
/// one cancellation for everything it cancelled at once (closing an engagement). Returns the
/// session as it is now and the status it had (only a confirmed one was in calendars).
pub(crate) async fn cancel_quietly_in<C: ConnectionTrait>(
    txn: &C,
    session_id: i32,
) -> Result<(tta_session::Model, SessionStatus), ServiceError> {
    let (row, status) = load(txn, session_id).await?;
    let next = status.apply(SessionTransition::Cancel)?;
    let updated = tta_session::Entity::update_many()
        .col_expr(tta_session::Column::Status, Expr::value(next.as_str()))
        .col_expr(
            tta_session::Column::Sequence,
            Expr::col(tta_session::Column::Sequence).add(1),
        )
        .col_expr(tta_session::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(tta_session::Column::Id.eq(row.id))
        .filter(tta_session::Column::Status.eq(status.as_str()))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(format!(
            "Session #{session_id} was changed by someone else just now; reload the page."
        )));
    }
    let (cancelled, _) = load(txn, session_id).await?;
    crate::webhooks::payloads::session_event(
        txn,
        crate::webhooks::WebhookEvent::SessionCancelled,
        &[session_id],
    )
    .await?;
    Ok((cancelled, status))
}

/// Cancels session `session_id` and every later tentative or confirmed session of its series;
/// the provider and site contacts get one message with every confirmed one's cancelling invite.
/// Coordinators and administrators only.
pub async fn cancel_rest_of_series(
    db: &Database,
    actor: &Actor,
    session_id: i32,
    notify: &NotifySettings,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    actor.require(STAFF)?;
    let session = visible_session(db, actor.user(), session_id).await?;
    let (request_id, from_occurrence) = (session.request_id, session.occurrence);
    db.transaction(async |txn| cancel_rest_in(txn, request_id, from_occurrence, notify, "").await)
        .await
}

/// [`cancel_rest_of_series`] inside the caller's transaction, telling `reason` in the e-mails.
pub(crate) async fn cancel_rest_in<C: ConnectionTrait>(
    txn: &C,
    request_id: i32,
    from_occurrence: i32,
    notify: &NotifySettings,
    reason: &str,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    let condition = || {
        sea_orm::Condition::all()
            .add(tta_session::Column::RequestId.eq(request_id))
            .add(tta_session::Column::Occurrence.gte(from_occurrence))
    };
    let affected: Vec<tta_session::Model> = tta_session::Entity::find()
        .filter(condition())
        .filter(tta_session::Column::Status.is_in([
            SessionStatus::Tentative.as_str(),
            SessionStatus::Confirmed.as_str(),
        ]))
        .all(txn)
        .await?;
    let ids: Vec<i32> = affected.iter().map(|s| s.id).collect();
    if ids.is_empty() {
        return Err(ServiceError::Conflict(format!(
            "Request #{request_id} has no booked session from occurrence {from_occurrence} on; \
             nothing was cancelled."
        )));
    }
    let updated = tta_session::Entity::update_many()
        .col_expr(
            tta_session::Column::Status,
            Expr::value(SessionStatus::Cancelled.as_str()),
        )
        .col_expr(
            tta_session::Column::Sequence,
            Expr::col(tta_session::Column::Sequence).add(1),
        )
        .col_expr(tta_session::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(tta_session::Column::Id.is_in(ids.clone()))
        .filter(tta_session::Column::Status.is_in([
            SessionStatus::Tentative.as_str(),
            SessionStatus::Confirmed.as_str(),
        ]))
        .exec(txn)
        .await?;
    if updated.rows_affected != ids.len() as u64 {
        return Err(ServiceError::Conflict(format!(
            "Sessions of request #{request_id} were changed by someone else just now; reload \
             the page."
        )));
    }
    let cancelled = tta_session::Entity::find()
        .filter(tta_session::Column::Id.is_in(ids))
        .all(txn)
        .await?;
    let were_confirmed: Vec<i32> = affected
        .iter()
        .filter(|s| s.status == SessionStatus::Confirmed.as_str())
        .map(|s| s.id)
        .collect();
    notify::sessions_cancelled(txn, notify, &were_confirmed, true, reason).await?;
    let cancelled_ids: Vec<i32> = cancelled.iter().map(|s| s.id).collect();
    crate::webhooks::payloads::session_event(
        txn,
        crate::webhooks::WebhookEvent::SessionCancelled,
        &cancelled_ids,
    )
    .await?;
    Ok(cancelled)
}
