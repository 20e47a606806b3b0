//! The event's coordinator runs it: raising (or lowering) capacity, which seats as many people
//! waiting as there are new seats, and cancelling it, which tells every live registrant.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::access::roster_event;
use super::kinds::RegistrationStatus;
use super::messages::{Letter, event_called_off};
use super::seats::{count, fill_seats, lock_event};
use crate::access::{Actor, STAFF};
use crate::entities::{event_registration, group_event};
use crate::mail::enqueue;
use crate::notify::NotifySettings;
use crate::{Database, ServiceError};

async fn managed_event(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<group_event::Model, ServiceError> {
    actor.require(STAFF)?;
    let (event, reach) = roster_event(db, actor, event_id).await?;
    if !reach.manage {
        return Err(ServiceError::NotFound(format!("Event #{event_id}")));
    }
    Ok(event)
}

/// Sets the event's capacity; new seats go at once to the people waiting, in arrival order,
/// each e-mailed. Refused: a number out of range or below the seats already taken (400 beside
/// `capacity`), a cancelled event (409). The event's coordinator only. Returns how many were
/// promoted.
pub async fn change_capacity(
    db: &Database,
    actor: &Actor,
    event_id: i32,
    capacity: &str,
    settings: &NotifySettings,
) -> Result<i32, ServiceError> {
    let event = managed_event(db, actor, event_id).await?;
    let field = |message: String| {
        ServiceError::InvalidFields(contract::FieldErrors::single("capacity", message))
    };
    let capacity = capacity
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|c| (1..=10_000).contains(c))
        .ok_or_else(|| field("Enter how many seats, from 1 to 10000.".to_owned()))?;
    let actor_id = actor.id();
    db.transaction(async |txn| {
        let now = Utc::now();
        let locked = lock_event(txn, event.id).await?;
        if locked.status != "open" {
            return Err(ServiceError::Conflict(
                "This event is cancelled; its capacity no longer changes.".to_owned(),
            ));
        }
        let taken = count(txn, locked.id, RegistrationStatus::Registered).await?;
        if capacity < taken {
            return Err(field(format!(
                "{taken} people hold seats; capacity cannot go below {taken}."
            )));
        }
        group_event::Entity::update_many()
            .col_expr(group_event::Column::Capacity, Expr::value(capacity))
            .filter(group_event::Column::Id.eq(locked.id))
            .exec(txn)
            .await?;
        let updated = group_event::Model { capacity, ..locked };
        let promoted = fill_seats(txn, &updated, settings, now).await?;
        crate::accounts::audit::record(
            txn,
            crate::accounts::audit::AuditEntry {
                actor_user_id: Some(actor_id),
                action: "event.capacity_changed",
                subject_type: "group_event",
                subject_id: Some(updated.id.to_string()),
                detail: serde_json::json!({ "capacity": capacity, "promoted": promoted }),
                ip: None,
            },
        )
        .await?;
        Ok(promoted)
    })
    .await
}

/// Cancels the event: registration closes, every live registrant is e-mailed (with a cancel
/// invite for those who held a seat). A second cancel is a 409. The event's coordinator only.
pub async fn cancel_event(
    db: &Database,
    actor: &Actor,
    event_id: i32,
    settings: &NotifySettings,
) -> Result<(), ServiceError> {
    let event = managed_event(db, actor, event_id).await?;
    let actor_id = actor.id();
    db.transaction(async |txn| {
        let now = Utc::now();
        lock_event(txn, event.id).await?;
        let changed = group_event::Entity::update_many()
            .col_expr(group_event::Column::Status, Expr::value("cancelled"))
            .col_expr(group_event::Column::CancelledAt, Expr::value(now))
            .col_expr(
                group_event::Column::Sequence,
                Expr::col(group_event::Column::Sequence).add(1),
            )
            .filter(group_event::Column::Id.eq(event.id))
            .filter(group_event::Column::Status.eq("open"))
            .exec(txn)
            .await?;
        if changed.rows_affected == 0 {
            return Err(ServiceError::Conflict(
                "This event is already cancelled.".to_owned(),
            ));
        }
        let cancelled = group_event::Entity::find_by_id(event.id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Event #{}", event.id)))?;
        let live = event_registration::Entity::find()
            .filter(event_registration::Column::EventId.eq(event.id))
            .filter(event_registration::Column::Status.ne(RegistrationStatus::Cancelled.as_str()))
            .order_by_asc(event_registration::Column::Position)
            .all(txn)
            .await?;
        for registration in &live {
            let letter = Letter {
                event: &cancelled,
                registration,
                settings,
                now,
            };
            let held_seat = registration.status == RegistrationStatus::Registered.as_str();
            enqueue(txn, &event_called_off(&letter, held_seat)).await?;
        }
        crate::accounts::audit::record(
            txn,
            crate::accounts::audit::AuditEntry {
                actor_user_id: Some(actor_id),
                action: "event.cancelled",
                subject_type: "group_event",
                subject_id: Some(event.id.to_string()),
                detail: serde_json::json!({ "told": live.len() }),
                ip: None,
            },
        )
        .await?;
        Ok(())
    })
    .await
}
