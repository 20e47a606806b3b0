//! Claiming a due delivery atomically, and recording how its attempt ended.
//!
//! A claim sets `status = 'sending'`, a lease (`claimed_until`) and the claimer's id, and counts
//! the attempt, in one statement — on PostgreSQL `UPDATE … WHERE id IN (SELECT … FOR UPDATE OF
//! d SKIP LOCKED LIMIT 1) RETURNING *`, so workers in any number of instances take different
//! deliveries without waiting; on SQLite the same statement without the locking clause (one
//! writer at a time). Only deliveries of enabled endpoints are claimed. The lease outlasts the
//! HTTP call's timeout, so a live worker always records its attempt before the lease runs out,
//! and a crashed worker's delivery is due again once it has — each attempt is sent once.
//! Outcomes are written only while the claim is still the row's (`claimed_by` matches).
//!
//! A failure also counts against the endpoint: after `disable_after` failed attempts in a row
//! (or a day of nothing but failures) the endpoint is disabled, with the reason shown on the
//! page, and every active administrator is e-mailed through the outbox — in the same
//! transaction, guarded so that it happens once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement,
};

use super::RetrySchedule;
use crate::entities::{app_user, webhook_attempt, webhook_delivery, webhook_endpoint};
use crate::mail::{DedupKey, OutgoingMessage, Recipient};
use crate::{Database, ServiceError};

/// One claim: who holds the row and until when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub claimer: String,
    pub until: DateTime<Utc>,
}

impl Claim {
    pub fn new(now: DateTime<Utc>, lease: std::time::Duration) -> Self {
        Self {
            claimer: uuid::Uuid::new_v4().simple().to_string(),
            until: now + Duration::from_std(lease).unwrap_or(Duration::minutes(1)),
        }
    }
}

const DUE: &str = "FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id \
                   WHERE e.enabled AND ((d.status = 'pending' AND {next} <= {now}) \
                   OR (d.status = 'sending' AND {until} <= {now}))";

fn due_clause(backend: DbBackend) -> String {
    match backend {
        DbBackend::Postgres => DUE
            .replace("{next}", "d.next_attempt_at")
            .replace("{until}", "d.claimed_until")
            .replace("{now}", "$1"),
        // julianday() compares instants whatever text form a row's timestamp was written in.
        _ => DUE
            .replace("{next}", "julianday(d.next_attempt_at)")
            .replace("{until}", "julianday(d.claimed_until)")
            .replace("{now}", "julianday(?1)"),
    }
}

/// Whether anything is due at `now` (a plain read, so an idle worker takes no write turn).
pub async fn any_due(db: &Database, now: DateTime<Utc>) -> Result<bool, ServiceError> {
    let backend = db.backend();
    let sql = format!("SELECT d.id {} LIMIT 1", due_clause(backend));
    Ok(db
        .conn()
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [now.into()]))
        .await?
        .is_some())
}

/// Claims the oldest due delivery, if any.
pub async fn claim_next(
    db: &Database,
    claim: &Claim,
    now: DateTime<Utc>,
) -> Result<Option<webhook_delivery::Model>, ServiceError> {
    let backend = db.backend();
    let sql = match backend {
        DbBackend::Postgres => format!(
            "UPDATE webhook_delivery SET status = 'sending', claimed_by = $2, claimed_until = $3, \
             attempts = attempts + 1 WHERE id IN (SELECT d.id {} \
             ORDER BY d.next_attempt_at, d.id LIMIT 1 FOR UPDATE OF d SKIP LOCKED) RETURNING *",
            due_clause(backend)
        ),
        _ => format!(
            "UPDATE webhook_delivery SET status = 'sending', claimed_by = ?2, claimed_until = ?3, \
             attempts = attempts + 1 WHERE id IN (SELECT d.id {} \
             ORDER BY d.next_attempt_at, d.id LIMIT 1) RETURNING *",
            due_clause(backend)
        ),
    };
    let statement = Statement::from_sql_and_values(
        backend,
        sql,
        [now.into(), claim.claimer.clone().into(), claim.until.into()],
    );
    db.transaction(async |txn| {
        Ok(webhook_delivery::Entity::find()
            .from_raw_sql(statement)
            .one(txn)
            .await?)
    })
    .await
}

/// How one attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finished {
    pub delivery_id: i64,
    pub endpoint_id: i32,
    /// This attempt's number (the row's `attempts` after the claim).
    pub attempt: i32,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub duration_ms: i64,
    pub status_code: Option<i32>,
    pub response_excerpt: Option<String>,
    /// `None` when the receiver answered 2xx.
    pub error: Option<String>,
}

/// When an endpoint is disabled, and who is told.
#[derive(Clone, Debug)]
pub struct DisablePolicy {
    /// Failed attempts in a row that disable an endpoint.
    pub after_failures: i32,
    /// Failing without a success for this long also disables it.
    pub after: Duration,
    /// Base of the link in the administrators' e-mail.
    pub public_url: String,
}

impl Default for DisablePolicy {
    fn default() -> Self {
        Self {
            after_failures: 10,
            after: Duration::hours(24),
            public_url: "http://localhost:3000".to_owned(),
        }
    }
}

/// Records `done` under `claim`, moves the delivery on (delivered, retry later, failed) and
/// keeps the endpoint's failure streak, in one transaction. Returns the delivery's new status.
pub async fn record(
    db: &Database,
    claim: &Claim,
    schedule: &RetrySchedule,
    disable: &DisablePolicy,
    done: &Finished,
) -> Result<&'static str, ServiceError> {
    db.transaction(async |txn| {
        let (status, outcome, next) = match &done.error {
            None => ("delivered", "delivered", done.finished_at),
            Some(_) => match schedule.delay_after(done.attempt) {
                Some(delay) => (
                    "pending",
                    "retry",
                    done.finished_at + Duration::from_std(delay).unwrap_or(Duration::minutes(1)),
                ),
                None => ("failed", "failed", done.finished_at),
            },
        };
        let mut update = webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::Status, Expr::value(status))
            .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(next))
            .col_expr(
                webhook_delivery::Column::LastStatusCode,
                Expr::value(done.status_code),
            )
            .col_expr(
                webhook_delivery::Column::LastError,
                Expr::value(done.error.clone()),
            )
            .col_expr(
                webhook_delivery::Column::ClaimedBy,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                webhook_delivery::Column::ClaimedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            );
        if done.error.is_none() {
            update = update.col_expr(
                webhook_delivery::Column::DeliveredAt,
                Expr::value(Some(done.finished_at)),
            );
        }
        let changed = update
            .filter(webhook_delivery::Column::Id.eq(done.delivery_id))
            .filter(webhook_delivery::Column::ClaimedBy.eq(claim.claimer.as_str()))
            .exec(txn)
            .await?;
        webhook_attempt::Entity::insert(webhook_attempt::ActiveModel {
            delivery_id: Set(done.delivery_id),
            attempt: Set(done.attempt),
            claimed_by: Set(claim.claimer.clone()),
            started_at: Set(done.started_at),
            finished_at: Set(done.finished_at),
            duration_ms: Set(done.duration_ms),
            status_code: Set(done.status_code),
            outcome: Set(outcome.to_owned()),
            response_excerpt: Set(done.response_excerpt.clone()),
            error: Set(done.error.clone()),
            ..Default::default()
        })
        .exec_without_returning(txn)
        .await?;
        if changed.rows_affected == 1 {
            count_against_endpoint(txn, disable, done).await?;
        }
        Ok(status)
    })
    .await
}

/// A success ends the endpoint's failure streak; a failure lengthens it and may disable it.
async fn count_against_endpoint<C: ConnectionTrait>(
    txn: &C,
    disable: &DisablePolicy,
    done: &Finished,
) -> Result<(), ServiceError> {
    let id = done.endpoint_id;
    if done.error.is_none() {
        webhook_endpoint::Entity::update_many()
            .col_expr(
                webhook_endpoint::Column::ConsecutiveFailures,
                Expr::value(0),
            )
            .col_expr(
                webhook_endpoint::Column::FailingSince,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(webhook_endpoint::Column::Id.eq(id))
            .exec(txn)
            .await?;
        return Ok(());
    }
    webhook_endpoint::Entity::update_many()
        .col_expr(
            webhook_endpoint::Column::ConsecutiveFailures,
            Expr::col(webhook_endpoint::Column::ConsecutiveFailures).add(1),
        )
        .filter(webhook_endpoint::Column::Id.eq(id))
        .exec(txn)
        .await?;
    webhook_endpoint::Entity::update_many()
        .col_expr(
            webhook_endpoint::Column::FailingSince,
            Expr::value(Some(done.finished_at)),
        )
        .filter(webhook_endpoint::Column::Id.eq(id))
        .filter(webhook_endpoint::Column::FailingSince.is_null())
        .exec(txn)
        .await?;
    let Some(endpoint) = webhook_endpoint::Entity::find_by_id(id).one(txn).await? else {
        return Ok(());
    };
    let streak_too_long = endpoint
        .failing_since
        .is_some_and(|since| done.finished_at - since >= disable.after);
    if !endpoint.enabled
        || (endpoint.consecutive_failures < disable.after_failures && !streak_too_long)
    {
        return Ok(());
    }
    let reason = format!(
        "Disabled automatically after {} failed attempts in a row (the last: {}). Fix the \
         receiver, then enable it again; deliveries still pending will be sent.",
        endpoint.consecutive_failures,
        done.error.as_deref().unwrap_or("no answer")
    );
    let disabled = webhook_endpoint::Entity::update_many()
        .col_expr(webhook_endpoint::Column::Enabled, Expr::value(false))
        .col_expr(
            webhook_endpoint::Column::DisabledAt,
            Expr::value(Some(done.finished_at)),
        )
        .col_expr(
            webhook_endpoint::Column::DisabledReason,
            Expr::value(Some(reason.clone())),
        )
        .filter(webhook_endpoint::Column::Id.eq(id))
        .filter(webhook_endpoint::Column::Enabled.eq(true))
        .exec(txn)
        .await?;
    if disabled.rows_affected == 1 {
        tell_administrators(txn, disable, &endpoint, &reason, done.finished_at).await?;
    }
    Ok(())
}

/// One e-mail to every active administrator that the endpoint was disabled.
async fn tell_administrators<C: ConnectionTrait>(
    txn: &C,
    disable: &DisablePolicy,
    endpoint: &webhook_endpoint::Model,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<(), ServiceError> {
    use crate::mail::messages::doc::escape;
    let admins = app_user::Entity::find()
        .filter(app_user::Column::Role.eq("admin"))
        .filter(app_user::Column::Active.eq(true))
        .all(txn)
        .await?;
    let link = format!(
        "{}/admin/webhooks",
        disable.public_url.trim_end_matches('/')
    );
    for admin in admins {
        let text = format!(
            "Hello {},\n\nThe webhook endpoint {} was disabled: {reason}\n\nSee its deliveries: \
             {link}\n",
            admin.display_name, endpoint.url
        );
        let html = format!(
            "<p>Hello {},</p><p>The webhook endpoint <code>{}</code> was disabled: {}</p>\
             <p><a href=\"{}\">See its deliveries</a></p>",
            escape(&admin.display_name),
            escape(&endpoint.url),
            escape(reason),
            escape(&link)
        );
        crate::mail::enqueue(
            txn,
            &OutgoingMessage {
                event: "webhook_disabled",
                dedup_key: DedupKey::new(
                    &format!("webhook_disabled:{}:{}", endpoint.id, at.timestamp()),
                    &admin.email,
                ),
                to: Recipient::new(admin.display_name.clone(), admin.email.clone()),
                subject: format!("Webhook endpoint disabled: {}", endpoint.url),
                text,
                html,
                invites: Vec::new(),
            },
        )
        .await?;
    }
    Ok(())
}
