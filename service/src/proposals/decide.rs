//! Deciding a proposal: the provider accepts or declines, the coordinator withdraws or approves.
//! A decline tells the coordinators, a withdrawal the provider, and an approval sends the
//! calendar invites, each in the same transaction as the decision.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::access::{Actor, STAFF};
use crate::accounts::Role;
use crate::entities::{proposal, tta_session};
use crate::notify::{self, NotifySettings};
use crate::requests::transition_in;
use crate::status::{ProposalStatus, ProposalTransition, RequestTransition, SessionStatus};
use crate::webhooks::WebhookEvent;
use crate::{Database, ServiceError};

/// Queues the proposal's webhook event in the decision's transaction.
async fn webhook<C: ConnectionTrait>(
    txn: &C,
    event: WebhookEvent,
    proposal_id: i32,
) -> Result<usize, ServiceError> {
    crate::webhooks::payloads::proposal_event(txn, event, proposal_id).await
}

/// Loads the proposal; a provider may only act on their own (others get "not found").
async fn load<C: ConnectionTrait>(
    conn: &C,
    proposal_id: i32,
    provider_id: Option<i32>,
) -> Result<(proposal::Model, ProposalStatus), ServiceError> {
    let row = proposal::Entity::find_by_id(proposal_id)
        .one(conn)
        .await?
        .filter(|p| provider_id.is_none_or(|id| p.provider_id == id))
        .ok_or_else(|| ServiceError::NotFound(format!("Proposal #{proposal_id}")))?;
    let status = ProposalStatus::parse(&row.status)
        .map_err(|e| ServiceError::Internal(format!("proposal {proposal_id}: {e}")))?;
    Ok((row, status))
}

/// Moves the proposal on, guarded against a concurrent decision.
async fn set_status<C: ConnectionTrait>(
    conn: &C,
    proposal: &proposal::Model,
    from: ProposalStatus,
    to: ProposalStatus,
    actor: Option<i32>,
    reason: &str,
) -> Result<(), ServiceError> {
    let updated = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value(to.as_str()))
        .col_expr(proposal::Column::DecidedBy, Expr::value(actor))
        .col_expr(proposal::Column::DecidedAt, Expr::value(Utc::now()))
        .col_expr(proposal::Column::DecisionReason, Expr::value(reason.trim()))
        .filter(proposal::Column::Id.eq(proposal.id))
        .filter(proposal::Column::Status.eq(from.as_str()))
        .exec(conn)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::Conflict(format!(
            "Proposal #{} was decided by someone else just now; reload the page.",
            proposal.id
        )))
    }
}

/// Moves every session of the proposal from `from` to `to`. Confirming keeps the calendar
/// sequence (the first invite goes out with it); any later change raises it.
pub(crate) async fn set_sessions<C: ConnectionTrait>(
    conn: &C,
    proposal_id: i32,
    from: SessionStatus,
    to: SessionStatus,
) -> Result<u64, ServiceError> {
    let sequence_step = if to == SessionStatus::Confirmed { 0 } else { 1 };
    Ok(tta_session::Entity::update_many()
        .col_expr(tta_session::Column::Status, Expr::value(to.as_str()))
        .col_expr(
            tta_session::Column::Sequence,
            Expr::col(tta_session::Column::Sequence).add(sequence_step),
        )
        .col_expr(tta_session::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(tta_session::Column::ProposalId.eq(proposal_id))
        .filter(tta_session::Column::Status.eq(from.as_str()))
        .exec(conn)
        .await?
        .rows_affected)
}

/// The provider accepts their proposal, and the coordinators who want immediate e-mails are
/// told it is ready to approve, in the same transaction (providers only; another provider's
/// proposal is not found).
pub async fn accept_proposal_notifying(
    db: &Database,
    actor: &Actor,
    proposal_id: i32,
    notify: &NotifySettings,
) -> Result<(), ServiceError> {
    accept(db, actor, proposal_id, Some(notify)).await
}

/// The provider accepts their proposal without telling anyone: the step the demo data and tests
/// use (providers only; another provider's proposal is not found). Entry points call
/// [`accept_proposal_notifying`].
pub async fn accept_proposal(
    db: &Database,
    actor: &Actor,
    proposal_id: i32,
) -> Result<(), ServiceError> {
    accept(db, actor, proposal_id, None).await
}

async fn accept(
    db: &Database,
    actor: &Actor,
    proposal_id: i32,
    notify: Option<&NotifySettings>,
) -> Result<(), ServiceError> {
    actor.require(&[Role::Provider])?;
    let provider_id = actor.id();
    db.transaction(async |txn| {
        let (row, status) = load(txn, proposal_id, Some(provider_id)).await?;
        let next = status.apply(ProposalTransition::Accept)?;
        set_status(txn, &row, status, next, Some(provider_id), "").await?;
        if let Some(settings) = notify {
            notify::proposal_accepted(txn, settings, proposal_id).await?;
        }
        webhook(txn, WebhookEvent::ProposalAccepted, proposal_id).await?;
        Ok(())
    })
    .await
}

/// The provider declines their proposal with a reason: the tentative sessions are released, the
/// request goes back to matching and the coordinators are told why (providers only; another
/// provider's proposal is not found).
pub async fn decline_proposal(
    db: &Database,
    actor: &Actor,
    proposal_id: i32,
    reason: &str,
    notify: &NotifySettings,
) -> Result<(), ServiceError> {
    actor.require(&[Role::Provider])?;
    let provider_id = actor.id();
    if reason.trim().is_empty() {
        return Err(ServiceError::Invalid(
            "Say why you decline, so the coordinator can find someone else.".to_owned(),
        ));
    }
    release(
        db,
        proposal_id,
        Some(provider_id),
        Some(provider_id),
        ProposalTransition::Decline,
        reason,
        Some(notify),
    )
    .await
}

/// The coordinator withdraws a sent or accepted proposal: sessions released, request back to
/// matching, and the provider told (with the reason, if any) in the same transaction
/// (coordinators and administrators).
pub async fn withdraw_proposal(
    db: &Database,
    actor: &Actor,
    proposal_id: i32,
    reason: &str,
    notify: &NotifySettings,
) -> Result<(), ServiceError> {
    actor.require(STAFF)?;
    release(
        db,
        proposal_id,
        None,
        Some(actor.id()),
        ProposalTransition::Withdraw,
        reason,
        Some(notify),
    )
    .await
}

/// Declines or withdraws: `owner` restricts the proposal to that provider's own; `notify` tells
/// the coordinators of a decline, the provider of a withdrawal.
async fn release(
    db: &Database,
    proposal_id: i32,
    owner: Option<i32>,
    actor: Option<i32>,
    transition: ProposalTransition,
    reason: &str,
    notify: Option<&NotifySettings>,
) -> Result<(), ServiceError> {
    db.transaction(async |txn| {
        release_in(txn, proposal_id, owner, actor, transition, reason, notify).await?;
        if transition == ProposalTransition::Decline {
            webhook(txn, WebhookEvent::ProposalDeclined, proposal_id).await?;
        }
        Ok(())
    })
    .await
}

/// [`release`] inside the caller's transaction (returning a proposed request to the site
/// withdraws its live proposal first).
pub(crate) async fn release_in<C: ConnectionTrait>(
    txn: &C,
    proposal_id: i32,
    owner: Option<i32>,
    actor: Option<i32>,
    transition: ProposalTransition,
    reason: &str,
    notify: Option<&NotifySettings>,
) -> Result<(), ServiceError> {
    if let Some(team) = crate::teams::team_of_proposal(txn, proposal_id).await? {
        // A team member's answer releases the whole team (see `crate::teams`).
        return crate::teams::release_team_in(
            txn,
            team,
            proposal_id,
            owner,
            actor,
            transition,
            reason,
            notify,
        )
        .await;
    }
    let (row, status) = load(txn, proposal_id, owner).await?;
    let next = status.apply(transition)?;
    set_status(txn, &row, status, next, actor, reason).await?;
    set_sessions(
        txn,
        proposal_id,
        SessionStatus::Tentative,
        SessionStatus::Cancelled,
    )
    .await?;
    transition_in(
        txn,
        row.request_id,
        RequestTransition::ProviderDeclined,
        actor,
        reason,
    )
    .await?;
    match (notify, transition) {
        (Some(settings), ProposalTransition::Decline) => {
            notify::proposal_declined(txn, settings, proposal_id, reason).await?;
        }
        (Some(settings), ProposalTransition::Withdraw) => {
            notify::proposal_withdrawn(txn, settings, proposal_id, reason).await?;
        }
        _ => {}
    }
    Ok(())
}

/// The live (sent or accepted) proposals of a request, for withdrawing them together.
pub(crate) async fn live_proposals<C: ConnectionTrait>(
    txn: &C,
    request_id: i32,
) -> Result<Vec<i32>, ServiceError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::RequestId.eq(request_id))
        .filter(proposal::Column::Status.is_in([
            ProposalStatus::Sent.as_str(),
            ProposalStatus::Accepted.as_str(),
        ]))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// The coordinator approves an accepted proposal: every session becomes confirmed, the request
/// scheduled and the confirmation with its calendar invite queued to the provider and every site
/// contact, in one transaction (coordinators and administrators).
pub async fn approve_proposal(
    db: &Database,
    actor: &Actor,
    proposal_id: i32,
    notify: &NotifySettings,
) -> Result<u64, ServiceError> {
    actor.require(STAFF)?;
    let actor = actor.id();
    db.transaction(async |txn| {
    let (row, status) = load(txn, proposal_id, None).await?;
    if let Some(team) = crate::teams::team_of_proposal(txn, proposal_id).await? {
        // Any member's proposal approves the whole team, once every provider accepted.
        let confirmed = crate::teams::approve_team_in(txn, team, actor, notify).await?;
        webhook(txn, WebhookEvent::SessionConfirmed, proposal_id).await?;
        return Ok(confirmed);
    }
    if status != ProposalStatus::Accepted {
        return Err(ServiceError::Conflict(format!(
            "Proposal #{proposal_id} is {status}; only a proposal the provider accepted can be approved."
        )));
    }
    transition_in(
        txn,
        row.request_id,
        RequestTransition::Approve,
        Some(actor),
        "",
    )
    .await?;
    let confirmed = set_sessions(
        txn,
        proposal_id,
        SessionStatus::Tentative,
        SessionStatus::Confirmed,
    )
    .await?;
    transition_in(
        txn,
        row.request_id,
        RequestTransition::Schedule,
        Some(actor),
        "",
    )
    .await?;
    // Each virtual or hybrid session gets its meeting link before the invites are written.
    crate::meeting::assign_on_confirm(txn, &notify.meeting_room_base, proposal_id).await?;
    notify::schedule_confirmed(txn, notify, proposal_id).await?;
    webhook(txn, WebhookEvent::SessionConfirmed, proposal_id).await?;
        Ok(confirmed)
    })
    .await
}
