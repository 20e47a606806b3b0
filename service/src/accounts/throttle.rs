//! Login rate limiting, stored in `login_throttle` so every server instance shares the counts.
//!
//! Each key (`account:<e-mail>` or `ip:<address>`) counts failures in a window; reaching the
//! limit locks the key until the window's length has passed from the last failure.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::entities::login_throttle;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures allowed per account in one window.
    pub account_limit: i32,
    /// Failures allowed per IP address in one window (all accounts together).
    pub ip_limit: i32,
    /// Length of the counting window and of the lock.
    pub window: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            account_limit: 5,
            ip_limit: 20,
            window: Duration::minutes(15),
        }
    }
}

pub(crate) fn account_key(email_normalized: &str) -> String {
    format!("account:{email_normalized}")
}

pub(crate) fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

/// The latest `locked_until` in the future among `keys`.
pub(crate) async fn locked_until(
    conn: &impl ConnectionTrait,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ServiceError> {
    let rows = login_throttle::Entity::find()
        .filter(login_throttle::Column::Key.is_in(keys.iter().cloned()))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| row.locked_until)
        .filter(|until| *until > now)
        .max())
}

/// Counts one failure for `key`; returns the lock's end when this failure reached `limit`.
pub(crate) async fn record_failure(
    conn: &impl ConnectionTrait,
    key: &str,
    limit: i32,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ServiceError> {
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(0),
        window_started_at: Set(now),
        locked_until: Set(None),
    })
    .on_conflict(
        OnConflict::column(login_throttle::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    // A window that has run out (and is not locked) starts again.
    login_throttle::Entity::update_many()
        .col_expr(login_throttle::Column::Failures, Expr::value(0))
        .col_expr(login_throttle::Column::WindowStartedAt, Expr::value(now))
        .col_expr(
            login_throttle::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .filter(login_throttle::Column::WindowStartedAt.lt(now - window))
        .filter(
            login_throttle::Column::LockedUntil
                .is_null()
                .or(login_throttle::Column::LockedUntil.lt(now)),
        )
        .exec(conn)
        .await?;
    // Atomic increment: concurrent failures on several instances all count.
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Failures,
            Expr::col(login_throttle::Column::Failures).add(1),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .exec(conn)
        .await?;
    let Some(row) = login_throttle::Entity::find_by_id(key.to_owned())
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if row.failures < limit {
        return Ok(None);
    }
    let until = now + window;
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::LockedUntil,
            Expr::value(Some(until)),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .exec(conn)
        .await?;
    Ok(Some(until))
}

/// Forgets the failures of `key` (after a successful login).
pub(crate) async fn clear(conn: &impl ConnectionTrait, key: &str) -> Result<(), ServiceError> {
    login_throttle::Entity::delete_by_id(key.to_owned())
        .exec(conn)
        .await?;
    Ok(())
}

/// "Too many failed log-ins…" with the time to try again.
pub fn lockout_message(until: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = Ord::max((until - now).num_seconds() + 59, 60).div_euclid(60);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!(
        "Too many failed log-in attempts. For your security, logging in is paused: try again in \
         {minutes} {unit} (after {} UTC), or reset your password.",
        until.format("%H:%M")
    )
}
