//! A team proposal decided: approved once every provider accepted, or released as a whole when
//! one provider declines or a coordinator withdraws any member. Both run inside the caller's
//! transaction (`proposals::approve_proposal` / `proposals::release_in` hand a team member's
//! proposal over to these).

use chrono::Utc;
use scheduling::join_names;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::book::{TEAM_APPROVED, TEAM_PROPOSED, TEAM_RELEASED};
use crate::ServiceError;
use crate::entities::{app_user, proposal, session_team, session_team_member};
use crate::notify::{self, NotifySettings};
use crate::proposals::set_sessions;
use crate::requests::transition_in;
use crate::status::{ProposalStatus, ProposalTransition, RequestTransition, SessionStatus};

/// The team `proposal_id` belongs to, if any.
pub(crate) async fn team_of_proposal<C: ConnectionTrait>(
    conn: &C,
    proposal_id: i32,
) -> Result<Option<i32>, ServiceError> {
    Ok(session_team_member::Entity::find()
        .filter(session_team_member::Column::ProposalId.eq(proposal_id))
        .one(conn)
        .await?
        .map(|m| m.team_id))
}

/// A member with their proposal and name, in team order.
struct Member {
    proposal: proposal::Model,
    status: ProposalStatus,
    name: String,
}

async fn members<C: ConnectionTrait>(conn: &C, team_id: i32) -> Result<Vec<Member>, ServiceError> {
    let rows = session_team_member::Entity::find()
        .filter(session_team_member::Column::TeamId.eq(team_id))
        .order_by_asc(session_team_member::Column::Position)
        .all(conn)
        .await?;
    let mut members = Vec::with_capacity(rows.len());
    for row in rows {
        let proposal = proposal::Entity::find_by_id(row.proposal_id)
            .one(conn)
            .await?
            .ok_or_else(|| ServiceError::Internal(format!("team {team_id}: no proposal")))?;
        let status = ProposalStatus::parse(&proposal.status)
            .map_err(|e| ServiceError::Internal(format!("proposal {}: {e}", proposal.id)))?;
        let name = app_user::Entity::find_by_id(row.provider_id)
            .one(conn)
            .await?
            .map(|u| u.display_name)
            .unwrap_or_else(|| format!("Provider #{}", row.provider_id));
        members.push(Member {
            proposal,
            status,
            name,
        });
    }
    Ok(members)
}

async fn team<C: ConnectionTrait>(
    conn: &C,
    team_id: i32,
) -> Result<session_team::Model, ServiceError> {
    session_team::Entity::find_by_id(team_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::Internal(format!("team {team_id} is missing")))
}

/// Moves the team on from `proposed`, guarded against a concurrent decision.
async fn close_team<C: ConnectionTrait>(
    conn: &C,
    team_id: i32,
    to: &str,
) -> Result<(), ServiceError> {
    let updated = session_team::Entity::update_many()
        .col_expr(session_team::Column::Status, Expr::value(to))
        .col_expr(session_team::Column::DecidedAt, Expr::value(Utc::now()))
        .filter(session_team::Column::Id.eq(team_id))
        .filter(session_team::Column::Status.eq(TEAM_PROPOSED))
        .exec(conn)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::Conflict(
            "This team proposal was decided by someone else just now; reload the page.".to_owned(),
        ))
    }
}

/// Moves a member's proposal from `from` to `to`, guarded against a concurrent decision.
async fn set_proposal<C: ConnectionTrait>(
    conn: &C,
    proposal_id: i32,
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
        .filter(proposal::Column::Id.eq(proposal_id))
        .filter(proposal::Column::Status.eq(from.as_str()))
        .exec(conn)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::Conflict(format!(
            "Proposal #{proposal_id} was decided by someone else just now; reload the page."
        )))
    }
}

/// Approves team `team_id` once every provider accepted: each provider's sessions confirmed,
/// the request approved and scheduled, and each provider's confirmation with their invites (and
/// the site contacts' copies) queued. A 409 naming who is awaited before that. The caller
/// checked the actor (staff).
pub(crate) async fn approve_team_in<C: ConnectionTrait>(
    txn: &C,
    team_id: i32,
    actor: i32,
    notify: &NotifySettings,
) -> Result<u64, ServiceError> {
    let row = team(txn, team_id).await?;
    if row.status != TEAM_PROPOSED {
        return Err(ServiceError::Conflict(format!(
            "This team proposal is {}; only a proposed team can be approved.",
            row.status
        )));
    }
    let members = members(txn, team_id).await?;
    let waiting: Vec<&str> = members
        .iter()
        .filter(|m| m.status != ProposalStatus::Accepted)
        .map(|m| m.name.as_str())
        .collect();
    if !waiting.is_empty() {
        return Err(ServiceError::Conflict(format!(
            "The team is confirmed once every provider accepted; still waiting for {}.",
            join_names(&waiting)
        )));
    }
    close_team(txn, team_id, TEAM_APPROVED).await?;
    transition_in(
        txn,
        row.request_id,
        RequestTransition::Approve,
        Some(actor),
        "",
    )
    .await?;
    let mut confirmed = 0;
    for member in &members {
        confirmed += set_sessions(
            txn,
            member.proposal.id,
            SessionStatus::Tentative,
            SessionStatus::Confirmed,
        )
        .await?;
    }
    transition_in(
        txn,
        row.request_id,
        RequestTransition::Schedule,
        Some(actor),
        "",
    )
    .await?;
    for member in &members {
        // Meeting links before the invites; a joint session's providers share one room.
        crate::meeting::assign_on_confirm(txn, &notify.meeting_room_base, member.proposal.id)
            .await?;
    }
    // Each provider their own confirmation; the site's contacts one naming the whole team.
    let proposals: Vec<i32> = members.iter().map(|m| m.proposal.id).collect();
    notify::team_schedule_confirmed(txn, notify, &proposals).await?;
    Ok(confirmed)
}

/// Declines or withdraws `proposal_id`, a member of team `team_id`, and with it the whole team:
/// the other live members' proposals withdrawn, every tentative session cancelled, the request
/// back to matching, the coordinators told of a decline and the other providers that the team's
/// times are released. `owner` restricts the proposal to that provider's own (others: not
/// found). A member already released with its team (a request returned to the site releases
/// each live proposal in turn) is left as it is.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn release_team_in<C: ConnectionTrait>(
    txn: &C,
    team_id: i32,
    proposal_id: i32,
    owner: Option<i32>,
    actor: Option<i32>,
    transition: ProposalTransition,
    reason: &str,
    notify: Option<&NotifySettings>,
) -> Result<(), ServiceError> {
    let members = members(txn, team_id).await?;
    let Some(deciding) = members
        .iter()
        .find(|m| m.proposal.id == proposal_id)
        .filter(|m| owner.is_none_or(|id| m.proposal.provider_id == id))
    else {
        return Err(ServiceError::NotFound(format!("Proposal #{proposal_id}")));
    };
    let row = team(txn, team_id).await?;
    if row.status == TEAM_RELEASED && owner.is_none() && transition == ProposalTransition::Withdraw
    {
        return Ok(());
    }
    let next = deciding.status.apply(transition)?;
    close_team(txn, team_id, TEAM_RELEASED).await?;
    set_proposal(txn, proposal_id, deciding.status, next, actor, reason).await?;
    let why_others = match transition {
        ProposalTransition::Decline => format!(
            "{} cannot take part, so the team's times are released; the coordinator will \
             propose again.",
            deciding.name
        ),
        _ => reason.trim().to_owned(),
    };
    for member in &members {
        if member.proposal.id != proposal_id
            && matches!(
                member.status,
                ProposalStatus::Sent | ProposalStatus::Accepted
            )
        {
            set_proposal(
                txn,
                member.proposal.id,
                member.status,
                ProposalStatus::Withdrawn,
                actor,
                &why_others,
            )
            .await?;
        }
        set_sessions(
            txn,
            member.proposal.id,
            SessionStatus::Tentative,
            SessionStatus::Cancelled,
        )
        .await?;
    }
    transition_in(
        txn,
        row.request_id,
        RequestTransition::ProviderDeclined,
        actor,
        reason,
    )
    .await?;
    if let Some(settings) = notify {
        match transition {
            ProposalTransition::Decline => {
                notify::proposal_declined(txn, settings, proposal_id, reason).await?;
            }
            _ => {
                notify::proposal_withdrawn(txn, settings, proposal_id, reason).await?;
            }
        }
        for member in &members {
            if member.proposal.id != proposal_id
                && matches!(
                    member.status,
                    ProposalStatus::Sent | ProposalStatus::Accepted
                )
            {
                notify::proposal_withdrawn(txn, settings, member.proposal.id, &why_others).await?;
            }
        }
    }
    Ok(())
}
