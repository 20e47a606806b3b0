//! Who could take over an engagement whose provider leaves: the matching engine's ranking for the
//! request, with availability judged on the remaining sessions' own instants (the site keeps its
//! times) instead of a fresh placement of the series.
//!
//! Every hard rule still applies (topics and level, modality and travel, conflict of interest,
//! capacity); availability is [`scheduling::check_fixed_sessions`]: each remaining session must
//! lie in the candidate's working hours, clear of their time off, their booked sessions (with
//! buffers) and the caps. So only providers free at exactly those times are eligible, and the
//! others are listed with the sessions that do not fit and why.

use chrono::{DateTime, Duration, Utc};
use scheduling::matching::{self, Candidate, Topic};
use scheduling::{Interval, check_fixed_sessions};
use sea_orm::EntityTrait;

use super::inputs::{Focus, load_providers, match_request, session_request};
use super::ranking::CandidateRanking;
use super::settings::SchedulingSettings;
use crate::entities::site;
use crate::requests::request_view;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Ranks every active provider except `leaving` for taking over `sessions` (`(occurrence,
/// instants)`) of `request_id`.
pub async fn rank_replacements(
    db: &Database,
    request_id: i32,
    leaving: i32,
    sessions: &[(u32, Interval)],
    now: DateTime<Utc>,
) -> Result<CandidateRanking, ServiceError> {
    let settings = SchedulingSettings::load(db).await?;
    let weights = settings.score_weights()?;
    let view = request_view(db, request_id).await?;
    let site = site::Entity::find_by_id(view.request.site_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Site #{}", view.request.site_id)))?;
    let site_zone = TimeZone::parse(&view.request.anchor_zone)
        .map_err(|e| ServiceError::Internal(format!("request {request_id}: {e}")))?;
    let first = sessions.iter().map(|(_, s)| s.start()).min().unwrap_or(now);
    let last = sessions.iter().map(|(_, s)| s.end()).max().unwrap_or(now);
    let focus = Focus {
        busy_window: (first - Duration::days(8), last + Duration::days(9)),
        sites: vec![view.request.site_id],
    };
    let providers: Vec<_> = load_providers(db, None, &settings, now, Some(&focus))
        .await?
        .into_iter()
        .filter(|p| p.id != leaving)
        .collect();
    let topics = view
        .topics
        .iter()
        .map(|t| Topic {
            id: matching::TopicId(i64::from(t.id)),
            name: t.name.clone(),
        })
        .collect();
    let wanted = match_request(&view.request, site.name, site.region, topics)?;
    let series = session_request(&view.request, &settings)?;
    let fits: Vec<matching::AvailabilityFit> = providers
        .iter()
        .map(|p| {
            matching::AvailabilityFit::from_series(
                &check_fixed_sessions(&p.schedule, site_zone, sessions),
                &series,
            )
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
        ranking: matching::rank_providers(&wanted, &candidates, &weights),
        site_zone,
    })
}
