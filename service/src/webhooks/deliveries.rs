//! Replaying a delivery from the page: the same `webhook-id` and the same body are queued to be
//! sent again at once (freshly timestamped and signed, as Standard Webhooks asks of a retry), so
//! a receiver that already processed it can tell. Audited; administrators only.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::access::Actor;
use crate::accounts::Role;
use crate::accounts::audit::{self, AuditEntry};
use crate::entities::webhook_delivery;
use crate::{Database, ServiceError};

/// Queues delivery `delivery_id` again. Refused: no such delivery (404), one still pending or
/// being sent, or whose endpoint is disabled (409).
pub async fn replay(
    db: &Database,
    actor: &Actor,
    delivery_id: i64,
    ip: Option<&str>,
) -> Result<(), ServiceError> {
    actor.require(&[Role::Admin])?;
    let admin = actor.id();
    db.transaction(async |txn| {
        let delivery = webhook_delivery::Entity::find_by_id(delivery_id)
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Delivery #{delivery_id}")))?;
        let endpoint = super::endpoints::find(txn, delivery.endpoint_id).await?;
        if !endpoint.enabled {
            return Err(ServiceError::Conflict(format!(
                "The endpoint {} is disabled: enable it before replaying its deliveries.",
                endpoint.url
            )));
        }
        let changed = webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::Status, Expr::value("pending"))
            .col_expr(webhook_delivery::Column::Attempts, Expr::value(0))
            .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(Utc::now()))
            .filter(webhook_delivery::Column::Id.eq(delivery_id))
            .filter(webhook_delivery::Column::Status.is_in(["delivered", "failed"]))
            .exec(txn)
            .await?;
        if changed.rows_affected == 0 {
            return Err(ServiceError::Conflict(format!(
                "Delivery #{delivery_id} is {}: only a delivered or failed delivery can be replayed.",
                delivery.status
            )));
        }
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(admin),
                action: "webhook.replayed",
                subject_type: "webhook_delivery",
                subject_id: Some(delivery_id.to_string()),
                detail: json!({ "webhook_id": delivery.webhook_id, "event": delivery.event,
                    "url": endpoint.url }),
                ip,
            },
        )
        .await
    })
    .await
}
