//! Refreshing connected calendars: claim a connection, fetch and expand it, record the outcome.
//!
//! A claim is a lease like the mail worker's: `claimed_by` (a fresh id per refresh) and
//! `claimed_until`, set by one conditional `UPDATE … WHERE id = ? AND (claimed_until IS NULL OR
//! claimed_until <= now)` whose row count says who won, so any number of instances (and the
//! provider's button) refresh a connection at most once at a time. A fetch gives up after
//! [`super::fetch::FETCH_TIMEOUT`], far inside [`LEASE`], so a live refresh never loses its
//! lease; a refresh whose process died is taken again once its lease has run out.
//!
//! The outcome is written only while the claim is still the row's (`claimed_by` matches), in
//! one transaction: on success the connection's busy spans are replaced (delete, insert) and it
//! is due again in [`REFRESH_EVERY`]; on failure the spans of the last good refresh stay, the
//! failure's sentence is kept, and it is tried again in [`RETRY_AFTER_FAILURE`].
//!
//! A CalDAV password is opened with the installation key just before the fetch and never
//! stored opened; one that does not open fails the connection with
//! [`super::password::UNREADABLE`].

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::WINDOW_DAYS;
use super::fetch::{FetchError, fetch_caldav, fetch_ics};
use super::parse::expand_calendars;
use super::password::{UNREADABLE, saved_password};
use crate::entities::{calendar_busy, provider_calendar, provider_profile};
use crate::secrets::SecretKey;
use crate::{Database, ServiceError};

/// How long a claim holds its connection.
pub const LEASE: StdDuration = StdDuration::from_secs(300);
/// A connection that worked is refreshed again after this long.
pub const REFRESH_EVERY: Duration = Duration::minutes(30);
/// A connection that failed is tried again after this long.
pub const RETRY_AFTER_FAILURE: Duration = Duration::minutes(10);
/// Busy spans inserted per statement (4 values each, well inside both databases' limits).
const INSERT_CHUNK: usize = 500;

/// One refresh's claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarClaim {
    pub claimer: String,
    pub until: DateTime<Utc>,
}

/// A fresh claim valid for [`LEASE`] from `now`.
pub fn new_claim(now: DateTime<Utc>) -> CalendarClaim {
    CalendarClaim {
        claimer: uuid::Uuid::new_v4().simple().to_string(),
        until: now + Duration::from_std(LEASE).unwrap_or(Duration::minutes(5)),
    }
}

fn unleased(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(provider_calendar::Column::ClaimedUntil.is_null())
        .add(provider_calendar::Column::ClaimedUntil.lte(now))
}

/// Claims connection `id` (whatever its schedule), or else the connection due longest, if any
/// is due at `now` and not held by a live claim. `None`: nothing to claim (or another won).
pub async fn claim_one(
    db: &Database,
    claim: &CalendarClaim,
    now: DateTime<Utc>,
    id: Option<i32>,
) -> Result<Option<provider_calendar::Model>, ServiceError> {
    let candidate = match id {
        Some(id) => Some(id),
        None => {
            provider_calendar::Entity::find()
                .select_only()
                .column(provider_calendar::Column::Id)
                .filter(provider_calendar::Column::NextRefreshAt.lte(now))
                .filter(unleased(now))
                .order_by_asc(provider_calendar::Column::NextRefreshAt)
                .order_by_asc(provider_calendar::Column::Id)
                .limit(1)
                .into_tuple::<i32>()
                .one(db.conn())
                .await?
        }
    };
    let Some(candidate) = candidate else {
        return Ok(None);
    };
    let won = provider_calendar::Entity::update_many()
        .col_expr(
            provider_calendar::Column::ClaimedBy,
            Expr::value(claim.claimer.clone()),
        )
        .col_expr(
            provider_calendar::Column::ClaimedUntil,
            Expr::value(claim.until),
        )
        .filter(provider_calendar::Column::Id.eq(candidate))
        .filter(unleased(now))
        .exec(db.conn())
        .await?
        .rows_affected
        == 1;
    if !won {
        return Ok(None);
    }
    Ok(provider_calendar::Entity::find_by_id(candidate)
        .one(db.conn())
        .await?)
}

/// Fetches and expands the claimed connection `row` and records the outcome (see the module
/// text); the connection as recorded. A failure of the calendar is recorded, not an error; a
/// claim lost meanwhile is a 409.
pub async fn refresh_claimed(
    db: &Database,
    key: &SecretKey,
    claim: &CalendarClaim,
    row: provider_calendar::Model,
    now: DateTime<Utc>,
) -> Result<provider_calendar::Model, ServiceError> {
    let home = provider_profile::Entity::find_by_id(row.provider_id)
        .one(db.conn())
        .await?
        .and_then(|p| p.home_zone.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::Tz::UTC);
    let from = now - Duration::days(1);
    let until = now + Duration::days(WINDOW_DAYS);
    let texts = if row.kind == "caldav" {
        match (row.username.as_deref(), saved_password(key, &row)) {
            (Some(user), Ok(Some(password))) => {
                fetch_caldav(db.outbound_policy(), &row.url, user, &password, from, until)
                    .await
                    .map_err(|e| e.to_string())
            }
            (_, Err(unopened)) => {
                tracing::warn!(calendar = row.id, %unopened, "saved CalDAV password does not open");
                Err(UNREADABLE.to_owned())
            }
            _ => Err(FetchError::Refused(401).to_string()),
        }
    } else {
        fetch_ics(db.outbound_policy(), &row.url)
            .await
            .map(|text| vec![text])
            .map_err(|e| e.to_string())
    };
    let outcome = match texts {
        Err(error) => Err(error),
        Ok(texts) => {
            // Parsing a large calendar is CPU work: off the async threads.
            tokio::task::spawn_blocking(move || expand_calendars(&texts, home, from, until))
                .await
                .map_err(|e| ServiceError::Internal(format!("calendar expansion: {e}")))?
                .map_err(|e| format!("the calendar's answer could not be read: {e}"))
        }
    };
    let id = row.id;
    let provider_id = row.provider_id;
    let claimer = claim.claimer.clone();
    match &outcome {
        Ok(expanded) => tracing::info!(
            calendar = id,
            provider = provider_id,
            busy = expanded.spans.len(),
            skipped = expanded.skipped,
            "calendar refreshed"
        ),
        Err(error) => tracing::warn!(
            calendar = id,
            provider = provider_id,
            %error,
            "calendar refresh failed"
        ),
    }
    db.transaction(async |txn| {
        let mut update = provider_calendar::Entity::update_many()
            .col_expr(
                provider_calendar::Column::ClaimedBy,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                provider_calendar::Column::ClaimedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                provider_calendar::Column::LastAttemptAt,
                Expr::value(Some(now)),
            );
        update = match &outcome {
            Ok(expanded) => update
                .col_expr(provider_calendar::Column::LastStatus, Expr::value("ok"))
                .col_expr(
                    provider_calendar::Column::LastError,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    provider_calendar::Column::LastSuccessAt,
                    Expr::value(Some(now)),
                )
                .col_expr(
                    provider_calendar::Column::BusyCount,
                    Expr::value(i32::try_from(expanded.spans.len()).unwrap_or(i32::MAX)),
                )
                .col_expr(
                    provider_calendar::Column::NextRefreshAt,
                    Expr::value(now + REFRESH_EVERY),
                ),
            Err(error) => update
                .col_expr(provider_calendar::Column::LastStatus, Expr::value("failed"))
                .col_expr(
                    provider_calendar::Column::LastError,
                    Expr::value(Some(error.clone())),
                )
                .col_expr(
                    provider_calendar::Column::NextRefreshAt,
                    Expr::value(now + RETRY_AFTER_FAILURE),
                ),
        };
        let held = update
            .filter(provider_calendar::Column::Id.eq(id))
            .filter(provider_calendar::Column::ClaimedBy.eq(claimer.clone()))
            .exec(txn)
            .await?
            .rows_affected
            == 1;
        if !held {
            return Err(ServiceError::Conflict(
                "This calendar was refreshed by another instance meanwhile; reload the page."
                    .to_owned(),
            ));
        }
        if let Ok(expanded) = &outcome {
            calendar_busy::Entity::delete_many()
                .filter(calendar_busy::Column::CalendarId.eq(id))
                .exec(txn)
                .await?;
            for chunk in expanded.spans.chunks(INSERT_CHUNK) {
                calendar_busy::Entity::insert_many(chunk.iter().map(|span| {
                    calendar_busy::ActiveModel {
                        calendar_id: Set(id),
                        provider_id: Set(provider_id),
                        starts_at: Set(span.starts_at),
                        ends_at: Set(span.ends_at),
                        ..Default::default()
                    }
                }))
                .exec(txn)
                .await?;
            }
        }
        Ok(())
    })
    .await?;
    provider_calendar::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Calendar #{id}")))
}

/// Refreshes every connection due at `now`, one at a time: how many were refreshed.
pub async fn refresh_due(
    db: &Database,
    key: &SecretKey,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError> {
    let mut done = 0;
    loop {
        let claim = new_claim(now);
        let Some(row) = claim_one(db, &claim, now, None).await? else {
            return Ok(done);
        };
        match refresh_claimed(db, key, &claim, row, now).await {
            Ok(_) | Err(ServiceError::Conflict(_)) => done += 1,
            Err(error) => return Err(error),
        }
    }
}

/// The background refresh inside `tta serve`: every `poll_interval`, refresh what is due.
#[derive(Clone)]
pub struct RefreshWorker {
    pub db: Database,
    /// Opens the saved CalDAV passwords.
    pub key: SecretKey,
    pub poll_interval: StdDuration,
}

impl RefreshWorker {
    /// Runs until `shutdown` completes (a refresh under way finishes first).
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tracing::info!("calendar refresh worker started");
        tokio::pin!(shutdown);
        loop {
            match refresh_due(&self.db, &self.key, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(refreshed = n, "calendar refresh worker: pass done"),
                Err(error) => tracing::error!("calendar refresh worker: {error}"),
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(self.poll_interval) => {}
            }
        }
        tracing::info!("calendar refresh worker stopped");
    }
}
