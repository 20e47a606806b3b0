//! The administrator's part: who has a second factor, and resetting a person's (when they lost
//! their phone and their recovery codes). A reset removes the factor and the recovery codes,
//! ends every session of the person and is audited.

use chrono::Utc;
use contract::account::{TwoFactorAdminView, TwoFactorPersonRow};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use std::collections::BTreeSet;

use super::enrolment::end_all_sessions;
use super::{RESET, factor, policy};
use crate::access::Actor;
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::{ClientInfo, Role};
use crate::entities::{app_user, two_factor};
use crate::{Database, ServiceError};

/// The policy and every active person with whether their second factor is on.
pub async fn overview(db: &Database, actor: &Actor) -> Result<TwoFactorAdminView, ServiceError> {
    actor.require(&[Role::Admin])?;
    let policy = policy::load(db.conn()).await?;
    let enabled: BTreeSet<i32> = two_factor::Entity::find()
        .filter(two_factor::Column::EnabledAt.is_not_null())
        .all(db.conn())
        .await?
        .into_iter()
        .map(|row| row.user_id)
        .collect();
    let people = app_user::Entity::find()
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::DisplayName)
        .order_by_asc(app_user::Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|user| TwoFactorPersonRow {
            user_id: user.id,
            role_label: Role::parse(&user.role)
                .map(|role| role.label().to_owned())
                .unwrap_or_default(),
            enabled: enabled.contains(&user.id),
            display_name: user.display_name,
            email: user.email,
        })
        .collect();
    Ok(TwoFactorAdminView {
        policy: policy.view(),
        people,
    })
}

/// Removes the second factor of `user_id` and ends all their sessions; they set it up again
/// (with a new grace period when it is required). 404 for an unknown person, 409 when they
/// have none.
pub async fn reset(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    user_id: i32,
) -> Result<(), ServiceError> {
    actor.require(&[Role::Admin])?;
    db.transaction(async |txn| {
        let person = app_user::Entity::find_by_id(user_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Person {user_id}")))?;
        if !factor::remove(txn, user_id).await? {
            return Err(ServiceError::Conflict(format!(
                "{} has no second factor to reset.",
                person.display_name
            )));
        }
        let ended = end_all_sessions(txn, user_id).await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(actor.id()),
                action: RESET,
                subject_type: "user",
                subject_id: Some(user_id.to_string()),
                detail: json!({ "sessions_ended": ended, "at": Utc::now().to_rfc3339() }),
                ip: client.ip.as_deref(),
            },
        )
        .await?;
        Ok(())
    })
    .await
}
