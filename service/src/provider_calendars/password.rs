//! The CalDAV password at rest: sealed under the installation key ([`crate::secrets`]) and bound
//! to its row (`provider_calendar.password:<id>`), so the database holds no password as typed and
//! a sealed value copied to another connection does not open there.
//!
//! A connection is written sealed in the transaction that creates it (inserted without a
//! password, then sealed under its new id). Rows from before migration 32 hold the password as
//! typed with `password_sealed = false`; [`seal_saved_passwords`] seals them when the server
//! starts (migrations have no key), each by one conditional `UPDATE … WHERE password_sealed =
//! false AND password = <what was read>`, so two instances starting at once seal each row once
//! and a row changed meanwhile is left for the next start.
//!
//! A value that does not open (another key, altered text) fails its connection with
//! [`UNREADABLE`], shown to the provider and coordinators like any failing connection: the
//! start-up sweep marks such connections at once, and every refresh of one records it again.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use zeroize::Zeroizing;

use crate::entities::provider_calendar;
use crate::secrets::{SecretKey, Unopened, open, seal};
use crate::{Database, ServiceError};

/// The failure shown for a connection whose saved password does not open.
pub const UNREADABLE: &str = "the saved password can no longer be read: enter it again \
     (connect this calendar again with the same address, user name and its password)";

/// What a sealed password of calendar `id` is bound to.
fn bound_to(calendar_id: i32) -> String {
    format!("provider_calendar.password:{calendar_id}")
}

/// The password the refresh presents for `row`: opened when sealed, as stored in a row not
/// sealed yet, `None` when it has none.
pub(crate) fn saved_password(
    key: &SecretKey,
    row: &provider_calendar::Model,
) -> Result<Option<Zeroizing<String>>, Unopened> {
    match (&row.password, row.password_sealed) {
        (None, _) => Ok(None),
        (Some(sealed), true) => open(key, &bound_to(row.id), sealed).map(Some),
        (Some(plain), false) => Ok(Some(Zeroizing::new(plain.clone()))),
    }
}

/// Writes `password` sealed into calendar `calendar_id` (inside the caller's transaction).
pub(crate) async fn store_sealed(
    txn: &impl ConnectionTrait,
    key: &SecretKey,
    calendar_id: i32,
    password: &str,
) -> Result<String, ServiceError> {
    let sealed = seal(key, &bound_to(calendar_id), password).map_err(ServiceError::Internal)?;
    provider_calendar::Entity::update_many()
        .col_expr(
            provider_calendar::Column::Password,
            Expr::value(Some(sealed.clone())),
        )
        .col_expr(provider_calendar::Column::PasswordSealed, Expr::value(true))
        .filter(provider_calendar::Column::Id.eq(calendar_id))
        .exec(txn)
        .await?;
    Ok(sealed)
}

/// What [`seal_saved_passwords`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SealReport {
    /// Plaintext passwords sealed by this call.
    pub sealed: usize,
    /// Sealed passwords that do not open with this key (their connections now fail with
    /// [`UNREADABLE`]).
    pub unreadable: usize,
}

/// Run at start-up, below the door (no actor: the server's own housekeeping): seals every
/// CalDAV password still stored as typed, and marks failing every connection whose sealed
/// password does not open with `key`. Safe to run again and from several instances at once.
pub async fn seal_saved_passwords(
    db: &Database,
    key: &SecretKey,
    now: DateTime<Utc>,
) -> Result<SealReport, ServiceError> {
    let mut report = SealReport::default();
    let rows = provider_calendar::Entity::find()
        .filter(provider_calendar::Column::Password.is_not_null())
        .all(db.conn())
        .await?;
    for row in rows {
        let Some(stored) = row.password.as_deref() else {
            continue;
        };
        if !row.password_sealed {
            let sealed = seal(key, &bound_to(row.id), stored).map_err(ServiceError::Internal)?;
            let done = provider_calendar::Entity::update_many()
                .col_expr(
                    provider_calendar::Column::Password,
                    Expr::value(Some(sealed)),
                )
                .col_expr(provider_calendar::Column::PasswordSealed, Expr::value(true))
                .filter(provider_calendar::Column::Id.eq(row.id))
                .filter(provider_calendar::Column::PasswordSealed.eq(false))
                .filter(provider_calendar::Column::Password.eq(stored))
                .exec(db.conn())
                .await?
                .rows_affected;
            report.sealed += usize::try_from(done).unwrap_or(0);
        } else if let Err(unopened) = open(key, &bound_to(row.id), stored) {
            report.unreadable += 1;
            tracing::warn!(
                calendar = row.id,
                provider = row.provider_id,
                %unopened,
                "a saved CalDAV password does not open with this server's key \
                 (TTA_SECRET_KEY / TTA_SECRET_KEY_FILE changed?); the connection is shown failing"
            );
            if row.last_error.as_deref() != Some(UNREADABLE) {
                provider_calendar::Entity::update_many()
                    .col_expr(provider_calendar::Column::LastStatus, Expr::value("failed"))
                    .col_expr(
                        provider_calendar::Column::LastError,
                        Expr::value(Some(UNREADABLE.to_owned())),
                    )
                    .col_expr(
                        provider_calendar::Column::LastAttemptAt,
                        Expr::value(Some(now)),
                    )
                    .filter(provider_calendar::Column::Id.eq(row.id))
                    .filter(provider_calendar::Column::Password.eq(stored))
                    .exec(db.conn())
                    .await?;
            }
        }
    }
    if report.sealed > 0 {
        tracing::info!(sealed = report.sealed, "sealed saved CalDAV passwords");
    }
    Ok(report)
}
