//! Password reset by e-mailed link: single use, expires (one hour by default). Asking for an
//! address without an account gives the same answer as for one with an account.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait,
};
use serde_json::json;

use super::audit::{self, AuditEntry, action};
use super::tokens::{random_token, token_hash};
use super::users::set_password_hash;
use super::{AccountSettings, ClientInfo, EmailAddress, Password, hashing, users};
use crate::entities::password_reset;
use crate::mail::{self, messages::PasswordResetFacts};
use crate::notify;
use crate::{Database, ServiceError};

/// What the person sees after asking, whether or not the address has an account.
pub const REQUESTED: &str = "If an account exists for that address, we have sent it a link to \
     choose a new password. The link works once and expires in one hour.";

/// Shown for a reset token that is unknown, used or expired.
pub const INVALID_LINK: &str = "This password-reset link is not valid: it may have been used \
     already or have expired. Ask for a new link.";

/// Queues a reset link for the account of `email`, if there is an active one.
pub async fn request_reset(
    db: &Database,
    email: &EmailAddress,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<(), ServiceError> {
    let Some(user) = users::find_by_email(db, email).await?.filter(|u| u.active) else {
        audit::record(
            db.conn(),
            AuditEntry {
                actor_user_id: None,
                action: action::PASSWORD_RESET_REQUESTED,
                subject_type: "account",
                subject_id: Some(email.normalized().to_owned()),
                detail: json!({ "account_exists": false }),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        return Ok(());
    };
    let token = random_token()?;
    let now = Utc::now();
    let expires_at = now + settings.password_reset_lifetime;
    let link = settings.link(&format!("/password/reset?token={token}"));
    let txn = db.conn().begin().await?;
    let outcome: Result<_, ServiceError> = async {
        let row = password_reset::ActiveModel {
            token_hash: Set(token_hash(&token)),
            user_id: Set(user.id),
            expires_at: Set(expires_at),
            used_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let facts = PasswordResetFacts {
            reset_id: i64::from(row.id),
            reset_url: link,
            expires_at,
            contact: notify::contact(&txn, &settings.notify).await?,
        };
        let to = notify::person(&user)?;
        mail::enqueue(&txn, &mail::messages::password_reset(&facts, &to)).await?;
        audit::record(
            &txn,
            AuditEntry {
                actor_user_id: Some(user.id),
                action: action::PASSWORD_RESET_REQUESTED,
                subject_type: "user",
                subject_id: Some(user.id.to_string()),
                detail: json!({ "account_exists": true }),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        Ok(())
    }
    .await;
    db.settle(txn, outcome).await
}

/// Sets the new password of a reset link, uses the link up and ends the account's sessions.
pub async fn complete_reset(
    db: &Database,
    token: &str,
    password: &str,
    client: &ClientInfo,
) -> Result<(), ServiceError> {
    let invalid = || ServiceError::Invalid(INVALID_LINK.to_owned());
    let row = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash(token)))
        .one(db.conn())
        .await?
        .filter(|row| row.used_at.is_none() && row.expires_at > Utc::now())
        .ok_or_else(invalid)?;
    let password = Password::parse(password)?;
    let hash = hashing::hash_password(&password).await?;
    let txn = db.conn().begin().await?;
    let outcome: Result<_, ServiceError> = async {
        let claimed = password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, Some(Utc::now()).into())
            .filter(password_reset::Column::Id.eq(row.id))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Err(invalid());
        }
        set_password_hash(&txn, row.user_id, hash).await?;
        audit::record(
            &txn,
            AuditEntry {
                actor_user_id: Some(row.user_id),
                action: action::PASSWORD_RESET_COMPLETED,
                subject_type: "user",
                subject_id: Some(row.user_id.to_string()),
                detail: json!({}),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        Ok(())
    }
    .await;
    db.settle(txn, outcome).await
}
