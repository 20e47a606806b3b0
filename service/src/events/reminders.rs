//! Reminders to the participants with a seat before a group event, written by the mail
//! worker's reminder job ([`crate::mail::reminders::enqueue_due`]) with the same lead as
//! session reminders. Idempotent: each reminder's key names the registration and the event's
//! start; events and registrations are taken in id order, so two instances' workers writing the
//! same reminders take the keys in the same order and never wait on each other in a cycle.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::kinds::RegistrationStatus;
use super::messages::{Letter, reminder};
use crate::entities::{event_registration, group_event};
use crate::mail::{ReminderSettings, enqueue};
use crate::notify::NotifySettings;
use crate::{Database, ServiceError};

/// Enqueues the reminder of every seated participant of the open events starting within
/// `lead` of `now`; returns how many messages were written.
pub async fn enqueue_due(
    db: &Database,
    now: DateTime<Utc>,
    lead: chrono::Duration,
    settings: &ReminderSettings,
) -> Result<usize, ServiceError> {
    let events = group_event::Entity::find()
        .filter(group_event::Column::Status.eq("open"))
        .filter(group_event::Column::StartsAt.gt(now))
        .filter(group_event::Column::StartsAt.lte(now + lead))
        .order_by_asc(group_event::Column::Id)
        .all(db.conn())
        .await?;
    if events.is_empty() {
        return Ok(0);
    }
    let notify = NotifySettings {
        public_url: settings.app_url.clone(),
        sender: settings.organizer.clone(),
        contact: Some(settings.contact.clone()),
        ..NotifySettings::default()
    };
    db.transaction(async |txn| {
        let mut written = 0;
        for event in &events {
            let seated = event_registration::Entity::find()
                .filter(event_registration::Column::EventId.eq(event.id))
                .filter(
                    event_registration::Column::Status.eq(RegistrationStatus::Registered.as_str()),
                )
                .order_by_asc(event_registration::Column::Id)
                .all(txn)
                .await?;
            for registration in &seated {
                let letter = Letter {
                    event,
                    registration,
                    settings: &notify,
                    now,
                };
                written += usize::from(enqueue(txn, &reminder(&letter)).await?);
            }
        }
        Ok(written)
    })
    .await
}
