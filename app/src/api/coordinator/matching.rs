//! Ranked candidates for a request, and the series planned with one of them.

use leptos::prelude::*;

use super::views::{CandidatesView, PlanView};

/// Every provider for the request: the eligible ones best first with the parts of their score,
/// and the excluded ones with every rule they break.
#[server(endpoint = "coordinator/candidates")]
pub async fn coordinator_candidates(id: i32) -> Result<CandidatesView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use service::engine::candidates;

    let actor = acting_person()?;
    let db = database()?;
    let ranked = candidates(&db, &actor, id, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    Ok(CandidatesView {
        eligible: ranked
            .ranking
            .eligible
            .into_iter()
            .map(candidate_view)
            .collect(),
        excluded: ranked
            .ranking
            .excluded
            .into_iter()
            .map(excluded_view)
            .collect(),
    })
}

/// An eligible provider with the parts of their score, as pages show it.
#[cfg(feature = "ssr")]
pub(super) fn candidate_view(
    p: scheduling::matching::RankedProvider,
) -> super::views::CandidateView {
    use super::views::{CandidateView, ScorePartView};
    use scheduling::matching::Part;

    CandidateView {
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
    }
}

/// An excluded provider with every rule they break.
#[cfg(feature = "ssr")]
pub(super) fn excluded_view(
    p: scheduling::matching::ExcludedProvider,
) -> super::views::ExcludedView {
    super::views::ExcludedView {
        provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
        name: p.name,
        reasons: p.reasons.iter().map(ToString::to_string).collect(),
    }
}

#[cfg(feature = "ssr")]
fn percent(x: f64) -> u32 {
    (x * 100.0).round().clamp(0.0, 100.0) as u32
}

/// The request's series placed in `provider_id`'s free time, each occurrence in the site's and
/// the provider's zone, moved or unplaced ones with the reasons, with the coordinator's `moves`
/// applied (`occurrence@unix-seconds`, comma-separated; each checked against the slots the
/// engine offers) and the other times each occurrence may move to.
#[server(endpoint = "coordinator/plan")]
pub async fn coordinator_plan(
    id: i32,
    provider_id: i32,
    #[server(default)] moves: String,
) -> Result<PlanView, ServerFnError> {
    use super::views::{AlternativeView, OccurrenceView};
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use scheduling::Outcome;
    use service::accounts::users::display_names;
    use service::engine::{PlanMove, plan_adjusted};
    use service::timefmt::span;

    let actor = acting_person()?;
    let moves = PlanMove::parse_list(&moves).map_err(to_server_error)?;
    let db = database()?;
    let plan = plan_adjusted(&db, &actor, id, provider_id, &moves, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    let (provider_zone, site_zone) = (plan.provider_zone, plan.site_zone);
    let provider = display_names(&db, [provider_id])
        .await
        .map_err(to_server_error)?
        .remove(&provider_id)
        .unwrap_or_default();
    let requested = plan.occurrences.len();
    let occurrences: Vec<OccurrenceView> = plan
        .occurrences
        .iter()
        .map(|adjusted| {
            let o = &adjusted.engine;
            let interval = adjusted.slot().unwrap_or(o.anchor);
            let (outcome, label, mut notes) = match &o.outcome {
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
            let (outcome, label) = match adjusted.chosen {
                Some(_) => {
                    notes.insert(
                        0,
                        match o.slot() {
                            Some(engine) => format!(
                                "You moved it from {}.",
                                span(engine.start(), engine.end(), site_zone)
                            ),
                            None => "You placed it.".to_owned(),
                        },
                    );
                    ("chosen", "Moved by you")
                }
                None => (outcome, label),
            };
            OccurrenceView {
                index: o.index,
                outcome: outcome.to_owned(),
                outcome_label: label.to_owned(),
                start: interval.start().timestamp(),
                site_time: span(interval.start(), interval.end(), site_zone),
                provider_time: span(interval.start(), interval.end(), provider_zone),
                notes,
                moved_by_you: adjusted.chosen.is_some(),
                alternatives: adjusted
                    .alternatives
                    .iter()
                    .map(|slot| AlternativeView {
                        start: slot.interval.start().timestamp(),
                        site_time: span(slot.interval.start(), slot.interval.end(), site_zone),
                        provider_time: span(
                            slot.interval.start(),
                            slot.interval.end(),
                            provider_zone,
                        ),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(PlanView {
        provider_id,
        provider,
        provider_zone: provider_zone.name().to_owned(),
        site_zone: site_zone.name().to_owned(),
        placed: plan.placed(),
        requested,
        occurrences,
        moves: PlanMove::write_list(&moves),
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
