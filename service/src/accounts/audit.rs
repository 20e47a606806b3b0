//! The audit log: one row per security-relevant event, written in the caller's transaction.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use serde_json::Value;

use crate::ServiceError;
use crate::entities::audit_event;

/// Action names written to `audit_event.action`.
pub mod action {
    pub const LOGIN_SUCCEEDED: &str = "login.succeeded";
    pub const LOGIN_FAILED: &str = "login.failed";
    pub const LOGIN_LOCKED_OUT: &str = "login.locked_out";
    pub const LOGOUT: &str = "logout";
    pub const INVITATION_CREATED: &str = "invitation.created";
    pub const INVITATION_ACCEPTED: &str = "invitation.accepted";
    pub const PASSWORD_RESET_REQUESTED: &str = "password_reset.requested";
    pub const PASSWORD_RESET_COMPLETED: &str = "password_reset.completed";
    pub const USER_CREATED: &str = "user.created";
}

/// One event to record.
#[derive(Clone, Debug)]
pub struct AuditEntry<'a> {
    pub actor_user_id: Option<i32>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: Option<String>,
    pub detail: Value,
    pub ip: Option<&'a str>,
}

/// Appends `entry` to the audit log.
pub async fn record(
    conn: &impl ConnectionTrait,
    entry: AuditEntry<'_>,
) -> Result<(), ServiceError> {
    audit_event::ActiveModel {
        actor_user_id: Set(entry.actor_user_id),
        action: Set(entry.action.to_owned()),
        subject_type: Set(entry.subject_type.to_owned()),
        subject_id: Set(entry.subject_id),
        detail: Set(entry.detail.to_string()),
        ip: Set(entry.ip.map(|ip| ip.chars().take(64).collect())),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Which audit events to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Actions starting with this text (e.g. `login.`).
    pub action_prefix: Option<String>,
    pub actor_user_id: Option<i32>,
}

/// The newest `limit` audit events matching `filter`.
pub async fn list(
    db: &crate::Database,
    filter: &AuditFilter,
    limit: u64,
) -> Result<Vec<audit_event::Model>, ServiceError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let mut query = audit_event::Entity::find();
    if let Some(prefix) = filter.action_prefix.as_deref().filter(|p| !p.is_empty()) {
        query = query.filter(audit_event::Column::Action.starts_with(prefix));
    }
    if let Some(actor) = filter.actor_user_id {
        query = query.filter(audit_event::Column::ActorUserId.eq(actor));
    }
    Ok(query
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db.conn())
        .await?)
}
