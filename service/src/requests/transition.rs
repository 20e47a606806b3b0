//! Status changes of TTA requests, each recorded in the request's history.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::entities::{request_status_change, tta_request};
use crate::status::{RequestStatus, RequestTransition};
use crate::{Database, ServiceError};

/// Applies `transition` to request `request_id` if its current status allows it, and records
/// the change (who, why, when) in the same transaction.
///
/// Concurrent changes are detected: the update only applies while the status is still the one
/// the transition was checked against, so two coordinators cannot both move a request on.
pub async fn transition(
    db: &Database,
    request_id: i32,
    transition: RequestTransition,
    actor: Option<i32>,
    reason: &str,
) -> Result<RequestStatus, ServiceError> {
    db.transaction(async |txn| {
        let next = transition_in(txn, request_id, transition, actor, reason).await?;
        Ok(next)
    })
    .await
}

/// [`transition`] inside the caller's transaction, for use cases that change more than the
/// request (e.g. sending a proposal books tentative sessions in the same transaction).
///
/// A step below the door (no access check), public for seeding demo data, which takes its
/// requests through their statuses directly; entry points call the use cases that check the
/// actor first.
pub async fn transition_in<C: ConnectionTrait>(
    txn: &C,
    request_id: i32,
    transition: RequestTransition,
    actor: Option<i32>,
    reason: &str,
) -> Result<RequestStatus, ServiceError> {
    let request = tta_request::Entity::find_by_id(request_id)
        .one(txn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Request #{request_id}")))?;
    let current = RequestStatus::parse(&request.status)
        .map_err(|e| ServiceError::Internal(format!("request {request_id}: {e}")))?;
    let next = current.apply(transition)?;
    let now = Utc::now();
    let updated = tta_request::Entity::update_many()
        .col_expr(tta_request::Column::Status, Expr::value(next.as_str()))
        .col_expr(tta_request::Column::UpdatedAt, Expr::value(now))
        .filter(tta_request::Column::Id.eq(request_id))
        .filter(tta_request::Column::Status.eq(current.as_str()))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(ServiceError::Conflict(format!(
            "Request #{request_id} was changed by someone else just now; reload and try again."
        )));
    }
    request_status_change::ActiveModel {
        request_id: Set(request_id),
        from_status: Set(Some(current.as_str().to_owned())),
        to_status: Set(next.as_str().to_owned()),
        changed_by: Set(actor),
        reason: Set(reason.trim().to_owned()),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(next)
}
