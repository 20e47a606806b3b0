//! A person's second factor as stored: whether it is on, checking a code (a TOTP code once per
//! step, or a recovery code once), and removing it.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::recovery;
use super::totp::{TotpCode, TotpSecret};
use crate::ServiceError;
use crate::entities::{two_factor, two_factor_grace};

/// How a second step was passed, for the audit log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Totp,
    RecoveryCode,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Totp => "totp",
            Self::RecoveryCode => "recovery_code",
        }
    }
}

/// The enabled second factor of `user_id`, if any.
pub async fn enabled<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> Result<Option<two_factor::Model>, ServiceError> {
    Ok(two_factor::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .filter(|row| row.enabled_at.is_some()))
}

/// Seconds since 1970 of `now`.
pub(crate) fn unix(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or(0)
}

/// Accepts `step` for `user_id` only when it is newer than every step accepted before: the
/// conditional write decides, so the same code used twice, even at the same instant on two
/// servers, is accepted once.
async fn claim_step<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    step: i64,
) -> Result<bool, ServiceError> {
    let claimed = two_factor::Entity::update_many()
        .col_expr(two_factor::Column::LastUsedStep, Expr::value(Some(step)))
        .filter(two_factor::Column::UserId.eq(user_id))
        .filter(two_factor::Column::EnabledAt.is_not_null())
        .filter(
            two_factor::Column::LastUsedStep
                .is_null()
                .or(two_factor::Column::LastUsedStep.lt(step)),
        )
        .exec(conn)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Checks `input` (six digits, or a recovery code) against the enabled factor of `user_id`,
/// using it up: `Some(method)` when accepted, `None` for a wrong, reused or malformed code.
pub async fn check<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    input: &str,
    now: DateTime<Utc>,
) -> Result<Option<Method>, ServiceError> {
    let Some(factor) = enabled(conn, user_id).await? else {
        return Ok(None);
    };
    if let Some(code) = TotpCode::parse(input) {
        let secret = TotpSecret::from_stored(&factor.secret);
        return Ok(match secret.matching_step(&code, unix(now))? {
            Some(step) if claim_step(conn, user_id, step).await? => Some(Method::Totp),
            _ => None,
        });
    }
    if let Some(normalised) = recovery::normalise(input)
        && recovery::use_code(conn, user_id, &normalised).await?
    {
        return Ok(Some(Method::RecoveryCode));
    }
    Ok(None)
}

/// Removes the factor and the recovery codes of `user_id` (the grace period starts again at the
/// next sign-in). `true` when there was an enabled factor.
pub async fn remove<C: ConnectionTrait>(conn: &C, user_id: i32) -> Result<bool, ServiceError> {
    let was_enabled = enabled(conn, user_id).await?.is_some();
    two_factor::Entity::delete_by_id(user_id).exec(conn).await?;
    recovery::remove_all(conn, user_id).await?;
    two_factor_grace::Entity::delete_by_id(user_id)
        .exec(conn)
        .await?;
    Ok(was_enabled)
}
