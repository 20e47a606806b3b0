//! Password reset by e-mailed link: single use, expires (one hour by default), and one live link
//! per account — issuing a link ends the account's earlier ones, and using a link ends them all.
//! Asking for an address without an account gives the same answer, in the same time, as for one
//! with an account. Requests are limited per client address and per account
//! ([`ResetPolicy`]).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::json;

use super::audit::{self, AuditEntry, action};
use super::reset_policy::{self, ResetError, ResetPolicy};
use super::tokens::{random_token, token_hash};
use super::users::set_password_hash;
use super::{AccountSettings, ClientInfo, EmailAddress, Password, hashing};
use crate::entities::{app_user, password_reset};
use crate::mail::{self, messages::PasswordResetFacts};
use crate::notify;
use crate::{Database, ServiceError};

/// What the person sees after asking, whether or not the address has an account.
pub const REQUESTED: &str = "If an account exists for that address, we have sent it a link to \
     choose a new password. The link works once and expires in one hour.";

/// Shown for a reset token that is unknown, used, replaced by a newer link, or expired.
pub const INVALID_LINK: &str = "This password-reset link is not valid: it may have been used \
     already, replaced by a newer link, or have expired. Ask for a new link.";

/// What [`issue_link`] did; never shown to the person (they always read [`REQUESTED`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issued {
    /// A new link was queued; the account's earlier links stopped working.
    Sent,
    /// No active account has that address.
    NoAccount,
    /// The account was sent a link too recently, or too many lately: nothing new was sent.
    Limited,
}

/// Asks for a reset link for `email`: counts the request against the client's address (refused
/// with [`ResetError::Throttled`] when it asked too often), then issues the link in a task of
/// its own and answers [`ResetPolicy::answer_after`] after the request arrived.
///
/// Why hand the work off rather than do "the same database work either way": the work differs
/// in kind — an unknown address writes no link and no e-mail — and imitating it with dummy
/// writes would still take a different time (and leave junk rows). So the answer does not wait
/// for the work at all: it comes at a fixed time after the request, whatever the work found and
/// however long it took (a slow database lets the work finish in the background). What happens
/// before the hand-off (parsing the address, counting the client's requests) never looks at
/// accounts. The work's failures are logged; the person reads [`REQUESTED`] regardless.
pub async fn request_reset(
    db: &Database,
    email: &EmailAddress,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<(), ResetError> {
    let answer_at = tokio::time::Instant::now() + settings.password_reset.answer_after;
    if let Some(ip) = &client.ip {
        reset_policy::count_request(db, ip, &settings.password_reset, Utc::now()).await?;
    }
    let (db, email, client, settings) =
        (db.clone(), email.clone(), client.clone(), settings.clone());
    tokio::spawn(async move {
        if let Err(error) = issue_link(&db, &email, &client, &settings).await {
            tracing::error!(%error, "password reset: issuing the link failed");
        }
    });
    tokio::time::sleep_until(answer_at).await;
    Ok(())
}

/// The work of [`request_reset`]: when `email` names an active account that may have a link now
/// (see [`ResetPolicy`]), ends its live links and queues a new one, in one transaction.
///
/// The account's row is locked first (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's write
/// transaction serialises everything), so concurrent requests for one account take turns: the
/// second sees the first's link and sends nothing.
pub async fn issue_link(
    db: &Database,
    email: &EmailAddress,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<Issued, ServiceError> {
    let token = random_token()?;
    let link = settings.link(&format!("/password/reset?token={token}"));
    let policy = &settings.password_reset;
    db.transaction(async |txn| {
        let now = Utc::now();
        let Some(user) = app_user::Entity::find()
            .filter(app_user::Column::EmailNormalized.eq(email.normalized()))
            .filter(app_user::Column::Active.eq(true))
            .lock_exclusive()
            .one(txn)
            .await?
        else {
            record_request(txn, None, email, client, "no_account").await?;
            return Ok(Issued::NoAccount);
        };
        if limited(txn, user.id, policy, now).await? {
            record_request(txn, Some(user.id), email, client, "limited").await?;
            return Ok(Issued::Limited);
        }
        end_live_links(txn, user.id, now).await?;
        let expires_at = now + settings.password_reset_lifetime;
        let row = password_reset::ActiveModel {
            token_hash: Set(token_hash(&token)),
            user_id: Set(user.id),
            expires_at: Set(expires_at),
            used_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let facts = PasswordResetFacts {
            reset_id: i64::from(row.id),
            reset_url: link.clone(),
            expires_at,
            contact: notify::contact(txn, &settings.notify).await?,
        };
        let to = notify::person(&user)?;
        mail::enqueue(txn, &mail::messages::password_reset(&facts, &to)).await?;
        record_request(txn, Some(user.id), email, client, "sent").await?;
        Ok(Issued::Sent)
    })
    .await
}

/// Whether account `user_id` had a link too recently or too many lately.
async fn limited<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
    policy: &ResetPolicy,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let recent = password_reset::Entity::find()
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::CreatedAt.gt(now - policy.window))
        .order_by_desc(password_reset::Column::CreatedAt)
        .all(txn)
        .await?;
    let too_soon = recent
        .first()
        .is_some_and(|newest| newest.created_at > now - policy.account_interval);
    let too_many = u64::try_from(recent.len()).unwrap_or(u64::MAX) >= policy.account_limit;
    Ok(too_soon || too_many)
}

/// Ends every unused, unexpired link of `user_id` now.
async fn end_live_links<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    Ok(password_reset::Entity::update_many()
        .col_expr(password_reset::Column::ExpiresAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .exec(txn)
        .await?
        .rows_affected)
}

/// The audit entry of one request; `outcome` is for administrators only.
async fn record_request<C: ConnectionTrait>(
    txn: &C,
    user_id: Option<i32>,
    email: &EmailAddress,
    client: &ClientInfo,
    outcome: &str,
) -> Result<(), ServiceError> {
    let (subject_type, subject_id) = match user_id {
        Some(id) => ("user", id.to_string()),
        None => ("account", email.normalized().to_owned()),
    };
    audit::record(
        txn,
        AuditEntry {
            actor_user_id: user_id,
            action: action::PASSWORD_RESET_REQUESTED,
            subject_type,
            subject_id: Some(subject_id),
            detail: json!({ "account_exists": user_id.is_some(), "outcome": outcome }),
            ip: client.ip.as_deref(),
        },
    )
    .await
}

/// Sets the new password of a reset link, uses the link up (and ends the account's other
/// links) and ends the account's sessions, in one transaction.
pub async fn complete_reset(
    db: &Database,
    token: &str,
    password: &str,
    client: &ClientInfo,
) -> Result<(), ServiceError> {
    let invalid = || ServiceError::field("token", INVALID_LINK);
    let row = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash(token)))
        .one(db.conn())
        .await?
        .filter(|row| row.used_at.is_none() && row.expires_at > Utc::now())
        .ok_or_else(invalid)?;
    let password = Password::parse(password)?;
    let hash = hashing::hash_password(&password).await?;
    db.transaction(async |txn| {
        // Still live now (not used, replaced or expired while the password was hashed)?
        let now = Utc::now();
        let claimed = password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
            .filter(password_reset::Column::Id.eq(row.id))
            .filter(password_reset::Column::UsedAt.is_null())
            .filter(password_reset::Column::ExpiresAt.gt(now))
            .exec(txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Err(invalid());
        }
        let ended = end_live_links(txn, row.user_id, now).await?;
        set_password_hash(txn, row.user_id, hash).await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(row.user_id),
                action: action::PASSWORD_RESET_COMPLETED,
                subject_type: "user",
                subject_id: Some(row.user_id.to_string()),
                detail: json!({ "other_links_ended": ended }),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        Ok(())
    })
    .await
}
