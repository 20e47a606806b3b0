//! A coordinator takes something back: "withdrawn" to the provider of a withdrawn proposal;
//! "returned for changes" or "not accepted" to the site's contacts, with the reason.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::NotifySettings;
use super::facts::{contact, distinct, request, site_contacts, site_facts, user};
use crate::ServiceError;
use crate::entities::{proposal, request_status_change};
use crate::mail::enqueue;
use crate::mail::messages::{
    ProposalWithdrawnFacts, RequestClosedFacts, proposal_withdrawn as withdrawn_message,
    request_rejected as rejected_message, request_returned as returned_message,
};
use crate::status::RequestStatus;

/// Enqueues "withdrawn" (with the coordinator's reason, if any) to the proposal's provider.
/// Returns how many messages were written (0 if the provider is inactive).
pub async fn proposal_withdrawn<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    proposal_id: i32,
    reason: &str,
) -> Result<usize, ServiceError> {
    let row = proposal::Entity::find_by_id(proposal_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Proposal #{proposal_id}")))?;
    let Some(provider) = user(conn, row.provider_id).await? else {
        return Ok(0);
    };
    let request = request(conn, row.request_id).await?;
    let facts = ProposalWithdrawnFacts {
        proposal_id,
        request_id: request.id,
        title: request.title.clone(),
        site: site_facts(conn, request.site_id).await?,
        reason: reason.to_owned(),
        contact: contact(conn, settings).await?,
        app_url: settings.public_url.clone(),
    };
    Ok(usize::from(
        enqueue(conn, &withdrawn_message(&facts, &provider)).await?,
    ))
}

/// Which decision about a request the site is told of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    /// Returned to the site for changes.
    Returned,
    /// Rejected.
    Rejected,
}

impl Closing {
    fn status(self) -> RequestStatus {
        match self {
            Self::Returned => RequestStatus::Returned,
            Self::Rejected => RequestStatus::Rejected,
        }
    }
}

/// Enqueues "returned for changes" or "not accepted" with the reason recorded in the request's
/// latest change to that status, to every active contact of the site and the submitter. Returns
/// how many messages were written.
pub async fn request_closed<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    request_id: i32,
    closing: Closing,
) -> Result<usize, ServiceError> {
    let request = request(conn, request_id).await?;
    let change = request_status_change::Entity::find()
        .filter(request_status_change::Column::RequestId.eq(request_id))
        .filter(request_status_change::Column::ToStatus.eq(closing.status().as_str()))
        .order_by_desc(request_status_change::Column::Id)
        .one(conn)
        .await?
        .ok_or_else(|| {
            ServiceError::Internal(format!(
                "request {request_id} has no change to {}",
                closing.status().as_str()
            ))
        })?;
    let submitter = match request.requested_by {
        Some(id) => user(conn, id).await?,
        None => None,
    };
    let facts = RequestClosedFacts {
        request_id,
        change_id: change.id,
        title: request.title.clone(),
        site: site_facts(conn, request.site_id).await?,
        reason: change.reason,
        contact: contact(conn, settings).await?,
        app_url: settings.public_url.clone(),
    };
    let recipients = distinct(
        site_contacts(conn, request.site_id)
            .await?
            .into_iter()
            .chain(submitter),
    );
    let mut written = 0;
    for person in &recipients {
        let message = match closing {
            Closing::Returned => returned_message(&facts, person),
            Closing::Rejected => rejected_message(&facts, person),
        };
        written += usize::from(enqueue(conn, &message).await?);
    }
    Ok(written)
}
