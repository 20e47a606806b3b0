//! Sending a proposal: request → proposed, proposal row, tentative sessions and the e-mail to
//! the provider, one transaction.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::engine::SchedulingSettings;
use crate::entities::{proposal, tta_request};
use crate::notify::{self, NotifySettings};
use crate::requests::transition_in;
use crate::sessions::{NewSession, explain_double_booking, insert_sessions};
use crate::status::{ProposalStatus, RequestTransition, SessionStatus};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// One session of the proposed series, as the coordinator settled it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProposedOccurrence {
    pub occurrence: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// Offers `request_id` to `provider_id` with these sessions and queues the proposal e-mail to
/// the provider. Fails without changing (or sending) anything if the request cannot be proposed
/// now, or if any session would double-book the provider.
///
/// No access check: this is the booking step under [`super::propose`] (the coordinator's door)
/// and the demo data. Entry points call `propose`.
// The arguments are what a coordinator settled on one screen; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub async fn book_proposal(
    db: &Database,
    request_id: i32,
    provider_id: i32,
    occurrences: &[ProposedOccurrence],
    score: f64,
    score_breakdown_json: String,
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
    let sessions = proposal_sessions(&request, provider_id, occurrences, &settings)?;
    let result = db
        .transaction(async |txn| {
            book_proposal_in(txn, &sessions, score, score_breakdown_json, actor, notify).await
        })
        .await;
    explain_double_booking(db, &sessions, result).await
}

/// The tentative sessions of a proposal of `request` to `provider_id`, with the programme's
/// buffers, anchored to the request's zone (not yet tied to a proposal).
pub(crate) fn proposal_sessions(
    request: &tta_request::Model,
    provider_id: i32,
    occurrences: &[ProposedOccurrence],
    settings: &SchedulingSettings,
) -> Result<Vec<NewSession>, ServiceError> {
    if occurrences.is_empty() {
        return Err(ServiceError::Invalid(
            "A proposal needs at least one session.".to_owned(),
        ));
    }
    let anchor_zone = TimeZone::parse(&request.anchor_zone)
        .map_err(|e| ServiceError::Internal(format!("request {}: {e}", request.id)))?;
    Ok(occurrences
        .iter()
        .map(|o| {
            // An on-site visit's buffers reach over its travel days.
            let (buffer_before, buffer_after) = crate::engine::booking_buffers(
                request,
                o.starts_at,
                o.ends_at,
                Duration::minutes(i64::from(settings.buffer_before_minutes)),
                Duration::minutes(i64::from(settings.buffer_after_minutes)),
            );
            (o, buffer_before, buffer_after)
        })
        .map(|(o, buffer_before, buffer_after)| NewSession {
            request_id: request.id,
            provider_id,
            proposal_id: None,
            occurrence: o.occurrence,
            starts_at: o.starts_at,
            ends_at: o.ends_at,
            buffer_before,
            buffer_after,
            anchor_zone,
            location: String::new(),
            virtual_link: String::new(),
            status: SessionStatus::Tentative,
        })
        .collect())
}

/// The booking of [`book_proposal`] inside the caller's transaction: the request (of
/// `sessions`, all of one request and provider) → proposed, the proposal row, the tentative
/// sessions and the proposal e-mail. The caller passes its transaction's outcome through
/// [`explain_double_booking`]. A step below the door, for use cases that send several
/// proposals at once (`engagements::send_cadence`).
pub(crate) async fn book_proposal_in<C: ConnectionTrait>(
    txn: &C,
    sessions: &[NewSession],
    score: f64,
    score_breakdown_json: String,
    actor: Option<i32>,
    notify: &NotifySettings,
) -> Result<i32, ServiceError> {
    let Some(first) = sessions.first() else {
        return Err(ServiceError::Invalid(
            "A proposal needs at least one session.".to_owned(),
        ));
    };
    let (request_id, provider_id) = (first.request_id, first.provider_id);
    transition_in(txn, request_id, RequestTransition::Propose, actor, "").await?;
    let proposal = proposal::ActiveModel {
        request_id: Set(request_id),
        provider_id: Set(provider_id),
        score: Set(score),
        score_breakdown: Set(score_breakdown_json),
        status: Set(ProposalStatus::Sent.as_str().to_owned()),
        created_by: Set(actor),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_reason: Set(String::new()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let with_proposal: Vec<NewSession> = sessions
        .iter()
        .cloned()
        .map(|s| NewSession {
            proposal_id: Some(proposal.id),
            ..s
        })
        .collect();
    insert_sessions(txn, &with_proposal).await?;
    notify::proposal_sent(txn, notify, proposal.id).await?;
    crate::webhooks::payloads::proposal_event(
        txn,
        crate::webhooks::WebhookEvent::ProposalSent,
        proposal.id,
    )
    .await?;
    Ok(proposal.id)
}
