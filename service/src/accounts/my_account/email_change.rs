//! Changing one's e-mail address: the current password is required; a confirmation link goes
//! to the new address and a notice to the old one (both queued in the outbox in the same
//! transaction as the change's row); the address changes only when the link is used, if it is
//! still free then. One change waits at a time: asking again replaces the earlier link.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde_json::json;

use super::current_password;
use crate::access::Actor;
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::tokens::{random_token, token_hash};
use crate::accounts::{AccountSettings, ClientInfo, EmailAddress};
use crate::entities::{app_user, email_change};
use crate::mail::{self, messages::EmailChangeFacts, messages::Person};
use crate::{Database, ServiceError, notify};

/// How long a confirmation link works.
pub const LINK_HOURS: i64 = 24;
/// Audit actions.
pub const EMAIL_CHANGE_REQUESTED: &str = "account.email_change_requested";
pub const EMAIL_CHANGED: &str = "account.email_changed";

/// What the person reads after asking.
pub const SENT: &str = "We sent a link to the new address. Your address changes when you open \
     it (within 24 hours); until then you log in with your current address.";

/// Shown for a link that is unknown, used, replaced or expired.
pub const INVALID_LINK: &str = "This confirmation link is not valid: it may have been used \
     already, replaced by a newer one, or have expired. Ask for the change again on My account.";

fn taken(email: &EmailAddress) -> ServiceError {
    ServiceError::field(
        "email",
        format!("{email} is the address of another account: choose another."),
    )
}

async fn in_use<C: ConnectionTrait>(conn: &C, email: &EmailAddress) -> Result<bool, ServiceError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::EmailNormalized.eq(email.normalized()))
        .one(conn)
        .await?
        .is_some())
}

/// The address waiting for confirmation, if any.
pub async fn pending<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> Result<Option<String>, ServiceError> {
    Ok(email_change::Entity::find()
        .filter(email_change::Column::UserId.eq(user_id))
        .filter(email_change::Column::UsedAt.is_null())
        .filter(email_change::Column::ExpiresAt.gt(Utc::now()))
        .one(conn)
        .await?
        .map(|row| row.new_email))
}

/// Asks to change the actor's address to `new_email`.
pub async fn request_email_change(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    new_email: &str,
    current: &str,
    settings: &AccountSettings,
) -> Result<(), ServiceError> {
    let email = EmailAddress::parse(new_email).map_err(|error| match error {
        ServiceError::Invalid(message) => ServiceError::field("email", message),
        other => other,
    })?;
    if email.normalized() == actor.user().email.to_lowercase() {
        return Err(ServiceError::field(
            "email",
            "That is your current address: type the new one.",
        ));
    }
    current_password::confirm(db, actor, current, settings).await?;
    issue_link(db, actor.id(), &email, client, settings).await
}

/// The work of [`request_email_change`] below the door (no actor, no password: the caller
/// checked both; the mail tests use it directly): ends the person's earlier links and queues
/// the link to `email` and the notice to the current address, in one transaction.
pub async fn issue_link(
    db: &Database,
    user_id: i32,
    email: &EmailAddress,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<(), ServiceError> {
    let token = random_token()?;
    db.transaction(async |txn| {
        if in_use(txn, email).await? {
            return Err(taken(email));
        }
        let now = Utc::now();
        let user = app_user::Entity::find_by_id(user_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound("Your account".to_owned()))?;
        // One waiting change at a time: earlier links stop working.
        email_change::Entity::update_many()
            .col_expr(email_change::Column::ExpiresAt, Expr::value(now))
            .filter(email_change::Column::UserId.eq(user_id))
            .filter(email_change::Column::UsedAt.is_null())
            .filter(email_change::Column::ExpiresAt.gt(now))
            .exec(txn)
            .await?;
        let expires_at = now + Duration::hours(LINK_HOURS);
        let row = email_change::ActiveModel {
            user_id: Set(user_id),
            new_email: Set(email.as_str().to_owned()),
            token_hash: Set(token_hash(&token)),
            expires_at: Set(expires_at),
            used_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let facts = EmailChangeFacts {
            change_id: i64::from(row.id),
            old_email: user.email.clone(),
            new_email: email.as_str().to_owned(),
            confirm_url: settings.link(&format!("/account/email/confirm?token={token}")),
            reset_url: settings.link("/password/forgot"),
            expires_at,
            contact: notify::contact(txn, &settings.notify).await?,
        };
        let old = notify::person(&user)?;
        let new = Person {
            email: email.as_str().to_owned(),
            ..old.clone()
        };
        mail::enqueue(txn, &mail::messages::email_change_confirm(&facts, &new)).await?;
        mail::enqueue(txn, &mail::messages::email_change_notice(&facts, &old)).await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(user_id),
                action: EMAIL_CHANGE_REQUESTED,
                subject_type: "user",
                subject_id: Some(user_id.to_string()),
                detail: json!({ "from": user.email, "to": email.as_str() }),
                ip: client.ip.as_deref(),
            },
        )
        .await
    })
    .await
}

/// Uses a confirmation link: the account's address becomes the new one. The link is the
/// credential (it reached the new address), as a password-reset link is. Returns the new
/// address.
pub async fn confirm_email_change(
    db: &Database,
    client: &ClientInfo,
    token: &str,
) -> Result<String, ServiceError> {
    let invalid = || ServiceError::field("token", INVALID_LINK);
    db.transaction(async |txn| {
        let now = Utc::now();
        let row = email_change::Entity::find()
            .filter(email_change::Column::TokenHash.eq(token_hash(token)))
            .one(txn)
            .await?
            .filter(|row| row.used_at.is_none() && row.expires_at > now)
            .ok_or_else(invalid)?;
        let claimed = email_change::Entity::update_many()
            .col_expr(email_change::Column::UsedAt, Expr::value(Some(now)))
            .filter(email_change::Column::Id.eq(row.id))
            .filter(email_change::Column::UsedAt.is_null())
            .exec(txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Err(invalid());
        }
        let email = EmailAddress::parse(&row.new_email)?;
        if in_use(txn, &email).await? {
            return Err(ServiceError::Conflict(format!(
                "{email} became the address of another account since you asked: ask for the \
                 change again with another address."
            )));
        }
        let before = app_user::Entity::find_by_id(row.user_id)
            .one(txn)
            .await?
            .ok_or_else(invalid)?;
        // The unique index on the normalised address refuses a concurrent taker.
        app_user::Entity::update_many()
            .col_expr(app_user::Column::Email, email.as_str().into())
            .col_expr(app_user::Column::EmailNormalized, email.normalized().into())
            .col_expr(app_user::Column::UpdatedAt, now.into())
            .filter(app_user::Column::Id.eq(row.user_id))
            .exec(txn)
            .await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(row.user_id),
                action: EMAIL_CHANGED,
                subject_type: "user",
                subject_id: Some(row.user_id.to_string()),
                detail: json!({ "from": before.email, "to": email.as_str() }),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        Ok(email.as_str().to_owned())
    })
    .await
}
