//! Logging in: credentials checked, failures throttled per account and per IP, a new session.

use chrono::Utc;
use serde_json::json;

use super::audit::{self, AuditEntry, action};
use super::login_sessions::{NewLoginSession, current_user_of, start_login_session_from};
use super::throttle::{self, account_key, ip_key, lockout_message};
use super::{AccountSettings, ClientInfo, CurrentUser, EmailAddress, hashing, users};
use crate::{Database, ServiceError};

/// The same message for an unknown e-mail and a wrong password.
pub const WRONG_CREDENTIALS: &str =
    "The e-mail address or password is not correct. Check both and try again.";

/// What the person typed.
#[derive(Clone, Copy, Debug)]
pub struct LoginAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("{}", WRONG_CREDENTIALS)]
    WrongCredentials,
    /// The message says when to try again.
    #[error("{0}")]
    Locked(String),
    /// The person's role signs in through OpenID Connect; the message names the buttons.
    #[error("{0}")]
    OidcRequired(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// What a correct password leads to.
#[derive(Debug)]
pub enum LoginOutcome {
    /// Logged in: a session with a fresh id.
    Complete(CurrentUser, NewLoginSession),
    /// The second step comes first (a code, or setting a factor up): no session yet.
    SecondFactor(super::two_factor::PendingLogin),
}

/// Checks the credentials; starts a session with a fresh id, or — for a person with a second
/// factor, or who must set one up now — a pending log-in for the second step
/// ([`super::two_factor::challenge`]).
pub async fn log_in(
    db: &Database,
    attempt: LoginAttempt<'_>,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<LoginOutcome, LoginError> {
    let now = Utc::now();
    let policy = &settings.throttle;
    let email = EmailAddress::parse(attempt.email).ok();
    let account = account_key(&email.as_ref().map_or_else(
        || attempt.email.trim().to_lowercase(),
        |e| e.normalized().to_owned(),
    ));
    let mut keys = vec![account.clone()];
    if let Some(ip) = &client.ip {
        keys.push(ip_key(ip));
    }
    let ip = client.ip.as_deref();
    if let Some(until) = throttle::locked_until(db.conn(), &keys, now).await? {
        audit::record(
            db.conn(),
            AuditEntry {
                actor_user_id: None,
                action: action::LOGIN_FAILED,
                subject_type: "account",
                subject_id: Some(attempt.email.trim().to_lowercase()),
                detail: json!({ "reason": "locked" }),
                ip,
            },
        )
        .await?;
        return Err(LoginError::Locked(lockout_message(until, now)));
    }

    let user = match &email {
        Some(email) => users::find_by_email(db, email).await?,
        None => None,
    };
    let verified = match user
        .as_ref()
        .filter(|u| u.active)
        .and_then(|u| u.password_hash.as_deref())
    {
        Some(stored) => hashing::verify_password(attempt.password, stored).await?,
        None => {
            hashing::verify_dummy(attempt.password).await?;
            false
        }
    };

    let Some(user) = user.filter(|_| verified) else {
        let account_lock = throttle::record_failure(
            db.conn(),
            &account,
            policy.account_limit,
            policy.window,
            now,
        )
        .await?;
        let ip_lock = match ip {
            Some(ip) => {
                throttle::record_failure(
                    db.conn(),
                    &ip_key(ip),
                    policy.ip_limit,
                    policy.window,
                    now,
                )
                .await?
            }
            None => None,
        };
        audit::record(
            db.conn(),
            AuditEntry {
                actor_user_id: None,
                action: action::LOGIN_FAILED,
                subject_type: "account",
                subject_id: Some(account.trim_start_matches("account:").to_owned()),
                detail: json!({ "reason": "wrong_credentials" }),
                ip,
            },
        )
        .await?;
        if let Some(until) = account_lock.max(ip_lock) {
            audit::record(
                db.conn(),
                AuditEntry {
                    actor_user_id: None,
                    action: action::LOGIN_LOCKED_OUT,
                    subject_type: "account",
                    subject_id: Some(account.trim_start_matches("account:").to_owned()),
                    detail: json!({
                        "locked_until": until.to_rfc3339(),
                        "by": if account_lock.is_some() { "account" } else { "ip" },
                    }),
                    ip,
                },
            )
            .await?;
            return Err(LoginError::Locked(lockout_message(until, now)));
        }
        return Err(LoginError::WrongCredentials);
    };

    throttle::clear(db.conn(), &account).await?;
    // Checked only after the password: a wrong guess learns nothing of the account's role.
    if let Ok(role) = super::Role::parse(&user.role)
        && settings.oidc.required_for(role)
    {
        audit::record(
            db.conn(),
            AuditEntry {
                actor_user_id: Some(user.id),
                action: super::oidc::action::PASSWORD_REFUSED_OIDC_REQUIRED,
                subject_type: "user",
                subject_id: Some(user.id.to_string()),
                detail: json!({ "role": role.as_str() }),
                ip,
            },
        )
        .await?;
        return Err(LoginError::OidcRequired(settings.oidc.required_message()));
    }
    if let Some(pending) = super::two_factor::challenge::after_password(db, &user, client).await? {
        return Ok(LoginOutcome::SecondFactor(pending));
    }
    let session = start_login_session_from(db, user.id, client, &settings.session).await?;
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(user.id),
            action: action::LOGIN_SUCCEEDED,
            subject_type: "user",
            subject_id: Some(user.id.to_string()),
            detail: json!({}),
            ip,
        },
    )
    .await?;
    Ok(LoginOutcome::Complete(
        current_user_of(db, user).await?,
        session,
    ))
}

/// Ends the session of `token` and records the logout.
pub async fn log_out(
    db: &Database,
    token: &super::SessionToken,
    client: &ClientInfo,
) -> Result<(), ServiceError> {
    if let Some(user_id) = super::login_sessions::end_login_session(db, token).await? {
        audit::record(
            db.conn(),
            AuditEntry {
                actor_user_id: Some(user_id),
                action: action::LOGOUT,
                subject_type: "user",
                subject_id: Some(user_id.to_string()),
                detail: json!({}),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
    }
    Ok(())
}
