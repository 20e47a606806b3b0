//! The log-in's second step. After a correct password, a person with a second factor (or one
//! who must set one up now) gets a pending log-in — a short-lived random token in its own
//! cookie, stored as its SHA-256 in `login_challenge` — instead of a session. The pending log-in
//! opens nothing but the second-step form; passing it starts a session with a new id.
//!
//! Wrong codes are throttled like passwords: per account (`second_factor:<user id>`) and per
//! client address (the password's `ip:` key), in the shared `login_throttle` table.

use chrono::{DateTime, Duration, Utc};
use contract::account::EnrolmentView;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::policy::{self, Requirement};
use super::{enrolment, factor};
use crate::accounts::audit::{self, AuditEntry, action};
use crate::accounts::login_sessions::{NewLoginSession, current_user_of, start_login_session_from};
use crate::accounts::throttle::{self, ip_key, lockout_message};
use crate::accounts::tokens::random_token;
use crate::accounts::{AccountSettings, ClientInfo, CurrentUser, Role, SessionToken};
use crate::entities::{app_user, login_challenge};
use crate::{Database, ServiceError};

/// How long the second step may take after the password.
pub const PENDING_MINUTES: i64 = 10;

/// Audit actions of the second step.
pub const SECOND_FACTOR_REQUIRED: &str = "login.second_factor_required";
pub const SECOND_FACTOR_FAILED: &str = "login.second_factor_failed";

/// What the second step asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A code from the person's app, or a recovery code.
    Verify,
    /// The person must set up a second factor before their session starts.
    Enrol,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Enrol => "enrol",
        }
    }
}

/// A log-in waiting for its second step.
#[derive(Clone, Debug)]
pub struct PendingLogin {
    pub token: SessionToken,
    pub purpose: Purpose,
    pub expires_at: DateTime<Utc>,
}

/// Why the second step did not start a session; every message is for the person.
#[derive(Debug, thiserror::Error)]
pub enum SecondStepError {
    #[error(
        "Your log-in has timed out or was already completed. Log in again with your e-mail \
         address and password."
    )]
    Expired,
    #[error(
        "That code is not correct, or it was used already. Type the six digits your app shows \
         now, or one of your recovery codes."
    )]
    WrongCode,
    #[error("{0}")]
    Locked(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<sea_orm::DbErr> for SecondStepError {
    fn from(error: sea_orm::DbErr) -> Self {
        Self::Service(error.into())
    }
}

/// After a correct password: `Some` pending log-in when a second step is needed (the person
/// has a factor, or must set one up now); `None` when the session may start.
pub async fn after_password(
    db: &Database,
    user: &app_user::Model,
    client: &ClientInfo,
) -> Result<Option<PendingLogin>, ServiceError> {
    let now = Utc::now();
    let purpose = if factor::enabled(db.conn(), user.id).await?.is_some() {
        Purpose::Verify
    } else {
        let role = Role::parse(&user.role).map_err(|_| {
            ServiceError::Internal(format!("user {} has role '{}'", user.id, user.role))
        })?;
        match policy::requirement(db.conn(), user.id, role, now, true).await? {
            Requirement::Now => Purpose::Enrol,
            Requirement::NotRequired | Requirement::GraceUntil(_) => return Ok(None),
        }
    };
    let token = SessionToken::new(random_token()?);
    let expires_at = now + Duration::minutes(PENDING_MINUTES);
    login_challenge::ActiveModel {
        id: Set(token.id()),
        user_id: Set(user.id),
        purpose: Set(purpose.as_str().to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        user_agent: Set(client
            .user_agent
            .as_ref()
            .map(|ua| ua.chars().take(255).collect())),
        ip: Set(client.ip.as_ref().map(|ip| ip.chars().take(64).collect())),
    }
    .insert(db.conn())
    .await?;
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(user.id),
            action: SECOND_FACTOR_REQUIRED,
            subject_type: "user",
            subject_id: Some(user.id.to_string()),
            detail: json!({ "purpose": purpose.as_str() }),
            ip: client.ip.as_deref(),
        },
    )
    .await?;
    Ok(Some(PendingLogin {
        token,
        purpose,
        expires_at,
    }))
}

/// The live pending log-in of `token` with `purpose`.
async fn pending(
    db: &Database,
    token: &SessionToken,
    purpose: Purpose,
) -> Result<login_challenge::Model, SecondStepError> {
    login_challenge::Entity::find_by_id(token.id())
        .one(db.conn())
        .await?
        .filter(|row| row.expires_at > Utc::now() && row.purpose == purpose.as_str())
        .ok_or(SecondStepError::Expired)
}

/// What the second-step page asks for, for the pending log-in of `token` (`None`: none, or
/// it ended).
pub async fn purpose_of(
    db: &Database,
    token: &SessionToken,
) -> Result<Option<Purpose>, ServiceError> {
    Ok(login_challenge::Entity::find_by_id(token.id())
        .one(db.conn())
        .await?
        .filter(|row| row.expires_at > Utc::now())
        .map(|row| {
            if row.purpose == Purpose::Enrol.as_str() {
                Purpose::Enrol
            } else {
                Purpose::Verify
            }
        }))
}

fn throttle_keys(user_id: i32, client: &ClientInfo) -> (String, Option<String>) {
    (
        format!("second_factor:{user_id}"),
        client.ip.as_deref().map(ip_key),
    )
}

async fn refuse_when_locked(
    db: &Database,
    user_id: i32,
    client: &ClientInfo,
) -> Result<(), SecondStepError> {
    let (account, ip) = throttle_keys(user_id, client);
    let keys: Vec<String> = std::iter::once(account).chain(ip).collect();
    let now = Utc::now();
    match throttle::locked_until(db.conn(), &keys, now).await? {
        Some(until) => Err(SecondStepError::Locked(lockout_message(until, now))),
        None => Ok(()),
    }
}

/// Counts a wrong code against the account and the address; the error to answer with.
async fn count_failure(
    db: &Database,
    user_id: i32,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<SecondStepError, ServiceError> {
    let now = Utc::now();
    let policy = &settings.throttle;
    let (account, ip) = throttle_keys(user_id, client);
    let account_lock = throttle::record_failure(
        db.conn(),
        &account,
        policy.account_limit,
        policy.window,
        now,
    )
    .await?;
    let ip_lock = match &ip {
        Some(ip) => {
            throttle::record_failure(db.conn(), ip, policy.ip_limit, policy.window, now).await?
        }
        None => None,
    };
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(user_id),
            action: SECOND_FACTOR_FAILED,
            subject_type: "user",
            subject_id: Some(user_id.to_string()),
            detail: json!({ "locked": account_lock.max(ip_lock).is_some() }),
            ip: client.ip.as_deref(),
        },
    )
    .await?;
    Ok(match account_lock.max(ip_lock) {
        Some(until) => SecondStepError::Locked(lockout_message(until, now)),
        None => SecondStepError::WrongCode,
    })
}

/// Ends the pending log-in and starts the session (a new id), audited as the log-in.
async fn complete(
    db: &Database,
    challenge: &login_challenge::Model,
    client: &ClientInfo,
    settings: &AccountSettings,
    method: &str,
) -> Result<(CurrentUser, NewLoginSession), SecondStepError> {
    let removed = login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::Id.eq(challenge.id.clone()))
        .exec(db.conn())
        .await?;
    if removed.rows_affected != 1 {
        return Err(SecondStepError::Expired);
    }
    let user = app_user::Entity::find_by_id(challenge.user_id)
        .one(db.conn())
        .await?
        .filter(|user| user.active)
        .ok_or(SecondStepError::Expired)?;
    throttle::clear(db.conn(), &throttle_keys(user.id, client).0).await?;
    let session = start_login_session_from(db, user.id, client, &settings.session).await?;
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(user.id),
            action: action::LOGIN_SUCCEEDED,
            subject_type: "user",
            subject_id: Some(user.id.to_string()),
            detail: json!({ "second_factor": method }),
            ip: client.ip.as_deref(),
        },
    )
    .await?;
    Ok((current_user_of(db, user).await?, session))
}

/// The second step with a code from the person's app or a recovery code: a session with a new
/// id when it is right and unused.
pub async fn verify(
    db: &Database,
    token: &SessionToken,
    code: &str,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<(CurrentUser, NewLoginSession), SecondStepError> {
    let challenge = pending(db, token, Purpose::Verify).await?;
    refuse_when_locked(db, challenge.user_id, client).await?;
    match factor::check(db.conn(), challenge.user_id, code, Utc::now()).await? {
        Some(method) => complete(db, &challenge, client, settings, method.as_str()).await,
        None => Err(count_failure(db, challenge.user_id, client, settings).await?),
    }
}

/// For a person who must set up a second factor before signing in: a new secret to scan.
pub async fn enrolment(
    db: &Database,
    token: &SessionToken,
) -> Result<EnrolmentView, SecondStepError> {
    let challenge = pending(db, token, Purpose::Enrol).await?;
    let user = app_user::Entity::find_by_id(challenge.user_id)
        .one(db.conn())
        .await?
        .ok_or(SecondStepError::Expired)?;
    Ok(enrolment::begin(db.conn(), user.id, &user.email, Utc::now()).await?)
}

/// Confirms the set-up during log-in with the app's code: the factor is on, the session starts
/// (new id) and the ten recovery codes are returned to be shown once.
pub async fn enrol(
    db: &Database,
    token: &SessionToken,
    code: &str,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<(CurrentUser, NewLoginSession, Vec<String>), SecondStepError> {
    let challenge = pending(db, token, Purpose::Enrol).await?;
    refuse_when_locked(db, challenge.user_id, client).await?;
    let codes = match enrolment::finish(db, challenge.user_id, code).await {
        Ok(codes) => codes,
        Err(ServiceError::InvalidFields(_)) => {
            return Err(count_failure(db, challenge.user_id, client, settings).await?);
        }
        Err(other) => return Err(other.into()),
    };
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(challenge.user_id),
            action: super::ENABLED,
            subject_type: "user",
            subject_id: Some(challenge.user_id.to_string()),
            detail: json!({ "at": "log-in" }),
            ip: client.ip.as_deref(),
        },
    )
    .await?;
    let (user, session) = complete(db, &challenge, client, settings, "totp").await?;
    Ok((user, session, codes))
}
