//! A provider who leaves: the providers with their booked work, one provider's remaining
//! engagements with suggested replacements, handing an engagement over, and marking the
//! provider as leaving (no longer ranked).

use leptos::prelude::*;

use contract::views::coordinator::{ProviderRowView, ReassignView};

/// Every provider with their future sessions and engagements counted.
#[server(endpoint = "coordinator/providers")]
pub async fn coordinator_providers() -> Result<Vec<ProviderRowView>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let rows = service::providers::provider_overview(&db, &actor, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    let zone = super::user_zone(actor.user())?;
    Ok(rows.into_iter().map(|p| row(p, zone)).collect())
}

#[cfg(feature = "ssr")]
fn row(p: service::providers::ProviderOverview, zone: service::zone::TimeZone) -> ProviderRowView {
    ProviderRowView {
        id: p.id,
        name: p.name,
        email: p.email,
        zone: p.zone,
        active: p.active,
        departed: p
            .departed_at
            .map(|at| service::timefmt::instant(at, zone))
            .unwrap_or_default(),
        confirmed_sessions: p.confirmed_sessions,
        tentative_sessions: p.tentative_sessions,
        engagements: p.engagements,
    }
}

/// The provider's remaining engagements (future tentative and confirmed sessions by request),
/// and for each confirmed one the providers who could take over its sessions at their times.
#[server(endpoint = "coordinator/provider_engagements")]
pub async fn provider_engagements(provider_id: i32) -> Result<ReassignView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use contract::views::coordinator::{EngagementSessionView, EngagementView};
    use scheduling::Interval;
    use service::ServiceError;
    use service::engine::rank_replacements;
    use service::status::SessionStatus;
    use service::timefmt::span_with_site;
    use service::views::coordinator::{candidate_view, excluded_view};
    use service::zone::TimeZone;

    let actor = acting_person()?;
    let db = database()?;
    let now = chrono::Utc::now();
    let (overview, engagements) =
        service::providers::remaining_engagements(&db, &actor, provider_id, now)
            .await
            .map_err(to_server_error)?;
    let zone = super::user_zone(actor.user())?;
    let mut views = Vec::with_capacity(engagements.len());
    for engagement in engagements {
        let request = &engagement.request;
        let site_zone = TimeZone::parse(&request.anchor_zone)
            .map_err(|e| to_server_error(ServiceError::Internal(e.to_string())))?;
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
            let ranked = rank_replacements(&db, request.id, provider_id, &instants, now)
                .await
                .map_err(to_server_error)?;
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
        views.push(EngagementView {
            request_id: request.id,
            title: request.title.clone(),
            site: engagement.site_name.clone(),
            site_zone: site_zone.name().to_owned(),
            confirmed,
            sessions: engagement
                .sessions
                .iter()
                .map(|s| {
                    Ok(EngagementSessionView {
                        id: s.id,
                        occurrence: s.occurrence,
                        when: span_with_site(s.starts_at, s.ends_at, zone, site_zone),
                        status: SessionStatus::parse(&s.status).map_err(|e| {
                            to_server_error(ServiceError::Internal(format!(
                                "session {}: {e}",
                                s.id
                            )))
                        })?,
                    })
                })
                .collect::<Result<_, ServerFnError>>()?,
            candidates,
            excluded,
        });
    }
    Ok(ReassignView {
        provider: row(overview, zone),
        engagements: views,
    })
}

/// Hands the remaining confirmed sessions of request `request_id` from `from_provider` to
/// `to_provider`, all or none, with the e-mails to both providers and the site.
#[server(endpoint = "coordinator/reassign")]
pub async fn reassign_engagement(
    request_id: i32,
    from_provider: i32,
    to_provider: i32,
    #[server(default)] reason: String,
) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;
    use service::sessions::Handover;

    let actor = acting_person()?;
    let db = database()?;
    service::sessions::reassign_engagement(
        &db,
        &actor,
        &Handover {
            request_id,
            from_provider,
            to_provider,
            reason: &reason,
        },
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)?;
    Ok(())
}

/// Marks the provider as leaving (`departed` = `true`: no longer ranked for requests) or takes
/// them back (`false`).
#[server(endpoint = "coordinator/provider_departure")]
pub async fn provider_departure(provider_id: i32, departed: String) -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use service::ServiceError;

    let actor = acting_person()?;
    let departed = match departed.trim() {
        "true" => true,
        "false" => false,
        _ => {
            return Err(to_server_error(ServiceError::Invalid(
                "Choose whether the provider leaves or stays.".to_owned(),
            )));
        }
    };
    let db = database()?;
    service::providers::set_departed(&db, &actor, provider_id, departed, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    Ok(())
}
