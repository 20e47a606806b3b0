//! Proposals: "proposed assignment" to the provider when sent, "declined" to the coordinators
//! when the provider says no.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::NotifySettings;
use super::coordinators::immediate_coordinators;
use super::facts::{contact, request, site_facts, topics, user};
use crate::ServiceError;
use crate::entities::{proposal, tta_session};
use crate::mail::enqueue;
use crate::mail::messages::{
    ProposalDeclinedFacts, ProposalFacts, proposal as proposal_message,
    proposal_declined as declined_message,
};

async fn load<C: ConnectionTrait>(
    conn: &C,
    proposal_id: i32,
) -> Result<proposal::Model, ServiceError> {
    proposal::Entity::find_by_id(proposal_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Proposal #{proposal_id}")))
}

/// Enqueues the proposal to its provider: every session in the provider's zone with the site's
/// time beside it. Returns how many messages were written (0 if the provider is inactive).
pub async fn proposal_sent<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    proposal_id: i32,
) -> Result<usize, ServiceError> {
    let row = load(conn, proposal_id).await?;
    let Some(provider) = user(conn, row.provider_id).await? else {
        return Ok(0);
    };
    let request = request(conn, row.request_id).await?;
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::ProposalId.eq(proposal_id))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.starts_at, s.ends_at))
        .collect();
    let facts = ProposalFacts {
        proposal_id,
        request_id: request.id,
        title: request.title.clone(),
        site: site_facts(conn, request.site_id).await?,
        topics: topics(conn, request.id).await?,
        modality: request.modality.replace('_', "-"),
        sessions,
        respond_by: None,
        contact: contact(conn, settings).await?,
        app_url: settings.public_url.clone(),
        co_providers: super::team::co_providers(conn, request.id, row.provider_id).await?,
    };
    Ok(usize::from(
        enqueue(conn, &proposal_message(&facts, &provider)).await?,
    ))
}

/// Enqueues "declined" with the provider's reason to every active coordinator who wants
/// immediate e-mails (the others read it in their digest) — and to no one else: the reason is
/// not for the site (see the module documentation of [`super`]). Returns
/// how many messages were written.
pub async fn proposal_declined<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    proposal_id: i32,
    reason: &str,
) -> Result<usize, ServiceError> {
    let row = load(conn, proposal_id).await?;
    let request = request(conn, row.request_id).await?;
    let provider_name = user(conn, row.provider_id)
        .await?
        .map_or_else(|| format!("Provider #{}", row.provider_id), |p| p.name);
    let facts = ProposalDeclinedFacts {
        proposal_id,
        request_id: request.id,
        title: request.title.clone(),
        site: site_facts(conn, request.site_id).await?,
        provider_name,
        reason: reason.to_owned(),
        app_url: settings.public_url.clone(),
    };
    let mut written = 0;
    for coordinator in immediate_coordinators(conn).await? {
        written += usize::from(enqueue(conn, &declined_message(&facts, &coordinator)).await?);
    }
    Ok(written)
}
