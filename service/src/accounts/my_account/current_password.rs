//! Re-authentication for the account's sensitive changes (password, e-mail address, switching
//! the second factor off): the current password, with failures counted against the account as
//! log-in failures are, so these forms cannot be used to guess it.

use chrono::Utc;
use sea_orm::EntityTrait;

use crate::access::Actor;
use crate::accounts::throttle::{self, account_key, lockout_message};
use crate::accounts::{AccountSettings, EmailAddress, hashing};
use crate::entities::app_user;
use crate::{Database, ServiceError};

/// `Ok` when `text` is the actor's password; a message beside `current_password` otherwise.
pub async fn confirm(
    db: &Database,
    actor: &Actor,
    text: &str,
    settings: &AccountSettings,
) -> Result<(), ServiceError> {
    let user = app_user::Entity::find_by_id(actor.id())
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound("Your account".to_owned()))?;
    let key = account_key(
        EmailAddress::parse(&user.email)
            .map(|e| e.normalized().to_owned())
            .unwrap_or_else(|_| user.email.to_lowercase())
            .as_str(),
    );
    let now = Utc::now();
    if let Some(until) = throttle::locked_until(db.conn(), std::slice::from_ref(&key), now).await? {
        return Err(ServiceError::field(
            "current_password",
            lockout_message(until, now),
        ));
    }
    let right = match user.password_hash.as_deref() {
        Some(stored) => hashing::verify_password(text, stored).await?,
        None => false,
    };
    if right {
        return Ok(());
    }
    let policy = &settings.throttle;
    let locked =
        throttle::record_failure(db.conn(), &key, policy.account_limit, policy.window, now).await?;
    Err(ServiceError::field(
        "current_password",
        match locked {
            Some(until) => lockout_message(until, now),
            None => "Your current password is not correct.".to_owned(),
        },
    ))
}
