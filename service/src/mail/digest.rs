//! The daily digest for coordinators who chose one instead of an e-mail per event: once a day
//! on their own calendar, from [`DIGEST_HOUR`] on, and only when something waits for them
//! ([`crate::waiting`]). Run by the worker's time-driven pass ([`super::reminders`]); the key
//! names the coordinator and the day, so a second pass that day writes nothing.

use chrono::{DateTime, Timelike, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::enqueue;
use super::messages::{DigestFacts, DigestLine, coordinator_digest};
use crate::accounts::Role;
use crate::entities::app_user;
use crate::notify::person;
use crate::waiting::waiting_for_coordinators;
use crate::{Database, ServiceError};

/// The hour of the coordinator's own day from which the digest is sent.
pub const DIGEST_HOUR: u32 = 7;

/// Enqueues today's digest for every active coordinator who chose one, whose day has reached
/// [`DIGEST_HOUR`] and for whom something waits; returns how many messages were written.
pub async fn enqueue_digests(
    db: &Database,
    now: DateTime<Utc>,
    app_url: &str,
) -> Result<usize, ServiceError> {
    let daily = crate::notify::preference_daily_readers(db.conn()).await?;
    if daily.is_empty() {
        return Ok(0);
    }
    let readers = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(daily))
        .filter(app_user::Column::Role.eq(Role::Coordinator.as_str()))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::Id)
        .all(db.conn())
        .await?;
    if readers.is_empty() {
        return Ok(0);
    }
    db.transaction(async |txn| {
        let lines: Vec<DigestLine> = waiting_for_coordinators(txn)
            .await?
            .into_iter()
            .map(|w| DigestLine {
                kind: w.waiting_on.label().to_owned(),
                request_id: w.request_id,
                title: w.title,
                site: w.site,
                detail: w.detail,
            })
            .collect();
        if lines.is_empty() {
            return Ok(0);
        }
        let mut written = 0;
        for reader in &readers {
            let to = person(reader)?;
            let local = now.with_timezone(&to.zone);
            if local.hour() < DIGEST_HOUR {
                continue;
            }
            let facts = DigestFacts {
                day: local.date_naive(),
                lines: lines.clone(),
                app_url: app_url.to_owned(),
            };
            written += usize::from(enqueue(txn, &coordinator_digest(&facts, &to)).await?);
        }
        Ok(written)
    })
    .await
}
