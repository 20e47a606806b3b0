//! The mail relay's state, shared by every instance through one row (`mail_relay`, migration 39).
//!
//! A failure is the **relay's** when no message could have gone through it: the connection
//! refused or timed out, the TLS handshake or the relay's certificate failed, STARTTLS missing
//! where it is required, the log-in (AUTH) refused, `421 service not available`, a greeting that
//! refuses the session. A failure is the **message's** when the relay answered that message's
//! own MAIL FROM, RCPT TO or DATA with a 4xx or 5xx (other than 421 and 530), or the message
//! could not be written. [`super::smtp_pool`] tells the two apart.
//!
//! A relay failure uses up no message's attempts and fails no message: the message is handed
//! back (`pending`, its attempt not counted) and the worker of **every** instance waits until
//! the row's `retry_at` — a back-off that doubles with each failure of the outage, up to a cap
//! ([`RelayBackoff`]) — before it claims anything again. The first failure of an outage sets
//! `failing_since` and writes one audit event (`email.relay_failing`), whichever instance
//! saw it; the first message accepted afterwards ends the outage and writes
//! `email.relay_recovered`. On PostgreSQL the row is locked for each change (`FOR UPDATE`), on
//! SQLite the write gate serialises them, so two instances failing at once open one outage.
//!
//! The reasons stored here are short sentences for administrators ("the relay refused the
//! password (535)"); they never contain the credentials. The administrators read the state on
//! the outbox page ([`relay_status`]) and on their home page, and `/readyz` mentions an outage
//! (without the reason) while still answering 200: a relay problem is no reason to take an
//! instance out of a load balancer.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::access::Actor;
use crate::accounts::Role;
use crate::{Database, ServiceError};

/// How long the workers wait after a relay failure: `first`, doubled with each further failure
/// of the same outage, never longer than `cap`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelayBackoff {
    pub first: Duration,
    pub cap: Duration,
}

impl Default for RelayBackoff {
    /// 10 s, 20 s, 40 s, … capped at 5 minutes.
    fn default() -> Self {
        Self {
            first: Duration::from_secs(10),
            cap: Duration::from_secs(300),
        }
    }
}

impl RelayBackoff {
    /// The wait after the `failures`-th failure (≥ 1) of an outage.
    pub fn delay_after(&self, failures: i32) -> Duration {
        let exponent = u32::try_from(failures.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        self.first
            .saturating_mul(2u32.saturating_pow(exponent))
            .min(self.cap)
    }
}

/// The stored state of the relay.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelayState {
    /// Where messages go, as the worker that last wrote the row describes it (never credentials).
    pub relay: Option<String>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// Set while an outage lasts.
    pub failing_since: Option<DateTime<Utc>>,
    /// The last relay failure, kept after the outage ended.
    pub last_failure_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// Failures of the current outage.
    pub failures: i32,
    /// No worker claims a message before this instant (the database's clock).
    pub retry_at: Option<DateTime<Utc>>,
}

impl RelayState {
    pub fn is_failing(&self) -> bool {
        self.failing_since.is_some()
    }
}

/// The relay's state, with the messages waiting: what the administrators' outbox page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelayStatus {
    pub state: RelayState,
    /// Messages pending or being sent.
    pub waiting: i64,
}

const COLUMNS: &str =
    "relay, last_success_at, failing_since, last_failure_at, reason, failures, retry_at";

/// Reads the row (a default state when it is missing).
async fn read_with<C: ConnectionTrait>(conn: &C, lock: bool) -> Result<RelayState, ServiceError> {
    let backend = conn.get_database_backend();
    let lock = if lock && backend == DbBackend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = format!("SELECT {COLUMNS} FROM mail_relay WHERE id = 1{lock}");
    let Some(row) = conn
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
    else {
        return Ok(RelayState::default());
    };
    Ok(RelayState {
        relay: row.try_get("", "relay")?,
        last_success_at: row.try_get("", "last_success_at")?,
        failing_since: row.try_get("", "failing_since")?,
        last_failure_at: row.try_get("", "last_failure_at")?,
        reason: row.try_get("", "reason")?,
        failures: row.try_get("", "failures")?,
        retry_at: row.try_get("", "retry_at")?,
    })
}

/// Writes the whole row.
async fn write_with<C: ConnectionTrait>(conn: &C, state: &RelayState) -> Result<(), ServiceError> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE mail_relay SET relay = $1, last_success_at = $2, failing_since = $3, \
             last_failure_at = $4, reason = $5, failures = $6, retry_at = $7 WHERE id = 1"
        }
        _ => {
            "UPDATE mail_relay SET relay = ?, last_success_at = ?, failing_since = ?, \
             last_failure_at = ?, reason = ?, failures = ?, retry_at = ? WHERE id = 1"
        }
    };
    conn.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [
            state.relay.clone().into(),
            state.last_success_at.into(),
            state.failing_since.into(),
            state.last_failure_at.into(),
            state.reason.clone().into(),
            state.failures.into(),
            state.retry_at.into(),
        ],
    ))
    .await?;
    Ok(())
}

/// The relay's state. Below the door: the worker, the home page's builder and `/readyz` read it;
/// people read it through [`relay_status`].
pub async fn relay_state(db: &Database) -> Result<RelayState, ServiceError> {
    read_with(db.conn(), false).await
}

/// The relay's state and the messages waiting, for the administrators' outbox page.
/// Administrators only.
pub async fn relay_status(db: &Database, actor: &Actor) -> Result<RelayStatus, ServiceError> {
    actor.require(&[Role::Admin])?;
    let state = relay_state(db).await?;
    let backend = db.backend();
    let waiting = db
        .conn()
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS waiting FROM email_outbox WHERE status IN ('pending', 'sending')",
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "waiting"))
        .transpose()?
        .unwrap_or(0);
    Ok(RelayStatus { state, waiting })
}

/// Whether the relay may be tried at `now` (the database's clock): no back-off running.
pub(super) fn may_try(state: &RelayState, now: DateTime<Utc>) -> bool {
    state.retry_at.is_none_or(|at| at <= now)
}

/// Records a relay failure seen at `now` (the database's clock): the back-off grows, and the
/// first failure of an outage opens it (one audit event). Returns the state written.
pub(super) async fn record_failure(
    db: &Database,
    relay: &str,
    reason: &str,
    now: DateTime<Utc>,
    backoff: RelayBackoff,
) -> Result<RelayState, ServiceError> {
    let relay = relay.to_owned();
    let reason = reason.to_owned();
    db.transaction(async |txn| {
        let mut state = read_with(txn, true).await?;
        let opened = state.failing_since.is_none();
        state.failures = if opened {
            1
        } else {
            state.failures.saturating_add(1)
        };
        let wait = chrono::Duration::from_std(backoff.delay_after(state.failures))
            .unwrap_or(chrono::Duration::minutes(5));
        state.relay = Some(relay.clone());
        state.failing_since = state.failing_since.or(Some(now));
        state.last_failure_at = Some(now);
        state.reason = Some(reason.clone());
        state.retry_at = Some(now + wait);
        write_with(txn, &state).await?;
        if opened {
            crate::accounts::audit::record(
                txn,
                crate::accounts::audit::AuditEntry {
                    actor_user_id: None,
                    action: "email.relay_failing",
                    subject_type: "mail_relay",
                    subject_id: None,
                    detail: serde_json::json!({ "relay": relay, "reason": reason }),
                    ip: None,
                },
            )
            .await?;
        }
        Ok(state)
    })
    .await
}

/// Records that the relay accepted a message at `now`: ends an outage (one audit event) and
/// notes the last success. Returns whether an outage ended.
pub(super) async fn record_success(
    db: &Database,
    relay: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let relay = relay.to_owned();
    db.transaction(async |txn| {
        let mut state = read_with(txn, true).await?;
        let ended = state.failing_since;
        state.relay = Some(relay.clone());
        state.last_success_at = Some(now);
        state.failing_since = None;
        state.failures = 0;
        state.retry_at = None;
        write_with(txn, &state).await?;
        if let Some(since) = ended {
            crate::accounts::audit::record(
                txn,
                crate::accounts::audit::AuditEntry {
                    actor_user_id: None,
                    action: "email.relay_recovered",
                    subject_type: "mail_relay",
                    subject_id: None,
                    detail: serde_json::json!({
                        "relay": relay,
                        "failing_since": since.to_rfc3339(),
                        "last_reason": state.reason,
                    }),
                    ip: None,
                },
            )
            .await?;
        }
        Ok(ended.is_some())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_the_cap() {
        let backoff = RelayBackoff::default();
        let secs: Vec<u64> = (1..=8).map(|n| backoff.delay_after(n).as_secs()).collect();
        assert_eq!(secs, [10, 20, 40, 80, 160, 300, 300, 300]);
        assert_eq!(backoff.delay_after(i32::MAX).as_secs(), 300);
    }

    #[test]
    fn a_running_back_off_holds_the_workers() {
        let now = Utc::now();
        let mut state = RelayState::default();
        assert!(may_try(&state, now));
        state.retry_at = Some(now + chrono::Duration::seconds(5));
        assert!(!may_try(&state, now));
        assert!(may_try(&state, now + chrono::Duration::seconds(5)));
    }
}
