//! Who must use a second factor: the administrator may require it of administrators and
//! coordinators, with a grace period (in days) that starts at each person's first sign-in after
//! the requirement. Stored as JSON in the `setting` table under [`KEY`].

use chrono::{DateTime, Duration, Utc};
use contract::account::TwoFactorPolicyView;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::access::{Actor, STAFF};
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::{ClientInfo, Role};
use crate::entities::{setting, two_factor_grace};
use crate::{Database, ServiceError};

/// Key of the policy's row in `setting`.
pub const KEY: &str = "two_factor_policy";
/// Longest grace period an administrator may give.
pub const MAX_GRACE_DAYS: u32 = 90;
/// Audit action of a change.
pub const POLICY_CHANGED: &str = "two_factor.policy_changed";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorPolicy {
    pub required_for_staff: bool,
    pub grace_days: u32,
}

impl Default for TwoFactorPolicy {
    fn default() -> Self {
        Self {
            required_for_staff: false,
            grace_days: 7,
        }
    }
}

impl TwoFactorPolicy {
    /// Whether a person of `role` must use a second factor.
    pub fn applies_to(&self, role: Role) -> bool {
        self.required_for_staff && STAFF.contains(&role)
    }

    pub fn view(&self) -> TwoFactorPolicyView {
        TwoFactorPolicyView {
            required_for_staff: self.required_for_staff,
            grace_days: self.grace_days,
        }
    }
}

/// The policy in force (the default when none was saved).
pub async fn load<C: ConnectionTrait>(conn: &C) -> Result<TwoFactorPolicy, ServiceError> {
    Ok(setting::Entity::find_by_id(KEY.to_owned())
        .one(conn)
        .await?
        .and_then(|row| serde_json::from_str(&row.value).ok())
        .unwrap_or_default())
}

/// Saves the policy as an administrator typed it (`required`: `true`/`on` or empty; days
/// 0–[`MAX_GRACE_DAYS`]), audited with the values before and after.
pub async fn save(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    required: &str,
    grace_days: &str,
) -> Result<TwoFactorPolicy, ServiceError> {
    actor.require(&[Role::Admin])?;
    let required_for_staff = matches!(required.trim(), "true" | "on" | "yes");
    let grace_days = grace_days
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|days| *days <= MAX_GRACE_DAYS)
        .ok_or_else(|| {
            ServiceError::field(
                "grace_days",
                format!(
                    "Enter the grace period as a whole number of days from 0 to {MAX_GRACE_DAYS}."
                ),
            )
        })?;
    let policy = TwoFactorPolicy {
        required_for_staff,
        grace_days,
    };
    let value = serde_json::to_string(&policy)
        .map_err(|e| ServiceError::Internal(format!("two-factor policy: {e}")))?;
    db.transaction(async |txn| {
        let before = load(txn).await?;
        setting::Entity::insert(setting::ActiveModel {
            key: Set(KEY.to_owned()),
            value: Set(value.clone()),
            updated_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(actor.id()),
                action: POLICY_CHANGED,
                subject_type: "setting",
                subject_id: Some(KEY.to_owned()),
                detail: json!({ "before": before, "after": policy }),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        Ok(policy)
    })
    .await
}

/// Where a person without a second factor stands under the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// Not required of their role.
    NotRequired,
    /// Required; they may sign in without it until this instant.
    GraceUntil(DateTime<Utc>),
    /// Required, and the grace period is over: they set it up before their session starts.
    Now,
}

/// The requirement for `user_id` of `role` at `now`; the first call under the requirement
/// starts the person's grace period (`start_grace`) — at sign-in, not when merely viewed.
pub async fn requirement<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
    role: Role,
    now: DateTime<Utc>,
    start_grace: bool,
) -> Result<Requirement, ServiceError> {
    let policy = load(conn).await?;
    if !policy.applies_to(role) {
        return Ok(Requirement::NotRequired);
    }
    let started = match two_factor_grace::Entity::find_by_id(user_id)
        .one(conn)
        .await?
    {
        Some(row) => row.started_at,
        None if start_grace => {
            two_factor_grace::Entity::insert(two_factor_grace::ActiveModel {
                user_id: Set(user_id),
                started_at: Set(now),
            })
            .on_conflict(
                OnConflict::column(two_factor_grace::Column::UserId)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
            now
        }
        None => now,
    };
    let until = started + Duration::days(i64::from(policy.grace_days));
    Ok(if until > now {
        Requirement::GraceUntil(until)
    } else {
        Requirement::Now
    })
}
