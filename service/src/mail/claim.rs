//! Claiming due messages atomically, and recording how each attempt ended.
//!
//! A claim sets `status = 'sending'`, a lease (`claimed_until`) and the claimer's id, and counts
//! the attempt, in one statement:
//! - PostgreSQL: `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING *`,
//!   so concurrent workers (in any number of processes) take disjoint rows without waiting;
//! - SQLite: the same `UPDATE … RETURNING` without the locking clause (sea-orm would drop it
//!   anyway); SQLite runs one writer at a time, so the statement is atomic by itself.
//!
//! Leases are written and compared by the **database's clock** ([`super::clock`]), never an
//! instance's: an instance whose clock runs ahead cannot find another's live lease expired.
//!
//! The worker claims one message at a time (`limit` 1) and keeps its lease alive while sending
//! it ([`renew`], from `super::heartbeat`). A row whose lease ran out while still `sending` (its
//! worker died) is due again — never before: a crash between the SMTP server's 250 and
//! [`record_sent`] leads at most to a resend with the same Message-ID — unless it has used up
//! its attempts: then [`give_up_abandoned`] marks it failed, with an
//! attempt row saying so, instead of claiming it forever.
//! Outcomes are written only while the claim is still the row's (`claimed_by` matches).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, EntityTrait, Statement};

use super::clock::{db_now_sql, lease_end_sql, lease_value};
use super::{OutboxStatus, RetryPolicy};
use crate::entities::{email_attempt, email_outbox};
use crate::{Database, ServiceError};

/// One claim: who holds the rows and for how long after each claim or renewal (by the
/// database's clock).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub claimer: String,
    pub lease: std::time::Duration,
}

impl Claim {
    /// A fresh claim id whose lease lasts `lease` from the database's "now" of each claim or
    /// renewal.
    pub fn new(lease: std::time::Duration) -> Self {
        Self {
            claimer: uuid::Uuid::new_v4().simple().to_string(),
            lease,
        }
    }
}

/// Claims up to `limit` messages due by the database's clock (pending and due, or `sending`
/// with an expired lease), oldest first; their lease ends `claim.lease` after the database's now.
pub async fn claim_due(
    db: &Database,
    claim: &Claim,
    limit: u64,
) -> Result<Vec<email_outbox::Model>, ServiceError> {
    let backend = db.backend();
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let now = db_now_sql(backend);
    let sql = match backend {
        DbBackend::Postgres => format!(
            r#"UPDATE email_outbox
               SET status = 'sending', claimed_by = $1, claimed_until = {until},
                   attempts = attempts + 1
               WHERE id IN (
                   SELECT id FROM email_outbox
                   WHERE (status = 'pending' AND next_attempt_at <= {now})
                      OR (status = 'sending' AND claimed_until <= {now})
                   ORDER BY next_attempt_at, id
                   LIMIT $3
                   FOR UPDATE SKIP LOCKED)
               RETURNING *"#,
            until = lease_end_sql(backend, "$2"),
        ),
        // julianday() compares instants whatever text form a row's timestamp was written in.
        _ => format!(
            r#"UPDATE email_outbox
               SET status = 'sending', claimed_by = ?, claimed_until = {until},
                   attempts = attempts + 1
               WHERE id IN (
                   SELECT id FROM email_outbox
                   WHERE (status = 'pending' AND julianday(next_attempt_at) <= {now})
                      OR (status = 'sending' AND julianday(claimed_until) <= {now})
                   ORDER BY next_attempt_at, id
                   LIMIT ?)
               RETURNING *"#,
            until = lease_end_sql(backend, "?"),
        ),
    };
    let values: Vec<sea_orm::Value> = vec![
        claim.claimer.clone().into(),
        lease_value(backend, claim.lease),
        limit.into(),
    ];
    let statement = Statement::from_sql_and_values(backend, sql, values);
    let mut rows = db
        .transaction(async |txn| {
            Ok(email_outbox::Entity::find()
                .from_raw_sql(statement)
                .all(txn)
                .await?)
        })
        .await?;
    rows.sort_by_key(|row| row.id);
    Ok(rows)
}

/// Renews the lease of row `id` to `claim.lease` after the database's now, only while `claim`
/// still holds it (`sending`, `claimed_by` this claim): whether it does. Called every third of
/// the lease while the row is being sent, so a live worker's lease never lapses however slow
/// the SMTP server.
pub async fn renew(db: &Database, claim: &Claim, id: i64) -> Result<bool, ServiceError> {
    db.transaction(async |txn| {
        let backend = txn.get_database_backend();
        let sql = placeholders(
            backend,
            &format!(
                "UPDATE email_outbox SET claimed_until = {} \
                 WHERE id = ? AND claimed_by = ? AND status = 'sending'",
                lease_end_sql(backend, "?")
            ),
        );
        let result = txn
            .execute_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [
                    lease_value(backend, claim.lease),
                    id.into(),
                    claim.claimer.clone().into(),
                ],
            ))
            .await?;
        Ok(result.rows_affected() == 1)
    })
    .await
}

/// Marks failed every message whose lease ran out (by the database's clock) while `sending` on
/// its last allowed attempt (`max_attempts`): its worker died (or hung) without recording an
/// outcome, and claiming it again and again would go on for ever. Each gets an attempt row with
/// the reason, stamped `now`. Returns how many were given up.
pub async fn give_up_abandoned(
    db: &Database,
    now: DateTime<Utc>,
    max_attempts: i32,
) -> Result<usize, ServiceError> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter};
    const REASON: &str = "gave up: the worker stopped while sending the last allowed attempt, \
                          and no outcome was recorded";
    let backend = db.backend();
    // Locked on PostgreSQL, so two workers giving up together record each row once.
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT * FROM email_outbox WHERE status = 'sending' AND claimed_until <= now() \
             AND attempts >= $1 FOR UPDATE"
        }
        _ => {
            "SELECT * FROM email_outbox WHERE status = 'sending' \
             AND julianday(claimed_until) <= julianday('now') AND attempts >= ?"
        }
    };
    let select = || Statement::from_sql_and_values(backend, sql, [max_attempts.into()]);
    // Nearly always nothing: look without taking a write turn first.
    if email_outbox::Entity::find()
        .from_raw_sql(select())
        .one(db.conn())
        .await?
        .is_none()
    {
        return Ok(0);
    }
    db.transaction(async |txn| {
        let stale = email_outbox::Entity::find()
            .from_raw_sql(select())
            .all(txn)
            .await?;
        for row in &stale {
            email_outbox::Entity::update_many()
                .col_expr(
                    email_outbox::Column::Status,
                    Expr::value(OutboxStatus::Failed.as_str()),
                )
                .col_expr(email_outbox::Column::LastError, Expr::value(REASON))
                .col_expr(
                    email_outbox::Column::ClaimedBy,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    email_outbox::Column::ClaimedUntil,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .filter(email_outbox::Column::Id.eq(row.id))
                .exec(txn)
                .await?;
            email_attempt::Entity::insert(email_attempt::ActiveModel {
                outbox_id: Set(row.id),
                attempt: Set(row.attempts),
                claimed_by: Set(row.claimed_by.clone().unwrap_or_default()),
                started_at: Set(now),
                finished_at: Set(now),
                outcome: Set("failed".to_owned()),
                error: Set(Some(REASON.to_owned())),
                ..Default::default()
            })
            .exec_without_returning(txn)
            .await?;
        }
        Ok(stale.len())
    })
    .await
}

/// How one attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    Failed {
        error: String,
        permanent: bool,
    },
    /// Not attempted: the worker is stopping and hands the row back (`pending`, due as before,
    /// the attempt not counted) for another worker to send without waiting for the lease.
    Released,
    /// The relay failed as a whole (see [`super::relay`]), not this message: handed back
    /// (`pending`, due as before, the attempt not counted), its error kept on the row and in an
    /// attempt row (`deferred`); `reason` is the administrators' short sentence.
    Deferred {
        error: String,
        reason: String,
    },
}

/// One finished attempt, to record.
#[derive(Clone, Debug)]
pub struct Finished {
    pub id: i64,
    /// The row's `attempts` after the claim (this attempt's number).
    pub attempt: i32,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub outcome: Outcome,
}

/// Records that message `done.id` was sent, as soon as the SMTP server said 250, and as
/// briefly as possible: the shorter this is, the narrower the window in which a worker killed
/// after the 250 leaves a delivered message unrecorded (to be sent again after its lease). On
/// PostgreSQL it is one statement — the row marked sent and the attempt written together, one
/// round trip, atomic by itself; on SQLite (a local file) one short transaction of two.
pub async fn record_sent(
    db: &Database,
    claim: &Claim,
    done: &Finished,
) -> Result<(), ServiceError> {
    if db.backend() != DbBackend::Postgres {
        return record(
            db,
            claim,
            &RetryPolicy::default(),
            std::slice::from_ref(done),
        )
        .await;
    }
    let sql = "WITH marked AS (
                   UPDATE email_outbox SET status = 'sent', sent_at = $1, last_error = NULL,
                          claimed_by = NULL, claimed_until = NULL
                   WHERE id = $2 AND claimed_by = $3
                   RETURNING id)
               INSERT INTO email_attempt
                   (outbox_id, attempt, claimed_by, started_at, finished_at, outcome, error)
               VALUES ($2, $4, $3, $5, $1, 'sent', NULL)";
    db.conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [
                done.finished_at.into(),
                done.id.into(),
                claim.claimer.clone().into(),
                done.attempt.into(),
                done.started_at.into(),
            ],
        ))
        .await?;
    Ok(())
}

/// Records a batch of finished attempts in one transaction: sent, retry later (back-off),
/// failed for good, handed back (stopping) or deferred (the relay failed, the attempt not
/// counted). Rows whose claim was lost (lease expired and reclaimed) keep the newer
/// claim's state; the attempt is recorded all the same.
pub async fn record(
    db: &Database,
    claim: &Claim,
    policy: &RetryPolicy,
    finished: &[Finished],
) -> Result<(), ServiceError> {
    if finished.is_empty() {
        return Ok(());
    }
    db.transaction(async |txn| record_in(txn, claim, policy, finished).await)
        .await
}

async fn record_in<C: ConnectionTrait>(
    txn: &C,
    claim: &Claim,
    policy: &RetryPolicy,
    finished: &[Finished],
) -> Result<(), ServiceError> {
    let backend = txn.get_database_backend();
    for item in finished {
        let (label, error) = match &item.outcome {
            Outcome::Released => {
                let sql = placeholders(
                    backend,
                    "UPDATE email_outbox SET status = 'pending', attempts = attempts - 1, \
                     claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
                );
                txn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    sql,
                    [item.id.into(), claim.claimer.clone().into()],
                ))
                .await?;
                continue;
            }
            Outcome::Deferred { error, .. } => {
                let sql = placeholders(
                    backend,
                    "UPDATE email_outbox SET status = 'pending', attempts = attempts - 1, \
                     last_error = ?, claimed_by = NULL, claimed_until = NULL \
                     WHERE id = ? AND claimed_by = ?",
                );
                txn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    sql,
                    [
                        error.clone().into(),
                        item.id.into(),
                        claim.claimer.clone().into(),
                    ],
                ))
                .await?;
                ("deferred", Some(error.clone()))
            }
            Outcome::Sent => {
                let sql = placeholders(
                    backend,
                    "UPDATE email_outbox SET status = 'sent', sent_at = ?, last_error = NULL, \
                     claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
                );
                txn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    sql,
                    [
                        item.finished_at.into(),
                        item.id.into(),
                        claim.claimer.clone().into(),
                    ],
                ))
                .await?;
                ("sent", None)
            }
            Outcome::Failed { error, permanent } => {
                let retry = !permanent && policy.should_retry(item.attempt);
                let (status, next) = if retry {
                    let delay = policy.delay_after(item.attempt);
                    let delay =
                        chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::minutes(1));
                    (OutboxStatus::Pending, item.finished_at + delay)
                } else {
                    (OutboxStatus::Failed, item.finished_at)
                };
                let sql = placeholders(
                    backend,
                    "UPDATE email_outbox SET status = ?, next_attempt_at = ?, last_error = ?, \
                     claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
                );
                txn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    sql,
                    [
                        status.as_str().into(),
                        next.into(),
                        error.clone().into(),
                        item.id.into(),
                        claim.claimer.clone().into(),
                    ],
                ))
                .await?;
                (if retry { "retry" } else { "failed" }, Some(error.clone()))
            }
        };
        email_attempt::Entity::insert(email_attempt::ActiveModel {
            outbox_id: Set(item.id),
            attempt: Set(item.attempt),
            claimed_by: Set(claim.claimer.clone()),
            started_at: Set(item.started_at),
            finished_at: Set(item.finished_at),
            outcome: Set(label.to_owned()),
            error: Set(error),
            ..Default::default()
        })
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// Rewrites `?` placeholders as `$1, $2, …` for PostgreSQL.
fn placeholders(backend: DbBackend, sql: &str) -> String {
    if backend != DbBackend::Postgres {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}
