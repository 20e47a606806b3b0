//! Log-in sessions (not coaching sessions, which are `crate::sessions`): a random token in the browser's cookie, its SHA-256 as the key of a
//! `login_session` row. A session ends at logout, after `idle` without requests, or `absolute`
//! after login, whichever comes first.

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder,
};

use super::Role;
use super::tokens::{random_token, token_hash};
use crate::entities::{app_user, login_session, site_contact};
use crate::{Database, ServiceError};

/// How long sessions live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Ends a session without requests for this long.
    pub idle: Duration,
    /// Ends every session this long after login.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: Duration::minutes(120),
            absolute: Duration::hours(12),
        }
    }
}

/// `last_seen_at` is written at most this often, so most requests only read.
const TOUCH_INTERVAL_SECONDS: i64 = 60;

/// The secret in the cookie. Its `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The key of the session row.
    pub fn id(&self) -> String {
        token_hash(&self.0)
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(***)")
    }
}

/// A session just started.
#[derive(Clone, Debug)]
pub struct NewLoginSession {
    pub token: SessionToken,
    pub expires_at: DateTime<Utc>,
}

/// The person behind a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentUser {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// IANA zone in which the person sees times.
    pub time_zone: String,
    /// Sites a site contact speaks for (empty for other roles).
    pub site_ids: Vec<i32>,
}

impl CurrentUser {
    pub fn has_role(&self, roles: &[Role]) -> bool {
        roles.contains(&self.role)
    }
}

/// Starts a session with a new random id for `user_id`.
pub async fn start_login_session(
    db: &Database,
    user_id: i32,
    user_agent: Option<&str>,
    policy: &SessionPolicy,
) -> Result<NewLoginSession, ServiceError> {
    let client = super::ClientInfo {
        ip: None,
        user_agent: user_agent.map(str::to_owned),
    };
    start_login_session_from(db, user_id, &client, policy).await
}

/// Starts a session with a new random id for `user_id`, noting the browser and address it
/// started from (shown on "My account").
pub async fn start_login_session_from(
    db: &Database,
    user_id: i32,
    client: &super::ClientInfo,
    policy: &SessionPolicy,
) -> Result<NewLoginSession, ServiceError> {
    let user_agent = client.user_agent.as_deref();
    let token = SessionToken(random_token()?);
    let now = Utc::now();
    let expires_at = now + policy.absolute;
    login_session::ActiveModel {
        id: Set(token.id()),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(255).collect())),
        ip: Set(client.ip.as_ref().map(|ip| ip.chars().take(64).collect())),
    }
    .insert(db.conn())
    .await?;
    Ok(NewLoginSession { token, expires_at })
}

/// A log-in session with its account and one of the sites the account speaks for: a row of
/// [`resolve_login_session`]'s one query (one row per site, one with no site for anyone else).
#[derive(Debug, FromQueryResult)]
struct SessionOfUser {
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    user_id: i32,
    email: String,
    display_name: String,
    role: String,
    time_zone: String,
    active: bool,
    site_id: Option<i32>,
}

/// The user of a live session; `None` for unknown, expired (then deleted) or deactivated ones.
/// One query reads the session, its account and the account's sites (this runs on every
/// request); the last-seen time is written at most once a minute.
pub async fn resolve_login_session(
    db: &Database,
    token: &SessionToken,
    policy: &SessionPolicy,
) -> Result<Option<CurrentUser>, ServiceError> {
    let id = token.id();
    let rows = SessionOfUser::find_by_statement(
        db.backend().build(
            Query::select()
                .expr_as(
                    Expr::col((login_session::Entity, login_session::Column::ExpiresAt)),
                    "expires_at",
                )
                .expr_as(
                    Expr::col((login_session::Entity, login_session::Column::LastSeenAt)),
                    "last_seen_at",
                )
                .expr_as(
                    Expr::col((app_user::Entity, app_user::Column::Id)),
                    "user_id",
                )
                .columns([
                    (app_user::Entity, app_user::Column::Email),
                    (app_user::Entity, app_user::Column::DisplayName),
                    (app_user::Entity, app_user::Column::Role),
                    (app_user::Entity, app_user::Column::TimeZone),
                    (app_user::Entity, app_user::Column::Active),
                ])
                .column((site_contact::Entity, site_contact::Column::SiteId))
                .from(login_session::Entity)
                .inner_join(
                    app_user::Entity,
                    Expr::col((app_user::Entity, app_user::Column::Id))
                        .equals((login_session::Entity, login_session::Column::UserId)),
                )
                .left_join(
                    site_contact::Entity,
                    Expr::col((site_contact::Entity, site_contact::Column::UserId))
                        .equals((app_user::Entity, app_user::Column::Id)),
                )
                .and_where(
                    Expr::col((login_session::Entity, login_session::Column::Id)).eq(id.clone()),
                )
                .order_by(
                    (site_contact::Entity, site_contact::Column::SiteId),
                    sea_orm::Order::Asc,
                ),
        ),
    )
    .all(db.conn())
    .await?;
    let mut rows = rows.into_iter();
    let Some(session) = rows.next() else {
        return Ok(None);
    };
    let now = Utc::now();
    if session.expires_at <= now || session.last_seen_at + policy.idle <= now {
        login_session::Entity::delete_by_id(id)
            .exec(db.conn())
            .await?;
        return Ok(None);
    }
    if !session.active {
        return Ok(None);
    }
    if (now - session.last_seen_at).num_seconds() >= TOUCH_INTERVAL_SECONDS {
        login_session::Entity::update_many()
            .col_expr(login_session::Column::LastSeenAt, now.into())
            .filter(login_session::Column::Id.eq(id))
            .exec(db.conn())
            .await?;
    }
    let role = Role::parse(&session.role).map_err(|_| {
        ServiceError::Internal(format!(
            "user {} has role '{}'",
            session.user_id, session.role
        ))
    })?;
    let site_ids = session
        .site_id
        .into_iter()
        .chain(rows.filter_map(|row| row.site_id))
        .collect();
    Ok(Some(CurrentUser {
        id: session.user_id,
        email: session.email,
        display_name: session.display_name,
        role,
        time_zone: session.time_zone,
        site_ids,
    }))
}

/// Builds the [`CurrentUser`] of an account row.
pub(crate) async fn current_user_of(
    db: &Database,
    user: app_user::Model,
) -> Result<CurrentUser, ServiceError> {
    let role = Role::parse(&user.role).map_err(|_| {
        ServiceError::Internal(format!("user {} has role '{}'", user.id, user.role))
    })?;
    let site_ids = site_contact::Entity::find()
        .filter(site_contact::Column::UserId.eq(user.id))
        .order_by_asc(site_contact::Column::SiteId)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|link| link.site_id)
        .collect();
    Ok(CurrentUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        role,
        time_zone: user.time_zone,
        site_ids,
    })
}

/// Deletes the session; returns its user when it existed.
pub async fn end_login_session(
    db: &Database,
    token: &SessionToken,
) -> Result<Option<i32>, ServiceError> {
    let id = token.id();
    let Some(session) = login_session::Entity::find_by_id(id.clone())
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    login_session::Entity::delete_by_id(id)
        .exec(db.conn())
        .await?;
    Ok(Some(session.user_id))
}
