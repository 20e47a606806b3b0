//! Ranked candidates for a request, and the series planned with one of them.

use leptos::prelude::*;

use super::views::{CandidatesView, PlanView};

/// Every provider for the request: the eligible ones best first with the parts of their score,
/// and the excluded ones with every rule they break.
#[server(endpoint = "coordinator/candidates")]
pub async fn coordinator_candidates(id: i32) -> Result<CandidatesView, ServerFnError> {
    use super::views::{CandidateView, ExcludedView, ScorePartView};
    use crate::api::guard::require;
    use crate::api::server::{database, to_server_error};
    use scheduling::matching::Part;
    use service::accounts::Role;
    use service::engine::rank_candidates;

    require(&[Role::Coordinator, Role::Admin])?;
    let db = database()?;
    let ranked = rank_candidates(&db, id, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    let percent = |x: f64| (x * 100.0).round().clamp(0.0, 100.0) as u32;
    Ok(CandidatesView {
        eligible: ranked
            .ranking
            .eligible
            .into_iter()
            .map(|p| CandidateView {
                provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
                name: p.name,
                score_percent: percent(p.breakdown.score),
                parts: p
                    .breakdown
                    .parts
                    .into_iter()
                    .map(|part| ScorePartView {
                        label: match part.part {
                            Part::Expertise => "Expertise",
                            Part::Continuity => "Continuity with the site",
                            Part::TimeZone => "Working-hours overlap",
                            Part::LoadBalance => "Spare capacity",
                            Part::Availability => "Fit of the series",
                        }
                        .to_owned(),
                        value_percent: percent(part.value),
                        weight_percent: percent(part.weight),
                        contribution_percent: (part.contribution * 1000.0).round() / 10.0,
                        explanation: part.explanation,
                    })
                    .collect(),
            })
            .collect(),
        excluded: ranked
            .ranking
            .excluded
            .into_iter()
            .map(|p| ExcludedView {
                provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
                name: p.name,
                reasons: p.reasons.iter().map(ToString::to_string).collect(),
            })
            .collect(),
    })
}

/// The request's series placed in `provider_id`'s free time, each occurrence in the site's and
/// the provider's zone, moved or unplaced ones with the reasons.
#[server(endpoint = "coordinator/plan")]
pub async fn coordinator_plan(id: i32, provider_id: i32) -> Result<PlanView, ServerFnError> {
    use super::views::OccurrenceView;
    use crate::api::guard::require;
    use crate::api::server::{database, to_server_error};
    use scheduling::Outcome;
    use service::accounts::Role;
    use service::accounts::users::display_names;
    use service::engine::plan_series;
    use service::timefmt::span;

    require(&[Role::Coordinator, Role::Admin])?;
    let db = database()?;
    let (plan, provider_zone, site_zone) = plan_series(&db, id, provider_id, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    let provider = display_names(&db, [provider_id])
        .await
        .map_err(to_server_error)?
        .remove(&provider_id)
        .unwrap_or_default();
    let requested = plan.occurrences.len();
    let occurrences: Vec<OccurrenceView> = plan
        .occurrences
        .iter()
        .map(|o| {
            let interval = o.slot().unwrap_or(o.anchor);
            let (outcome, label, notes) = match &o.outcome {
                Outcome::AtAnchor { .. } => ("at_anchor", "As requested", Vec::new()),
                Outcome::Moved {
                    shift_minutes,
                    anchor_reasons,
                    ..
                } => (
                    "moved",
                    "Moved",
                    std::iter::once(format!(
                        "Moved {} from the requested time.",
                        shift_text(*shift_minutes)
                    ))
                    .chain(anchor_reasons.iter().map(ToString::to_string))
                    .collect(),
                ),
                Outcome::Unplaced { reasons } => (
                    "unplaced",
                    "Could not be placed",
                    reasons.iter().map(ToString::to_string).collect(),
                ),
            };
            OccurrenceView {
                index: o.index,
                outcome: outcome.to_owned(),
                outcome_label: label.to_owned(),
                site_time: span(interval.start(), interval.end(), site_zone),
                provider_time: span(interval.start(), interval.end(), provider_zone),
                notes,
            }
        })
        .collect();
    Ok(PlanView {
        provider_id,
        provider,
        provider_zone: provider_zone.name().to_owned(),
        site_zone: site_zone.name().to_owned(),
        placed: occurrences
            .iter()
            .filter(|o| o.outcome != "unplaced")
            .count(),
        requested,
        occurrences,
    })
}

/// "2 days 1 hour later", "45 minutes earlier".
#[cfg(feature = "ssr")]
fn shift_text(minutes: i64) -> String {
    let direction = if minutes < 0 { "earlier" } else { "later" };
    let m = minutes.unsigned_abs();
    let (days, hours, mins) = (m / 1440, (m % 1440) / 60, m % 60);
    let mut parts = Vec::new();
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if days > 0 {
        parts.push(plural(days, "day"));
    }
    if hours > 0 {
        parts.push(plural(hours, "hour"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(plural(mins, "minute"));
    }
    format!("{} {direction}", parts.join(" "))
}
