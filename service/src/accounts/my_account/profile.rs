//! Changing one's own name and time zone (an IANA zone, parsed).

use chrono::Utc;
use contract::FieldErrors;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::access::Actor;
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::{ClientInfo, DisplayName};
use crate::entities::app_user;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Audit action.
pub const PROFILE_CHANGED: &str = "account.profile_changed";

/// Saves the name and zone as typed; every mistake is named beside its field.
pub async fn save_profile(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    display_name: &str,
    time_zone: &str,
) -> Result<(), ServiceError> {
    let mut errors = FieldErrors::default();
    let name = DisplayName::parse(display_name)
        .map_err(|e| errors.add("display_name", e.public_message().unwrap_or_default()))
        .ok();
    let zone = TimeZone::parse(time_zone.trim())
        .map_err(|_| {
            errors.add(
                "time_zone",
                "Choose a time zone from the list (an IANA name such as America/Chicago).",
            )
        })
        .ok();
    let (Some(name), Some(zone)) = (name, zone) else {
        return Err(ServiceError::InvalidFields(errors));
    };
    let user = actor.user();
    app_user::Entity::update_many()
        .col_expr(app_user::Column::DisplayName, name.as_str().into())
        .col_expr(app_user::Column::TimeZone, zone.name().into())
        .col_expr(app_user::Column::UpdatedAt, Utc::now().into())
        .filter(app_user::Column::Id.eq(actor.id()))
        .exec(db.conn())
        .await?;
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(actor.id()),
            action: PROFILE_CHANGED,
            subject_type: "user",
            subject_id: Some(actor.id().to_string()),
            detail: json!({
                "before": { "display_name": user.display_name, "time_zone": user.time_zone },
                "after": { "display_name": name.as_str(), "time_zone": zone.name() },
            }),
            ip: client.ip.as_deref(),
        },
    )
    .await
}
