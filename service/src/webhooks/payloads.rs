//! The `data` of each event, read inside the change's transaction (so it shows the change):
//! stable ids, and times as UTC instants beside the IANA zone of their wall clock. Personal data
//! stays out: a registration names its event and status, not the participant.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::events::{WebhookEvent, emit, instant};
use crate::ServiceError;
use crate::entities::{event_registration, group_event, proposal, tta_request, tta_session};

fn session_json(session: &tta_session::Model) -> Value {
    json!({
        "session_id": session.id,
        "request_id": session.request_id,
        "provider_id": session.provider_id,
        "proposal_id": session.proposal_id,
        "occurrence": session.occurrence,
        "status": session.status,
        "starts_at": instant(session.starts_at),
        "ends_at": instant(session.ends_at),
        "time_zone": session.anchor_zone,
        "sequence": session.sequence,
    })
}

/// A request just submitted.
pub async fn request_created<C: ConnectionTrait>(
    conn: &C,
    request_id: i32,
) -> Result<usize, ServiceError> {
    let Some(request) = tta_request::Entity::find_by_id(request_id)
        .one(conn)
        .await?
    else {
        return Ok(0);
    };
    let data = json!({
        "request_id": request.id,
        "site_id": request.site_id,
        "engagement_id": request.engagement_id,
        "title": request.title,
        "engagement_type": request.engagement_type,
        "modality": request.modality,
        "session_count": request.session_count,
        "session_minutes": request.session_minutes,
        "earliest_date": request.earliest_date.to_string(),
        "latest_date": request.latest_date.to_string(),
        "time_zone": request.anchor_zone,
        "status": request.status,
        "created_at": instant(request.created_at),
    });
    emit(conn, WebhookEvent::RequestCreated, data).await
}

/// A proposal's event (sent, accepted, declined) or its approval (`session.confirmed`), with its
/// sessions as they now stand.
pub async fn proposal_event<C: ConnectionTrait>(
    conn: &C,
    event: WebhookEvent,
    proposal_id: i32,
) -> Result<usize, ServiceError> {
    let Some(proposal) = proposal::Entity::find_by_id(proposal_id).one(conn).await? else {
        return Ok(0);
    };
    let site_id = tta_request::Entity::find_by_id(proposal.request_id)
        .one(conn)
        .await?
        .map(|request| request.site_id);
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::ProposalId.eq(proposal_id))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?;
    let data = json!({
        "proposal_id": proposal.id,
        "request_id": proposal.request_id,
        "site_id": site_id,
        "provider_id": proposal.provider_id,
        "status": proposal.status,
        "reason": (!proposal.decision_reason.is_empty()).then_some(&proposal.decision_reason),
        "sessions": sessions.iter().map(session_json).collect::<Vec<_>>(),
    });
    emit(conn, event, data).await
}

/// A session moved or cancelled, as it now stands.
pub async fn session_event<C: ConnectionTrait>(
    conn: &C,
    event: WebhookEvent,
    session_ids: &[i32],
) -> Result<usize, ServiceError> {
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::Id.is_in(session_ids.iter().copied()))
        .order_by_asc(tta_session::Column::Id)
        .all(conn)
        .await?;
    let mut queued = 0;
    for session in &sessions {
        queued += emit(conn, event, session_json(session)).await?;
    }
    Ok(queued)
}

/// A group event registration made or cancelled (no personal data).
pub async fn registration_event<C: ConnectionTrait>(
    conn: &C,
    event: WebhookEvent,
    registration_id: i32,
) -> Result<usize, ServiceError> {
    let Some(registration) = event_registration::Entity::find_by_id(registration_id)
        .one(conn)
        .await?
    else {
        return Ok(0);
    };
    let group = group_event::Entity::find_by_id(registration.event_id)
        .one(conn)
        .await?;
    let data = json!({
        "registration_id": registration.id,
        "event_id": registration.event_id,
        "status": registration.status,
        "registered_at": instant(registration.registered_at),
        "cancelled_at": registration.cancelled_at.map(instant),
        "event": group.map(|g| json!({
            "event_id": g.id,
            "title": g.title,
            "host_site_id": g.host_site_id,
            "starts_at": instant(g.starts_at),
            "ends_at": instant(g.ends_at),
            "time_zone": g.time_zone,
        })),
    });
    emit(conn, event, data).await
}
