//! Sign-in attempts under way: one row per press of a "Sign in with …" button, keyed by the
//! SHA-256 of its `state` (the browser's cookie holds the `state` itself), holding the `nonce`
//! and PKCE verifier the callback needs. An attempt is used once and lives 10 minutes; used rows
//! stay until a day after they expire so that a replayed callback is named as such.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::protocol::AuthorizationRequest;
use crate::accounts::tokens::token_hash;
use crate::entities::oidc_login_attempt;
use crate::{Database, ServiceError};
use contract::sign_in::Refusal;

/// How long the person has between pressing the button and coming back.
pub const LIFETIME_MINUTES: i64 = 10;

/// Records a new attempt (and forgets attempts that expired more than a day ago).
pub async fn store(
    db: &Database,
    provider: &str,
    request: &AuthorizationRequest,
    next_path: Option<&str>,
) -> Result<(), ServiceError> {
    let now = Utc::now();
    oidc_login_attempt::Entity::delete_many()
        .filter(oidc_login_attempt::Column::ExpiresAt.lt(now - Duration::days(1)))
        .exec(db.conn())
        .await?;
    oidc_login_attempt::ActiveModel {
        id: Set(token_hash(&request.state)),
        provider: Set(provider.to_owned()),
        nonce: Set(request.nonce.clone()),
        pkce_verifier: Set(request.pkce_verifier.clone()),
        next_path: Set(next_path.map(|p| p.chars().take(2048).collect())),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(LIFETIME_MINUTES)),
        used_at: Set(None),
    }
    .insert(db.conn())
    .await?;
    Ok(())
}

/// Uses up the attempt of `state` for `provider`; the refusal when it is unknown, another
/// provider's, used already or expired. Of two callbacks at once only one claims it.
pub async fn claim(
    db: &Database,
    provider: &str,
    state: &str,
) -> Result<Result<oidc_login_attempt::Model, Refusal>, ServiceError> {
    let id = token_hash(state);
    let Some(row) = oidc_login_attempt::Entity::find_by_id(id.clone())
        .one(db.conn())
        .await?
        .filter(|row| row.provider == provider)
    else {
        return Ok(Err(Refusal::StateMismatch));
    };
    if row.used_at.is_some() {
        return Ok(Err(Refusal::Replayed));
    }
    let now = Utc::now();
    if row.expires_at <= now {
        return Ok(Err(Refusal::AttemptExpired));
    }
    let claimed = oidc_login_attempt::Entity::update_many()
        .col_expr(oidc_login_attempt::Column::UsedAt, Some(now).into())
        .filter(oidc_login_attempt::Column::Id.eq(id))
        .filter(oidc_login_attempt::Column::UsedAt.is_null())
        .exec(db.conn())
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(Err(Refusal::Replayed));
    }
    Ok(Ok(row))
}
