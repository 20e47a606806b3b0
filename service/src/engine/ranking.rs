//! Ranking providers for a request, planning a request's series with one provider, and batch
//! assignment of every open request.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use scheduling::matching::{self, Assignment, Candidate, Ranking, ScoreWeights, Topic};
use scheduling::{PreparedRequest, SeriesPlan, Zone};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::inputs::{
    Focus, ProviderData, load_providers, match_request, session_request, site_calendar,
};
use super::settings::SchedulingSettings;
use crate::access::{Actor, STAFF};
use crate::entities::{site, tta_request};
use crate::requests::{RequestView, request_view};
use crate::status::RequestStatus;
use crate::{Database, ServiceError};

/// The ranking of every provider for one request, and the zones to show times in.
#[derive(Clone, Debug)]
pub struct CandidateRanking {
    pub ranking: Ranking,
    pub site_zone: Zone,
}

/// [`rank_candidates`] for the coordinator's candidates list: coordinators and administrators
/// only. (`rank_candidates` itself is the engine's step, for use cases, tests and profiling.)
/// A ranking computed for an earlier view is served again while nothing it reads has changed
/// (see [`super::ranking_cache`]); the use cases that act on a ranking (proposing, booking a
/// team) compute their own.
/// The ranking is shared with the cache and every other view of it: read it, do not copy it.
pub async fn candidates(
    db: &Database,
    actor: &Actor,
    request_id: i32,
    now: DateTime<Utc>,
) -> Result<Arc<CandidateRanking>, ServiceError> {
    actor.require(STAFF)?;
    db.rankings()
        .get_or_compute(db, request_id, now, async || {
            rank_candidates(db, request_id, now).await
        })
        .await
}

/// [`batch_match`] for the coordinator's batch page: coordinators and administrators only.
pub async fn batch_assignment(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<BatchMatch, ServiceError> {
    actor.require(STAFF)?;
    batch_match(db, now).await
}

/// Ranks every active provider for `request_id`: hard rules with named reasons, and the score
/// breakdown of each eligible provider. Each provider's availability is the engine's placement of
/// the whole series in that provider's free time.
pub async fn rank_candidates(
    db: &Database,
    request_id: i32,
    now: DateTime<Utc>,
) -> Result<CandidateRanking, ServiceError> {
    let settings = SchedulingSettings::load(db).await?;
    let weights = settings.score_weights()?;
    let view = request_view(db, request_id).await?;
    let providers = load_providers(
        db,
        None,
        &settings,
        now,
        Some(&Focus::of_request(&view.request)),
    )
    .await?;
    rank_loaded(db, &view, &providers, &settings, &weights, now).await
}

/// Ranks `providers` (already loaded) for one request.
async fn rank_loaded(
    db: &Database,
    view: &RequestView,
    providers: &[ProviderData],
    settings: &SchedulingSettings,
    weights: &ScoreWeights,
    now: DateTime<Utc>,
) -> Result<CandidateRanking, ServiceError> {
    let site = site::Entity::find_by_id(view.request.site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{}", view.request.site_id)))?;
    let topics = view
        .topics
        .iter()
        .map(|t| Topic {
            id: matching::TopicId(i64::from(t.id)),
            name: t.name.clone(),
        })
        .collect();
    let wanted = match_request(&view.request, site.name, site.region, topics)?;
    let calendar = site_calendar(db, &view.request).await?;
    let series = session_request(&view.request, settings)?;
    let prepared = PreparedRequest::new(&calendar, &series, now);
    let shape = super::visits::visit_shape(&view.request)?;
    let fits: Vec<matching::AvailabilityFit> = providers
        .iter()
        .map(|p| {
            let plan = super::visits::place(&prepared, &p.schedule, shape);
            matching::AvailabilityFit::from_series(&plan, &series)
        })
        .collect();
    let candidates: Vec<Candidate<'_>> = providers
        .iter()
        .zip(&fits)
        .map(|(p, fit)| Candidate {
            profile: &p.profile,
            availability: Some(fit),
        })
        .collect();
    Ok(CandidateRanking {
        ranking: matching::rank_providers(&wanted, &candidates, weights),
        site_zone: calendar.zone(),
    })
}

/// The whole series of `request_id` placed in `provider_id`'s free time, occurrence by
/// occurrence, with the zones of both sides.
pub async fn plan_series(
    db: &Database,
    request_id: i32,
    provider_id: i32,
    now: DateTime<Utc>,
) -> Result<(SeriesPlan, Zone, Zone), ServiceError> {
    let view = request_view(db, request_id).await?;
    let settings = SchedulingSettings::load(db).await?;
    let calendar = site_calendar(db, &view.request).await?;
    let series = session_request(&view.request, &settings)?;
    let provider = load_providers(
        db,
        Some(&[provider_id]),
        &settings,
        now,
        Some(&Focus::of_request(&view.request)),
    )
    .await?
    .into_iter()
    .next()
    .ok_or_else(|| ServiceError::NotFound(format!("Provider #{provider_id}")))?;
    let plan = super::visits::place(
        &PreparedRequest::new(&calendar, &series, now),
        &provider.schedule,
        super::visits::visit_shape(&view.request)?,
    );
    Ok((plan, provider.zone, calendar.zone()))
}

/// The result of batch matching: the optimal assignment and each request's ranking (for the
/// reasons shown beside each row).
#[derive(Clone, Debug)]
pub struct BatchMatch {
    pub assignment: Assignment,
    pub rankings: Vec<Ranking>,
    pub requests: Vec<tta_request::Model>,
}

/// Ranks every open request (submitted or matching), then assigns them to providers at once,
/// maximising the total score within each provider's free engagement capacity.
pub async fn batch_match(db: &Database, now: DateTime<Utc>) -> Result<BatchMatch, ServiceError> {
    let settings = SchedulingSettings::load(db).await?;
    let weights = settings.score_weights()?;
    let open = tta_request::Entity::find()
        .filter(tta_request::Column::Status.is_in([
            RequestStatus::Submitted.as_str(),
            RequestStatus::Matching.as_str(),
        ]))
        .order_by_asc(tta_request::Column::CreatedAt)
        .order_by_asc(tta_request::Column::Id)
        .all(db.conn())
        .await?;
    let focus = Focus::of_requests(&open);
    let providers = load_providers(db, None, &settings, now, focus.as_ref()).await?;
    let mut rankings = Vec::with_capacity(open.len());
    for request in &open {
        let view = request_view(db, request.id).await?;
        rankings.push(
            rank_loaded(db, &view, &providers, &settings, &weights, now)
                .await?
                .ranking,
        );
    }
    let profiles: Vec<matching::ProviderProfile> =
        providers.iter().map(|p| p.profile.clone()).collect();
    let problem = matching::problem_from_rankings(&rankings, &profiles)
        .map_err(|e| ServiceError::Internal(format!("batch matching: {e}")))?;
    Ok(BatchMatch {
        assignment: matching::assign(&problem),
        rankings,
        requests: open,
    })
}
