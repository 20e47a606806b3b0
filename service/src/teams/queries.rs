//! Reading teams: who shares each joint session, and a request's team proposals as the
//! coordinator's page shows them.

use std::collections::HashMap;

use contract::views::team::{TeamMemberLine, TeamView};
use scheduling::join_names;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::book::{TEAM_APPROVED, TEAM_PROPOSED};
use crate::access::{Actor, STAFF};
use crate::entities::{app_user, proposal, session_team, session_team_member, team_session};
use crate::requests::request_view;
use crate::status::{ProposalStatus, RequestStatus};
use crate::{Database, ServiceError};

/// For each of `session_ids` that is part of a joint session: the names of every provider of
/// its team, in team order. Sessions of a single provider are absent from the map.
pub async fn joint_names<C: ConnectionTrait>(
    conn: &C,
    session_ids: &[i32],
) -> Result<HashMap<i32, Vec<String>>, ServiceError> {
    if session_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let links = team_session::Entity::find()
        .filter(team_session::Column::SessionId.is_in(session_ids.to_vec()))
        .all(conn)
        .await?;
    if links.is_empty() {
        return Ok(HashMap::new());
    }
    let mut team_ids: Vec<i32> = links.iter().map(|l| l.team_id).collect();
    team_ids.sort_unstable();
    team_ids.dedup();
    let members = session_team_member::Entity::find()
        .filter(session_team_member::Column::TeamId.is_in(team_ids))
        .order_by_asc(session_team_member::Column::TeamId)
        .order_by_asc(session_team_member::Column::Position)
        .all(conn)
        .await?;
    let mut user_ids: Vec<i32> = members.iter().map(|m| m.provider_id).collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let names: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(user_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let mut by_team: HashMap<i32, Vec<String>> = HashMap::new();
    for member in &members {
        by_team.entry(member.team_id).or_default().push(
            names
                .get(&member.provider_id)
                .cloned()
                .unwrap_or_else(|| format!("Provider #{}", member.provider_id)),
        );
    }
    Ok(links
        .into_iter()
        .filter_map(|l| by_team.get(&l.team_id).map(|n| (l.session_id, n.clone())))
        .collect())
}

/// "with Dana Reyes and Sam Ortiz" for a joint session in `names`, else `None`.
pub fn with_names(names: &HashMap<i32, Vec<String>>, session_id: i32) -> Option<String> {
    names.get(&session_id).map(|n| {
        format!(
            "with {}",
            join_names(&n.iter().map(String::as_str).collect::<Vec<_>>())
        )
    })
}

/// The team proposals of `request_id`, newest first, each with every provider's answer and
/// whether the coordinator may approve it now. Coordinators and administrators only.
pub async fn request_teams(
    db: &Database,
    actor: &Actor,
    request_id: i32,
) -> Result<Vec<TeamView>, ServiceError> {
    actor.require(STAFF)?;
    let view = request_view(db, request_id).await?;
    teams_of(db, request_id, view.status).await
}

/// [`request_teams`] of a request already read (its status decides whether a team may be
/// approved): the teams, their members, proposals and names in one statement each, and only
/// the first when the request has no team.
pub async fn teams_of(
    db: &Database,
    request_id: i32,
    status: RequestStatus,
) -> Result<Vec<TeamView>, ServiceError> {
    let teams = session_team::Entity::find()
        .filter(session_team::Column::RequestId.eq(request_id))
        .order_by_desc(session_team::Column::Id)
        .all(db.conn())
        .await?;
    if teams.is_empty() {
        return Ok(Vec::new());
    }
    let rows = session_team_member::Entity::find()
        .filter(session_team_member::Column::TeamId.is_in(teams.iter().map(|t| t.id)))
        .order_by_asc(session_team_member::Column::TeamId)
        .order_by_asc(session_team_member::Column::Position)
        .all(db.conn())
        .await?;
    let (proposals, names): (HashMap<i32, proposal::Model>, HashMap<i32, String>) =
        if rows.is_empty() {
            (HashMap::new(), HashMap::new())
        } else {
            let proposals = proposal::Entity::find()
                .filter(proposal::Column::Id.is_in(rows.iter().map(|r| r.proposal_id)))
                .all(db.conn())
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
            let names = app_user::Entity::find()
                .filter(app_user::Column::Id.is_in(rows.iter().map(|r| r.provider_id)))
                .all(db.conn())
                .await?
                .into_iter()
                .map(|u| (u.id, u.display_name))
                .collect();
            (proposals, names)
        };
    let mut out = Vec::with_capacity(teams.len());
    for team in teams {
        let mut members = Vec::new();
        for row in rows.iter().filter(|r| r.team_id == team.id) {
            let proposal = proposals
                .get(&row.proposal_id)
                .ok_or_else(|| ServiceError::Internal(format!("team {}: no proposal", team.id)))?;
            let name = names
                .get(&row.provider_id)
                .cloned()
                .unwrap_or_else(|| format!("Provider #{}", row.provider_id));
            members.push(TeamMemberLine {
                proposal_id: proposal.id,
                provider: name,
                status: ProposalStatus::parse(&proposal.status).map_err(|e| {
                    ServiceError::Internal(format!("proposal {}: {e}", proposal.id))
                })?,
            });
        }
        let names: Vec<&str> = members.iter().map(|m| m.provider.as_str()).collect();
        let waiting: Vec<&str> = members
            .iter()
            .filter(|m| m.status == ProposalStatus::Sent)
            .map(|m| m.provider.as_str())
            .collect();
        let proposed = team.status == TEAM_PROPOSED;
        out.push(TeamView {
            id: team.id,
            with_names: join_names(&names),
            status_label: match team.status.as_str() {
                TEAM_PROPOSED if waiting.is_empty() => "Every provider accepted".to_owned(),
                TEAM_PROPOSED => "Waiting for the providers".to_owned(),
                TEAM_APPROVED => "Approved".to_owned(),
                _ => "Released".to_owned(),
            },
            can_approve: proposed
                && status == RequestStatus::Proposed
                && members.iter().all(|m| m.status == ProposalStatus::Accepted),
            approve_proposal_id: members.first().map_or(0, |m| m.proposal_id),
            waiting_for: if proposed {
                join_names(&waiting)
            } else {
                String::new()
            },
            members,
        });
    }
    Ok(out)
}

/// A joint session's row as the coordinator reads it: its own provider, then the whole team
/// ("Alex Phoenix (joint session with Alex Phoenix and Dana Denver)"); a single provider's row
/// is just their name.
pub fn provider_label(own: String, names: &HashMap<i32, Vec<String>>, session_id: i32) -> String {
    match with_names(names, session_id) {
        Some(with) => format!("{own} (joint session {with})"),
        None => own,
    }
}

/// For a provider reading their own row of a joint session: the others ("with Dana Denver").
pub fn others_of(names: &HashMap<i32, Vec<String>>, session_id: i32, own: &str) -> Option<String> {
    let others: Vec<&str> = names
        .get(&session_id)?
        .iter()
        .map(String::as_str)
        .filter(|n| *n != own)
        .collect();
    (!others.is_empty()).then(|| format!("with {}", join_names(&others)))
}

/// The rows a site reads once per joint session: of each team's rows for one occurrence, every
/// row but the first still holding time (else the first) is returned, to be left out.
pub async fn joint_duplicates<C: ConnectionTrait>(
    conn: &C,
    sessions: &[crate::entities::tta_session::Model],
) -> Result<std::collections::HashSet<i32>, ServiceError> {
    let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    if ids.is_empty() {
        return Ok(std::collections::HashSet::new());
    }
    let links = team_session::Entity::find()
        .filter(team_session::Column::SessionId.is_in(ids))
        .all(conn)
        .await?;
    let mut groups: HashMap<(i32, i32), Vec<&crate::entities::tta_session::Model>> = HashMap::new();
    for link in &links {
        if let Some(session) = sessions.iter().find(|s| s.id == link.session_id) {
            groups
                .entry((link.team_id, link.occurrence))
                .or_default()
                .push(session);
        }
    }
    let mut hidden = std::collections::HashSet::new();
    for rows in groups.values() {
        let shown = rows
            .iter()
            .filter(|s| s.status != "cancelled")
            .min_by_key(|s| s.id)
            .or_else(|| rows.iter().min_by_key(|s| s.id))
            .map(|s| s.id);
        hidden.extend(rows.iter().map(|s| s.id).filter(|id| Some(*id) != shown));
    }
    Ok(hidden)
}
