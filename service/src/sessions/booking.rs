//! Booking sessions without ever double-booking a provider.
//!
//! A provider may not hold two tentative or confirmed sessions whose buffer-widened times
//! overlap. The rule is enforced twice: here, inside the booking transaction, to name the
//! session in the way; and by the database itself (PostgreSQL exclusion constraint, SQLite
//! triggers — see migration 000005), so that two coordinators approving at the same instant, or
//! any code path that forgets the check, still cannot double-book.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::entities::tta_session;
use crate::status::SessionStatus;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The database constraint (PostgreSQL) / trigger message (SQLite) that refuses a double booking.
const NO_DOUBLE_BOOKING: &str = "tta_session_no_double_booking";

/// A session to book.
#[derive(Clone, Debug)]
pub struct NewSession {
    pub request_id: i32,
    pub provider_id: i32,
    pub proposal_id: Option<i32>,
    pub occurrence: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub buffer_before: Duration,
    pub buffer_after: Duration,
    pub anchor_zone: TimeZone,
    pub location: String,
    pub virtual_link: String,
    pub status: SessionStatus,
}

impl NewSession {
    fn blocked(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.starts_at - self.buffer_before,
            self.ends_at + self.buffer_after,
        )
    }

    fn validate(&self) -> Result<(), ServiceError> {
        if self.starts_at >= self.ends_at {
            return Err(ServiceError::Invalid(format!(
                "Session {} must end after it starts.",
                self.occurrence
            )));
        }
        if self.buffer_before < Duration::zero() || self.buffer_after < Duration::zero() {
            return Err(ServiceError::Invalid(
                "Buffers cannot be negative.".to_owned(),
            ));
        }
        if !self.status.holds_time() {
            return Err(ServiceError::Invalid(format!(
                "A new session is tentative or confirmed, not {}.",
                self.status
            )));
        }
        Ok(())
    }
}

/// Books every session of `sessions` or none: all in one transaction.
///
/// A session that would overlap (with buffers) another tentative or confirmed session of the
/// same provider — already booked, or earlier in `sessions` — refuses the whole booking with
/// [`ServiceError::Conflict`] naming the session in the way.
pub async fn book_series(
    db: &Database,
    sessions: &[NewSession],
) -> Result<Vec<tta_session::Model>, ServiceError> {
    let result = db
        .transaction(async |txn| insert_sessions(txn, sessions).await)
        .await;
    explain_double_booking(db, sessions, result).await
}

/// Turns the database's refusal of a double booking (a race the in-transaction check could not
/// see: another transaction committed in between) into a message naming the session in the way.
///
/// A step below the door (no access check), public for the demo data that books sessions
/// directly; use cases call it after their own transaction.
pub async fn explain_double_booking<T>(
    db: &Database,
    sessions: &[NewSession],
    result: Result<T, ServiceError>,
) -> Result<T, ServiceError> {
    match result {
        Err(ServiceError::Database(error)) if is_double_booking(&error) => {
            // The database caught a race the check could not see (another transaction
            // committed in between). Name what is in the way now that it is visible.
            Err(describe_conflict(db, sessions).await)
        }
        other => other,
    }
}

/// Validates and inserts `sessions` inside the caller's transaction (the caller runs it in
/// [`Database::transaction`] and passes the result through [`explain_double_booking`]).
///
/// A step below the door (no access check), public for seeding demo data; entry points book
/// through the use cases above it (`proposals::propose`).
pub async fn insert_sessions<C: sea_orm::ConnectionTrait>(
    txn: &C,
    sessions: &[NewSession],
) -> Result<Vec<tta_session::Model>, ServiceError> {
    for session in sessions {
        session.validate()?;
    }
    let now = Utc::now();
    let mut booked = Vec::with_capacity(sessions.len());
    for session in sessions {
        let (blocked_from, blocked_until) = session.blocked();
        if let Some(existing) =
            overlapping(txn, session.provider_id, blocked_from, blocked_until).await?
        {
            return Err(conflict_message(session, &existing));
        }
        let row = tta_session::ActiveModel {
            request_id: Set(session.request_id),
            provider_id: Set(session.provider_id),
            proposal_id: Set(session.proposal_id),
            occurrence: Set(session.occurrence),
            starts_at: Set(session.starts_at),
            ends_at: Set(session.ends_at),
            blocked_from: Set(blocked_from),
            blocked_until: Set(blocked_until),
            anchor_zone: Set(session.anchor_zone.name().to_owned()),
            location: Set(session.location.clone()),
            virtual_link: Set(session.virtual_link.clone()),
            status: Set(session.status.as_str().to_owned()),
            calendar_uid: Set(format!("{}@tta-scheduler", uuid::Uuid::new_v4())),
            sequence: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        booked.push(row.insert(txn).await?);
    }
    Ok(booked)
}

/// The first tentative/confirmed session of `provider_id` whose blocked time meets the range.
pub(crate) async fn overlapping<C: sea_orm::ConnectionTrait>(
    conn: &C,
    provider_id: i32,
    blocked_from: DateTime<Utc>,
    blocked_until: DateTime<Utc>,
) -> Result<Option<tta_session::Model>, DbErr> {
    overlapping_except(conn, provider_id, blocked_from, blocked_until, None).await
}

/// [`overlapping`], ignoring the session `except` (the one being moved).
pub(crate) async fn overlapping_except<C: sea_orm::ConnectionTrait>(
    conn: &C,
    provider_id: i32,
    blocked_from: DateTime<Utc>,
    blocked_until: DateTime<Utc>,
    except: Option<i32>,
) -> Result<Option<tta_session::Model>, DbErr> {
    let mut query = tta_session::Entity::find();
    if let Some(id) = except {
        query = query.filter(tta_session::Column::Id.ne(id));
    }
    query
        .filter(tta_session::Column::ProviderId.eq(provider_id))
        .filter(tta_session::Column::Status.is_in([
            SessionStatus::Tentative.as_str(),
            SessionStatus::Confirmed.as_str(),
        ]))
        .filter(tta_session::Column::BlockedFrom.lt(blocked_until))
        .filter(tta_session::Column::BlockedUntil.gt(blocked_from))
        .order_by_asc(tta_session::Column::StartsAt)
        .one(conn)
        .await
}

pub(crate) fn is_double_booking(error: &DbErr) -> bool {
    error.to_string().contains(NO_DOUBLE_BOOKING)
}

async fn describe_conflict(db: &Database, sessions: &[NewSession]) -> ServiceError {
    for session in sessions {
        let (from, until) = session.blocked();
        if let Ok(Some(existing)) = overlapping(db.conn(), session.provider_id, from, until).await {
            return conflict_message(session, &existing);
        }
    }
    ServiceError::Conflict(
        "This booking conflicts with another session of the provider that was booked at the same time."
            .to_owned(),
    )
}

fn conflict_message(session: &NewSession, existing: &tta_session::Model) -> ServiceError {
    ServiceError::Conflict(format!(
        "Session {} ({} – {} UTC) conflicts with session #{} of request #{} ({} – {} UTC), \
         including buffers.",
        session.occurrence,
        session.starts_at.format("%Y-%m-%d %H:%M"),
        session.ends_at.format("%H:%M"),
        existing.id,
        existing.request_id,
        existing.starts_at.format("%Y-%m-%d %H:%M"),
        existing.ends_at.format("%H:%M"),
    ))
}
