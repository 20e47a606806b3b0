//! Seats and the waitlist, inside the transaction that changes them: taking the event's lock,
//! counting seats taken, and giving free seats to the people waiting, in arrival order.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::kinds::RegistrationStatus;
use super::messages::{Letter, promoted};
use crate::ServiceError;
use crate::entities::{event_registration, group_event};
use crate::mail::enqueue;
use crate::notify::NotifySettings;

/// Raises the event's `arrivals` and reads the event back: the first statement of every change
/// to an event's registrations. On PostgreSQL the `UPDATE` holds the event's row lock until the
/// transaction ends, so concurrent changes of one event take turns and each reads what the
/// previous one committed; on SQLite the write gate does the same. The returned `arrivals` is
/// this change's arrival number. An unknown event is not found.
pub async fn lock_event<C: ConnectionTrait>(
    conn: &C,
    event_id: i32,
) -> Result<group_event::Model, ServiceError> {
    let locked = group_event::Entity::update_many()
        .col_expr(
            group_event::Column::Arrivals,
            Expr::col(group_event::Column::Arrivals).add(1),
        )
        .filter(group_event::Column::Id.eq(event_id))
        .exec(conn)
        .await?;
    if locked.rows_affected == 0 {
        return Err(ServiceError::NotFound(format!("Event #{event_id}")));
    }
    group_event::Entity::find_by_id(event_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Event #{event_id}")))
}

/// How many registrations of the event have `status`.
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    event_id: i32,
    status: RegistrationStatus,
) -> Result<i32, ServiceError> {
    let n = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event_id))
        .filter(event_registration::Column::Status.eq(status.as_str()))
        .count(conn)
        .await?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The waitlist place of a waitlisted registration at `position` (1: next in line).
pub async fn waitlist_place<C: ConnectionTrait>(
    conn: &C,
    event_id: i32,
    position: i32,
) -> Result<i32, ServiceError> {
    let ahead = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event_id))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Waitlisted.as_str()))
        .filter(event_registration::Column::Position.lt(position))
        .count(conn)
        .await?;
    Ok(i32::try_from(ahead).unwrap_or(i32::MAX - 1) + 1)
}

/// Gives every free seat of `event` (locked by [`lock_event`] in this transaction) to the
/// people waiting, first come first served, each e-mailed in the same transaction. Nothing
/// moves for a cancelled event or one that has started. Each promotion is written
/// `WHERE status = 'waitlisted'` and its row count checked, so a registration cancelled
/// meanwhile is never seated. Returns how many were promoted.
pub async fn fill_seats<C: ConnectionTrait>(
    conn: &C,
    event: &group_event::Model,
    settings: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    if event.status != "open" || event.starts_at <= now {
        return Ok(0);
    }
    let taken = count(conn, event.id, RegistrationStatus::Registered).await?;
    let free = event.capacity - taken;
    if free <= 0 {
        return Ok(0);
    }
    let next = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event.id))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Waitlisted.as_str()))
        .order_by_asc(event_registration::Column::Position)
        .limit(u64::try_from(free).unwrap_or(0))
        .all(conn)
        .await?;
    let mut promoted_count = 0;
    for waiting in next {
        let changed = event_registration::Entity::update_many()
            .col_expr(
                event_registration::Column::Status,
                Expr::value(RegistrationStatus::Registered.as_str()),
            )
            .col_expr(event_registration::Column::PromotedAt, Expr::value(now))
            .filter(event_registration::Column::Id.eq(waiting.id))
            .filter(event_registration::Column::Status.eq(RegistrationStatus::Waitlisted.as_str()))
            .exec(conn)
            .await?;
        if changed.rows_affected != 1 {
            return Err(ServiceError::Conflict(
                "The waitlist changed while seats were being given out. Try again.".to_owned(),
            ));
        }
        let seated = event_registration::Model {
            status: RegistrationStatus::Registered.as_str().to_owned(),
            promoted_at: Some(now),
            ..waiting
        };
        let letter = Letter {
            event,
            registration: &seated,
            settings,
            now,
        };
        enqueue(conn, &promoted(&letter)).await?;
        promoted_count += 1;
    }
    Ok(promoted_count)
}
