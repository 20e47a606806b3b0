//! The database's clock, the one clock every instance shares.
//!
//! Leases decide which worker may send a message; if each instance compared them with its own
//! clock, an instance whose clock runs ahead would find another's live lease already expired and
//! send the message a second time. So a lease's end is written and compared only by the
//! database itself, in the claiming statement ([`lease_end_sql`], [`db_now_sql`]): PostgreSQL's
//! `now()` (the statement's transaction start; every claim and renewal is a statement of its
//! own) and SQLite's `strftime(…, 'now')` with milliseconds. The time-driven messages
//! (reminders, digests) take their "now" from [`database_now`] too, so instances agree on what
//! is due.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::{Database, ServiceError};

/// SQLite's clock as RFC 3339 text with milliseconds (what the rows' timestamps hold).
const SQLITE_NOW: &str = "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')";

/// The database's current instant.
pub async fn database_now(db: &Database) -> Result<DateTime<Utc>, ServiceError> {
    let backend = db.backend();
    let sql = match backend {
        DbBackend::Postgres => "SELECT now() AS now".to_owned(),
        _ => format!("SELECT {SQLITE_NOW} AS now"),
    };
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(backend, sql))
        .await?
        .ok_or_else(|| ServiceError::Internal("the database did not tell its time".to_owned()))?;
    match backend {
        DbBackend::Postgres => Ok(row.try_get::<DateTime<Utc>>("", "now")?),
        _ => {
            let text = row.try_get::<String>("", "now")?;
            DateTime::parse_from_rfc3339(&text)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|error| {
                    ServiceError::Internal(format!("the database's time {text:?}: {error}"))
                })
        }
    }
}

/// SQL for the database's "now", comparable with the outbox's timestamps (on SQLite through
/// `julianday`).
pub(super) fn db_now_sql(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "now()",
        _ => "julianday('now')",
    }
}

/// SQL for "now plus the lease" by the database's clock, with `placeholder` standing for the
/// lease: on PostgreSQL a number of seconds ([`lease_value`]), on SQLite a `strftime` modifier.
pub(super) fn lease_end_sql(backend: DbBackend, placeholder: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("now() + make_interval(secs => {placeholder})"),
        _ => format!("strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', {placeholder})"),
    }
}

/// The bound value [`lease_end_sql`]'s placeholder takes for `lease`.
pub(super) fn lease_value(backend: DbBackend, lease: std::time::Duration) -> sea_orm::Value {
    let seconds = lease.as_secs_f64();
    match backend {
        DbBackend::Postgres => seconds.into(),
        _ => format!("+{seconds:.3} seconds").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lease_is_the_database_s_arithmetic() {
        assert_eq!(
            lease_end_sql(DbBackend::Postgres, "$2"),
            "now() + make_interval(secs => $2)"
        );
        assert_eq!(
            lease_end_sql(DbBackend::Sqlite, "?"),
            "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', ?)"
        );
        assert_eq!(
            lease_value(DbBackend::Sqlite, std::time::Duration::from_millis(90_500)),
            sea_orm::Value::from("+90.500 seconds".to_owned())
        );
    }
}
