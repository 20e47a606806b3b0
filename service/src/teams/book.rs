//! Proposing a request to a team: every provider's proposal, tentative sessions and e-mail, the
//! team and its joint sessions, in one transaction.

use chrono::{DateTime, Duration, Utc};
use scheduling::matching::ScoreBreakdown;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use super::plan::{parse_provider_ids, plan_team};
use crate::access::{Actor, STAFF};
use crate::engine::{SchedulingSettings, booking_buffers, rank_candidates};
use crate::entities::{proposal, session_team, session_team_member, team_session, tta_request};
use crate::notify::{self, NotifySettings};
use crate::proposals::ProposedOccurrence;
use crate::requests::transition_in;
use crate::sessions::{NewSession, insert_sessions};
use crate::status::{ProposalStatus, RequestTransition, SessionStatus};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Sends request `request_id` to the team `providers` (comma-separated ids, two to eight) with
/// the series the engine places now for all of them together; returns the team's id.
/// Coordinators and administrators only. Refused (400): a provider inactive, departed or with a
/// conflict of interest, or an occurrence no time suits everyone for (naming who is in the way);
/// a provider booked meanwhile or the request proposed by someone else at the same time: 409.
pub async fn propose_team(
    db: &Database,
    actor: &Actor,
    request_id: i32,
    providers: &str,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    actor.require(STAFF)?;
    let ids = parse_provider_ids(providers)?;
    let schedule = plan_team(db, request_id, &ids, now).await?;
    if !schedule.plan.is_complete() {
        let names = schedule.names();
        let first = schedule
            .plan
            .occurrences
            .iter()
            .find(|o| o.slot().is_none())
            .map(|o| format!("Session {}: {}", o.index, o.explain(&names)))
            .unwrap_or_default();
        let unplaced = schedule
            .plan
            .occurrences
            .iter()
            .filter(|o| o.slot().is_none())
            .count();
        return Err(ServiceError::Invalid(format!(
            "{unplaced} of {} sessions cannot be placed with {}. {first} Change the team or \
             return the request to the site.",
            schedule.plan.occurrences.len(),
            schedule.with_names()
        )));
    }
    let occurrences: Vec<ProposedOccurrence> = schedule
        .plan
        .occurrences
        .iter()
        .filter_map(|o| {
            o.slot().map(|slot| ProposedOccurrence {
                occurrence: i32::try_from(o.index).unwrap_or(i32::MAX),
                starts_at: slot.start(),
                ends_at: slot.end(),
            })
        })
        .collect();
    // Each provider's proposal keeps the score the ranking gives them today (0 for one the
    // ranking does not list as eligible on their own, e.g. covering only part of the topics).
    let ranked = rank_candidates(db, request_id, now).await?;
    let members: Vec<TeamMemberBooking> = schedule
        .members
        .iter()
        .map(|(id, name)| {
            let breakdown = ranked
                .ranking
                .eligible
                .iter()
                .find(|c| c.provider.0 == i64::from(*id))
                .map(|c| &c.breakdown);
            Ok(TeamMemberBooking {
                provider_id: *id,
                name: name.clone(),
                score: breakdown.map_or(0.0, |b| b.score),
                breakdown_json: breakdown
                    .map(serde_json::to_string::<ScoreBreakdown>)
                    .transpose()
                    .map_err(|e| ServiceError::Internal(format!("score breakdown: {e}")))?
                    .unwrap_or_else(|| "{}".to_owned()),
            })
        })
        .collect::<Result<_, ServiceError>>()?;
    book_team(
        db,
        request_id,
        &members,
        &occurrences,
        Some(actor.id()),
        notify,
    )
    .await
}

/// One provider of a team to book.
#[derive(Clone, Debug)]
pub struct TeamMemberBooking {
    pub provider_id: i32,
    /// Named in a refusal ("Sam Ortiz was booked …").
    pub name: String,
    pub score: f64,
    pub breakdown_json: String,
}

/// Books the team: request → proposed, the team, each provider's proposal, their tentative
/// sessions at `occurrences` and their proposal e-mail, all in one transaction. A session that
/// would double-book a provider refuses everything with a 409 naming the provider.
///
/// No access check: the booking step under [`propose_team`] (the coordinator's door), for the
/// demo data and the engagement planner, whose callers check the actor.
pub async fn book_team(
    db: &Database,
    request_id: i32,
    members: &[TeamMemberBooking],
    occurrences: &[ProposedOccurrence],
    actor: Option<i32>,
    notify: &NotifySettings,
) -> Result<i32, ServiceError> {
    if occurrences.is_empty() {
        return Err(ServiceError::Invalid(
            "A proposal needs at least one session.".to_owned(),
        ));
    }
    let settings = SchedulingSettings::load(db).await?;
    let request = tta_request::Entity::find_by_id(request_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Request #{request_id}")))?;
    db.transaction(async |txn| {
        book_team_in(
            txn,
            &request,
            members,
            occurrences,
            actor,
            notify,
            &settings,
        )
        .await
    })
    .await
}

/// [`book_team`] inside the caller's transaction `txn` (the engagement planner books a team's
/// line with the rest of its plan), for `request` as stored in it.
pub async fn book_team_in<C: ConnectionTrait>(
    txn: &C,
    request: &tta_request::Model,
    members: &[TeamMemberBooking],
    occurrences: &[ProposedOccurrence],
    actor: Option<i32>,
    notify: &NotifySettings,
    settings: &SchedulingSettings,
) -> Result<i32, ServiceError> {
    if occurrences.is_empty() {
        return Err(ServiceError::Invalid(
            "A proposal needs at least one session.".to_owned(),
        ));
    }
    let request_id = request.id;
    let anchor_zone = TimeZone::parse(&request.anchor_zone)
        .map_err(|e| ServiceError::Internal(format!("request {request_id}: {e}")))?;
    let buffer_before = Duration::minutes(i64::from(settings.buffer_before_minutes));
    let buffer_after = Duration::minutes(i64::from(settings.buffer_after_minutes));
    {
        transition_in(txn, request_id, RequestTransition::Propose, actor, "").await?;
        let now = Utc::now();
        let team = session_team::ActiveModel {
            request_id: Set(request_id),
            status: Set(TEAM_PROPOSED.to_owned()),
            created_by: Set(actor),
            created_at: Set(now),
            decided_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let mut proposals = Vec::with_capacity(members.len());
        for (position, member) in members.iter().enumerate() {
            let proposal = proposal::ActiveModel {
                request_id: Set(request_id),
                provider_id: Set(member.provider_id),
                score: Set(member.score),
                score_breakdown: Set(member.breakdown_json.clone()),
                status: Set(ProposalStatus::Sent.as_str().to_owned()),
                created_by: Set(actor),
                decided_by: Set(None),
                decided_at: Set(None),
                decision_reason: Set(String::new()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            session_team_member::ActiveModel {
                team_id: Set(team.id),
                proposal_id: Set(proposal.id),
                provider_id: Set(member.provider_id),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            let sessions: Vec<NewSession> = occurrences
                .iter()
                .map(|o| {
                    // A visit's hold covers its travel days, as a one-provider visit's does.
                    let (buffer_before, buffer_after) = booking_buffers(
                        request,
                        o.starts_at,
                        o.ends_at,
                        buffer_before,
                        buffer_after,
                    );
                    NewSession {
                        request_id,
                        provider_id: member.provider_id,
                        proposal_id: Some(proposal.id),
                        occurrence: o.occurrence,
                        starts_at: o.starts_at,
                        ends_at: o.ends_at,
                        buffer_before,
                        buffer_after,
                        anchor_zone,
                        location: String::new(),
                        virtual_link: String::new(),
                        status: SessionStatus::Tentative,
                    }
                })
                .collect();
            let booked = insert_sessions(txn, &sessions)
                .await
                .map_err(|error| booked_meanwhile(&member.name, error))?;
            for row in booked {
                team_session::ActiveModel {
                    session_id: Set(row.id),
                    team_id: Set(team.id),
                    occurrence: Set(row.occurrence),
                }
                .insert(txn)
                .await?;
            }
            proposals.push(proposal.id);
        }
        // Once every member is on the team, so that each e-mail names the others.
        for proposal in proposals {
            notify::proposal_sent(txn, notify, proposal).await?;
        }
        Ok(team.id)
    }
}

/// A team proposal while the providers answer.
pub(crate) const TEAM_PROPOSED: &str = "proposed";
/// A team proposal the coordinator confirmed.
pub(crate) const TEAM_APPROVED: &str = "approved";
/// A team proposal one provider declined or a coordinator withdrew: every hold let go.
pub(crate) const TEAM_RELEASED: &str = "released";

/// A double booking found while booking `name`'s sessions (by the check, or by the database's
/// constraint when another transaction won the race) as a 409 naming them.
fn booked_meanwhile(name: &str, error: ServiceError) -> ServiceError {
    match error {
        ServiceError::Conflict(detail) => ServiceError::Conflict(format!(
            "{name} is no longer free for this plan: {detail} Reload the team's plan and send \
             again."
        )),
        ServiceError::Database(db_error)
            if db_error
                .to_string()
                .contains("tta_session_no_double_booking") =>
        {
            ServiceError::Conflict(format!(
                "{name} was booked by someone else just now; reload the team's plan and send \
                 again."
            ))
        }
        other => other,
    }
}
