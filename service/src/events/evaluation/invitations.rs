//! After an event, each attendee (seated and recorded present) is e-mailed an evaluation link
//! once, by the mail worker's time-driven pass ([`crate::mail::reminders::enqueue_due`]), for
//! events that ended within the last 30 days. The link's token is made here and stored as its
//! hash with `evaluation_sent_at` by `UPDATE … WHERE evaluation_sent_at IS NULL` in the same
//! transaction as the message, whose key names the registration: two workers at once write one
//! message. Registrations are taken in id order, so two such transactions never deadlock.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::accounts::tokens::{random_token, token_hash};
use crate::entities::{event_registration, group_event};
use crate::events::kinds::RegistrationStatus;
use crate::events::messages::{Letter, evaluation_invitation};
use crate::mail::{ReminderSettings, enqueue};
use crate::notify::NotifySettings;
use crate::{Database, ServiceError};

/// How long after an event its attendees are still asked.
const ASK_WITHIN: Duration = Duration::days(30);

/// Enqueues the evaluation link of every attendee of the events ended by `now` (within
/// [`ASK_WITHIN`]) not yet asked; returns how many messages were written.
pub async fn enqueue_invitations(
    db: &Database,
    now: DateTime<Utc>,
    settings: &ReminderSettings,
) -> Result<usize, ServiceError> {
    let events = group_event::Entity::find()
        .filter(group_event::Column::Status.eq("open"))
        .filter(group_event::Column::EndsAt.lte(now))
        .filter(group_event::Column::EndsAt.gt(now - ASK_WITHIN))
        .order_by_asc(group_event::Column::Id)
        .all(db.conn())
        .await?;
    let mut due = Vec::new();
    for event in events {
        let attendees = event_registration::Entity::find()
            .filter(event_registration::Column::EventId.eq(event.id))
            .filter(event_registration::Column::Status.eq(RegistrationStatus::Registered.as_str()))
            .filter(event_registration::Column::Attendance.eq("present"))
            .filter(event_registration::Column::EvaluationSentAt.is_null())
            .order_by_asc(event_registration::Column::Id)
            .all(db.conn())
            .await?;
        if !attendees.is_empty() {
            due.push((event, attendees));
        }
    }
    if due.is_empty() {
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
        for (event, attendees) in &due {
            for registration in attendees {
                let token = random_token()?;
                let marked = event_registration::Entity::update_many()
                    .col_expr(
                        event_registration::Column::EvaluationTokenHash,
                        Expr::value(token_hash(&token)),
                    )
                    .col_expr(
                        event_registration::Column::EvaluationSentAt,
                        Expr::value(now),
                    )
                    .filter(event_registration::Column::Id.eq(registration.id))
                    .filter(event_registration::Column::EvaluationSentAt.is_null())
                    .exec(txn)
                    .await?;
                if marked.rows_affected == 0 {
                    continue;
                }
                let letter = Letter {
                    event,
                    registration,
                    settings: &notify,
                    now,
                };
                written +=
                    usize::from(enqueue(txn, &evaluation_invitation(&letter, &token)).await?);
            }
        }
        Ok(written)
    })
    .await
}
