//! The providers page (every provider with their booked work) and one provider's reassignment
//! page (their remaining engagements, and for each confirmed one who could take over its
//! sessions at their times). Coordinators and administrators only.

use chrono::{DateTime, Utc};
use contract::status::SessionStatus;
use contract::views::coordinator::{
    EngagementSessionView, EngagementView, ProviderRowView, ReassignView,
};
use scheduling::Interval;

use super::{candidate_view, excluded_view};
use crate::access::Actor;
use crate::engine::rank_replacements;
use crate::providers::ProviderOverview;
use crate::timefmt::span_with_site;
use crate::views::{reader_zone, stored_zone};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Every provider with their future sessions and engagements counted, times in the reader's
/// zone.
pub async fn providers_page(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<ProviderRowView>, ServiceError> {
    let rows = crate::providers::provider_overview(db, actor, now).await?;
    let zone = reader_zone(actor)?;
    Ok(rows.into_iter().map(|p| provider_row(p, zone)).collect())
}

/// Provider `provider_id`'s remaining engagements with replacement candidates for the confirmed
/// ones.
pub async fn reassign_page(
    db: &Database,
    actor: &Actor,
    provider_id: i32,
    now: DateTime<Utc>,
) -> Result<ReassignView, ServiceError> {
    let (overview, engagements) =
        crate::providers::remaining_engagements(db, actor, provider_id, now).await?;
    let zone = reader_zone(actor)?;
    let mut views = Vec::with_capacity(engagements.len());
    for engagement in engagements {
        let request = &engagement.request;
        let site_zone = stored_zone(&request.anchor_zone)?;
        let confirmed = engagement.is_confirmed();
        let (candidates, excluded) = if confirmed {
            let instants: Vec<(u32, Interval)> = engagement
                .sessions
                .iter()
                .filter_map(|s| {
                    Interval::new(s.starts_at, s.ends_at)
                        .ok()
                        .map(|i| (u32::try_from(s.occurrence).unwrap_or_default(), i))
                })
                .collect();
            let ranked = rank_replacements(db, request.id, provider_id, &instants, now).await?;
            (
                ranked
                    .ranking
                    .eligible
                    .into_iter()
                    .map(candidate_view)
                    .collect(),
                ranked
                    .ranking
                    .excluded
                    .into_iter()
                    .map(excluded_view)
                    .collect(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let sessions = engagement
            .sessions
            .iter()
            .map(|s| {
                Ok(EngagementSessionView {
                    id: s.id,
                    occurrence: s.occurrence,
                    when: span_with_site(s.starts_at, s.ends_at, zone, site_zone),
                    status: SessionStatus::parse(&s.status)
                        .map_err(|e| ServiceError::Internal(format!("session {}: {e}", s.id)))?,
                })
            })
            .collect::<Result<_, ServiceError>>()?;
        views.push(EngagementView {
            request_id: request.id,
            title: request.title.clone(),
            site: engagement.site_name.clone(),
            site_zone: site_zone.name().to_owned(),
            confirmed,
            sessions,
            candidates,
            excluded,
        });
    }
    Ok(ReassignView {
        provider: provider_row(overview, zone),
        engagements: views,
    })
}

fn provider_row(p: ProviderOverview, zone: TimeZone) -> ProviderRowView {
    ProviderRowView {
        id: p.id,
        name: p.name,
        email: p.email,
        zone: p.zone,
        active: p.active,
        departed: p
            .departed_at
            .map(|at| crate::timefmt::instant(at, zone))
            .unwrap_or_default(),
        confirmed_sessions: p.confirmed_sessions,
        tentative_sessions: p.tentative_sessions,
        engagements: p.engagements,
    }
}
