//! Reading proposals and the sessions of a request.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{proposal, tta_request, tta_session};
use crate::status::ProposalStatus;
use crate::{Database, ServiceError};

/// A proposal with its request and its sessions (in series order).
#[derive(Clone, Debug, PartialEq)]
pub struct ProposalView {
    pub proposal: proposal::Model,
    pub status: ProposalStatus,
    pub request: tta_request::Model,
    pub sessions: Vec<tta_session::Model>,
}

async fn view_of(db: &Database, row: proposal::Model) -> Result<ProposalView, ServiceError> {
    let status = ProposalStatus::parse(&row.status)
        .map_err(|e| ServiceError::Internal(format!("proposal {}: {e}", row.id)))?;
    let request = tta_request::Entity::find_by_id(row.request_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("proposal {} has no request", row.id)))?;
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::ProposalId.eq(row.id))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(db.conn())
        .await?;
    Ok(ProposalView {
        proposal: row,
        status,
        request,
        sessions,
    })
}

/// One proposal; `provider_id` restricts it to that provider's own (others get "not found").
pub async fn proposal_view(
    db: &Database,
    proposal_id: i32,
    provider_id: Option<i32>,
) -> Result<ProposalView, ServiceError> {
    let row = proposal::Entity::find_by_id(proposal_id)
        .one(db.conn())
        .await?
        .filter(|p| provider_id.is_none_or(|id| p.provider_id == id))
        .ok_or_else(|| ServiceError::NotFound(format!("Proposal #{proposal_id}")))?;
    view_of(db, row).await
}

/// A provider's proposals, newest first.
pub async fn provider_proposals(
    db: &Database,
    provider_id: i32,
) -> Result<Vec<ProposalView>, ServiceError> {
    let rows = proposal::Entity::find()
        .filter(proposal::Column::ProviderId.eq(provider_id))
        .order_by_desc(proposal::Column::CreatedAt)
        .order_by_desc(proposal::Column::Id)
        .all(db.conn())
        .await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        views.push(view_of(db, row).await?);
    }
    Ok(views)
}

/// Every session of a request, in series order (cancelled ones included).
pub async fn request_sessions(
    db: &Database,
    request_id: i32,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    Ok(tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(request_id))
        .order_by_asc(tta_session::Column::Occurrence)
        .order_by_asc(tta_session::Column::Id)
        .all(db.conn())
        .await?)
}

/// Every proposal made for a request, newest first.
pub async fn request_proposals(
    db: &Database,
    request_id: i32,
) -> Result<Vec<proposal::Model>, ServiceError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::RequestId.eq(request_id))
        .order_by_desc(proposal::Column::CreatedAt)
        .order_by_desc(proposal::Column::Id)
        .all(db.conn())
        .await?)
}
