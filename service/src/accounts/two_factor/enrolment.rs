//! Setting up a second factor: a new secret is kept, not yet in force, until the person types
//! a code from their app; then it is enabled, ten recovery codes are made (shown once), and
//! every log-in session of the person ends (the caller starts a new one for this browser).

use chrono::{DateTime, Utc};
use contract::account::EnrolmentView;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::factor::{self, unix};
use super::recovery;
use super::totp::{TotpCode, TotpSecret, qr_svg};
use crate::entities::{login_session, two_factor};
use crate::{Database, ServiceError};

/// The name authenticator apps show above the code.
pub const ISSUER: &str = "TTA Scheduler";

/// Shown when the code typed during set-up does not match.
pub const WRONG_SETUP_CODE: &str = "That code does not match. Check that your app's clock is \
     right, then type the six digits it shows now.";

/// Starts (or starts again) setting up a factor for `user_id`: a new secret, not yet in force.
/// Refused while a factor is on.
pub async fn begin<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    email: &str,
    now: DateTime<Utc>,
) -> Result<EnrolmentView, ServiceError> {
    if factor::enabled(conn, user_id).await?.is_some() {
        return Err(ServiceError::Conflict(
            "Two-factor authentication is already on for your account. Turn it off first to \
             set up another app."
                .to_owned(),
        ));
    }
    let secret = TotpSecret::generate()?;
    two_factor::Entity::insert(two_factor::ActiveModel {
        user_id: Set(user_id),
        secret: Set(secret.base32().to_owned()),
        enabled_at: Set(None),
        last_used_step: Set(None),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(two_factor::Column::UserId)
            .update_columns([two_factor::Column::Secret, two_factor::Column::CreatedAt])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let uri = secret.otpauth_uri(ISSUER, email);
    Ok(EnrolmentView {
        secret: secret.grouped(),
        qr_svg: qr_svg(&uri)?,
        uri,
    })
}

/// Turns the waiting factor of `user_id` on when `code` is its current code: recovery codes
/// replaced, every log-in session of the person ended. Returns the ten recovery codes.
pub async fn finish(db: &Database, user_id: i32, code: &str) -> Result<Vec<String>, ServiceError> {
    let now = Utc::now();
    let waiting = two_factor::Entity::find_by_id(user_id)
        .one(db.conn())
        .await?
        .filter(|row| row.enabled_at.is_none())
        .ok_or_else(|| {
            ServiceError::Conflict(
                "There is no set-up in progress: start setting up two-factor authentication \
                 again."
                    .to_owned(),
            )
        })?;
    let code = TotpCode::parse(code).ok_or_else(|| {
        ServiceError::field("code", "Type the six digits your authenticator app shows.")
    })?;
    let step = TotpSecret::from_stored(&waiting.secret)
        .matching_step(&code, unix(now))?
        .ok_or_else(|| ServiceError::field("code", WRONG_SETUP_CODE))?;
    let (codes, hashes) = recovery::generate().await?;
    db.transaction(async |txn| {
        // The secret confirmed is the one still waiting (not replaced by a newer set-up).
        let enabled = two_factor::Entity::update_many()
            .col_expr(two_factor::Column::EnabledAt, Expr::value(Some(now)))
            .col_expr(two_factor::Column::LastUsedStep, Expr::value(Some(step)))
            .filter(two_factor::Column::UserId.eq(user_id))
            .filter(two_factor::Column::Secret.eq(waiting.secret.clone()))
            .filter(two_factor::Column::EnabledAt.is_null())
            .exec(txn)
            .await?;
        if enabled.rows_affected != 1 {
            return Err(ServiceError::Conflict(
                "The set-up changed in another window: start setting up two-factor \
                 authentication again."
                    .to_owned(),
            ));
        }
        recovery::replace(txn, user_id, hashes.clone(), now).await?;
        end_all_sessions(txn, user_id).await?;
        Ok(())
    })
    .await?;
    Ok(codes)
}

/// Ends every log-in session of `user_id`.
pub(crate) async fn end_all_sessions<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> Result<u64, ServiceError> {
    Ok(login_session::Entity::delete_many()
        .filter(login_session::Column::UserId.eq(user_id))
        .exec(conn)
        .await?
        .rows_affected)
}
