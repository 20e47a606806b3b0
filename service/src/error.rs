//! The error type of every use case.
//!
//! Error policy: variants that describe a mistake of the caller (`Invalid` and `InvalidFields` 400, `NotFound` 404,
//! `Conflict` 409, `Forbidden` 403) carry a message meant for the person and become 4xx responses; `Database` and `Internal` carry
//! diagnostic text for the log only and become a generic 5xx message in the UI. `Unavailable` (the
//! database cannot be reached: connection refused or cut, server restarting, pool exhausted) is
//! a 503 whose public text is always [`UNAVAILABLE_MESSAGE`], answered with a `Retry-After`.
//! A `Database` error that is a unique or foreign-key violation no use case turned into its own
//! message is a collision with a change made at the same moment (two people adding the same
//! thing, a record removed meanwhile): a 409 whose public text is [`COLLISION_MESSAGE`], never
//! a 500 (a lost race is a 409 with a reason).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ServiceError {
    /// The input was understood but is not acceptable; the message is shown to the person.
    #[error("{0}")]
    Invalid(String),
    /// A form was refused: every field's mistake at once, for the page to show beside each field
    /// (travels as [`FieldErrors::encode`](contract::FieldErrors::encode)'s text).
    #[error("{0}")]
    InvalidFields(contract::FieldErrors),
    /// The record does not exist (or is not visible to the caller).
    #[error("{0} was not found")]
    NotFound(String),
    /// The change collides with the current state (a double booking, an illegal transition, a
    /// concurrent change); the message says with what.
    #[error("{0}")]
    Conflict(String),
    /// The caller may not do this to this record.
    #[error("{0}")]
    Forbidden(String),
    /// The database failed; the text is for the log, never for the browser.
    #[error("database error: {0}")]
    Database(sea_orm::DbErr),
    /// The database could not be reached (see [`connection_lost`]); retrying shortly may
    /// succeed. The text is for the log; the person reads [`UNAVAILABLE_MESSAGE`].
    #[error("database unavailable: {0}")]
    Unavailable(sea_orm::DbErr),
    /// Stored data broke an invariant (e.g. an unknown time zone in a row).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    /// The HTTP status every entry point answers this error with: the one place the policy above
    /// becomes numbers (400 invalid, 403 forbidden, 404 not found, 409 conflict, 503 database
    /// unavailable, 500 otherwise).
    pub fn http_status(&self) -> u16 {
        match self {
            Self::Invalid(_) | Self::InvalidFields(_) => 400,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::Conflict(_) => 409,
            Self::Database(error) if is_collision(error) => 409,
            Self::Unavailable(_) => 503,
            Self::Database(_) | Self::Internal(_) => 500,
        }
    }

    /// What the person may read: the message of a caller's mistake, [`UNAVAILABLE_MESSAGE`]
    /// when the database is unreachable, `None` for any other server failure (whose text is for
    /// the log only; entry points show a generic sentence instead).
    pub fn public_message(&self) -> Option<String> {
        match self {
            Self::Unavailable(_) => Some(UNAVAILABLE_MESSAGE.to_owned()),
            Self::Database(error) if is_collision(error) => Some(COLLISION_MESSAGE.to_owned()),
            _ => self.is_client_error().then(|| self.to_string()),
        }
    }

    /// Whether the error is the caller's doing (a 4xx) rather than the server's (a 5xx).
    pub fn is_client_error(&self) -> bool {
        match self {
            Self::Invalid(_)
            | Self::InvalidFields(_)
            | Self::NotFound(_)
            | Self::Conflict(_)
            | Self::Forbidden(_) => true,
            Self::Database(error) => is_collision(error),
            Self::Unavailable(_) | Self::Internal(_) => false,
        }
    }
}

/// What a person reads when their change collided with another made at the same moment.
pub const COLLISION_MESSAGE: &str = "Someone changed this at the same moment, so nothing was \
     saved. Reload the page to see the current state and try again.";

/// Whether `error` is a unique or foreign-key violation: the database refusing a change that
/// collides with one committed meanwhile, not a failure of the server.
pub fn is_collision(error: &sea_orm::DbErr) -> bool {
    matches!(
        error.sql_err(),
        Some(
            sea_orm::SqlErr::UniqueConstraintViolation(_)
                | sea_orm::SqlErr::ForeignKeyConstraintViolation(_)
        )
    )
}

/// What a person reads when the database cannot be reached (a 503 with `Retry-After`).
pub const UNAVAILABLE_MESSAGE: &str =
    "The service is briefly unavailable. Nothing was changed; please try again in a few seconds.";

/// Seconds a client is asked to wait before retrying a 503 (`Retry-After`).
pub const RETRY_AFTER_SECONDS: u32 = 5;

impl From<sea_orm::DbErr> for ServiceError {
    /// `Unavailable` when the connection failed or was lost ([`connection_lost`]), `Database`
    /// for every other database error.
    fn from(error: sea_orm::DbErr) -> Self {
        if connection_lost(&error) {
            Self::Unavailable(error)
        } else {
            Self::Database(error)
        }
    }
}

/// Whether `error` says the database could not be reached rather than refused a statement: no
/// connection to be had (refused, timed out, pool closed), the connection cut (I/O, protocol),
/// or the server going away (PostgreSQL's connection-exception class `08`, `57P01`
/// admin shutdown, `57P02` crash shutdown, `57P03` cannot connect now, `53300` too many
/// connections). A constraint violation or a syntax error is never one of these.
pub fn connection_lost(error: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    match error {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(error)) | DbErr::Query(RuntimeErr::SqlxError(error)) => {
            sqlx_connection_lost(error)
        }
        _ => false,
    }
}

fn sqlx_connection_lost(error: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    match error {
        Error::Io(_)
        | Error::Tls(_)
        | Error::Protocol(_)
        | Error::PoolTimedOut
        | Error::PoolClosed
        | Error::WorkerCrashed => true,
        Error::Database(database) => database.code().is_some_and(|code| {
            code.starts_with("08") || matches!(code.as_ref(), "57P01" | "57P02" | "57P03" | "53300")
        }),
        _ => false,
    }
}

impl From<crate::status::IllegalTransition> for ServiceError {
    fn from(error: crate::status::IllegalTransition) -> Self {
        Self::Conflict(capitalise(&error.to_string()))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl From<contract::FieldErrors> for ServiceError {
    fn from(errors: contract::FieldErrors) -> Self {
        Self::InvalidFields(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{DbErr, RuntimeErr, sqlx};
    use std::sync::Arc;

    fn exec(error: sqlx::Error) -> DbErr {
        DbErr::Exec(RuntimeErr::SqlxError(Arc::new(error)))
    }

    #[test]
    fn a_lost_connection_is_a_503_with_a_plain_message() {
        let reset = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset by peer");
        for error in [
            exec(sqlx::Error::Io(reset)),
            exec(sqlx::Error::PoolTimedOut),
            DbErr::ConnectionAcquire(sea_orm::error::ConnAcquireErr::Timeout),
            DbErr::Conn(RuntimeErr::Internal("refused".to_owned())),
        ] {
            let error = ServiceError::from(error);
            assert!(matches!(error, ServiceError::Unavailable(_)), "{error:?}");
            assert_eq!(error.http_status(), 503);
            assert_eq!(error.public_message().as_deref(), Some(UNAVAILABLE_MESSAGE));
            assert!(!error.is_client_error());
        }
    }

    #[test]
    fn other_database_errors_stay_500_and_private() {
        let error = ServiceError::from(exec(sqlx::Error::RowNotFound));
        assert!(matches!(error, ServiceError::Database(_)), "{error:?}");
        assert_eq!(error.http_status(), 500);
        assert_eq!(error.public_message(), None);
        let custom = ServiceError::from(DbErr::Custom("syntax".to_owned()));
        assert_eq!(custom.http_status(), 500);
    }

    /// A unique or foreign-key violation that reached the entry point (no use case named it)
    /// is a 409 with a plain message, on a real SQLite database.
    #[tokio::test]
    async fn a_collision_is_a_409_with_a_plain_message() {
        use sea_orm::ConnectionTrait;
        let folder = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/c.sqlite?mode=rwc", folder.path().display());
        let db = crate::Database::connect(&crate::DatabaseUrl::parse(&url).unwrap())
            .await
            .unwrap();
        let run = async |sql: &str| db.conn().execute_unprepared(sql).await;
        run("PRAGMA foreign_keys = ON").await.unwrap();
        run("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
            .await
            .unwrap();
        run("CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id))")
            .await
            .unwrap();
        run("INSERT INTO parent (id, name) VALUES (1, 'a')")
            .await
            .unwrap();
        for sql in [
            "INSERT INTO parent (id, name) VALUES (2, 'a')",
            "INSERT INTO child (parent_id) VALUES (7)",
        ] {
            let error = ServiceError::from(run(sql).await.unwrap_err());
            assert!(matches!(error, ServiceError::Database(_)), "{error:?}");
            assert_eq!(error.http_status(), 409, "{sql}");
            assert_eq!(error.public_message().as_deref(), Some(COLLISION_MESSAGE));
            assert!(error.is_client_error());
        }
    }
}
