//! A coordinator returns a request to the site for changes or rejects it, with a reason the
//! site reads: the status change and the e-mail to the site's contacts in one transaction.
//! Returning a request that has a live proposal withdraws the proposal first (its tentative
//! sessions are released and the provider is told).

use super::transition_in;
use crate::access::{Actor, STAFF};
use crate::notify::{self, Closing, NotifySettings};
use crate::proposals::{live_proposals, release_in};
use crate::status::{ProposalTransition, RequestStatus, RequestTransition};
use crate::{Database, ServiceError};

/// Returns (`Closing::Returned`) or rejects (`Closing::Rejected`) request `request_id` with
/// `reason` (required), telling the site's contacts.
/// Coordinators and administrators only.
pub async fn close_request(
    db: &Database,
    actor: &Actor,
    request_id: i32,
    closing: Closing,
    reason: &str,
    notify: &NotifySettings,
) -> Result<RequestStatus, ServiceError> {
    let actor = actor.require(STAFF)?.id();
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ServiceError::Invalid(
            "Give a reason: the site reads it.".to_owned(),
        ));
    }
    let transition = match closing {
        Closing::Returned => RequestTransition::ReturnToSite,
        Closing::Rejected => RequestTransition::Reject,
    };
    db.transaction(async |txn| {
        if closing == Closing::Returned {
            for proposal_id in live_proposals(txn, request_id).await? {
                release_in(
                    txn,
                    proposal_id,
                    None,
                    Some(actor),
                    ProposalTransition::Withdraw,
                    reason,
                    Some(notify),
                )
                .await?;
            }
        }
        let next = transition_in(txn, request_id, transition, Some(actor), reason).await?;
        notify::request_closed(txn, notify, request_id, closing).await?;
        Ok(next)
    })
    .await
}
