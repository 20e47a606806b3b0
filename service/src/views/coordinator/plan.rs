//! The request's series planned with one provider, as the coordinator's plan shows it: each
//! occurrence in the site's and the provider's zone, moved or unplaced ones with the reasons,
//! the coordinator's own moves applied, and the other times each occurrence may move to.

use chrono::{DateTime, TimeDelta, Utc};
use contract::views::coordinator::{AlternativeView, OccurrenceView, PlanView};
use scheduling::Outcome;

use crate::access::{Actor, STAFF};
use crate::accounts::users::display_names;
use crate::engine::{AdjustedOccurrence, PlanMove, plan_adjusted};
use crate::timefmt::{duration, span};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The plan of request `id` with `provider_id` at `now`, with the coordinator's `moves`
/// (`occurrence@unix-seconds`, comma-separated; each checked against the slots the engine
/// offers) applied. Coordinators and administrators only; unreadable moves are refused (400).
pub async fn plan_page(
    db: &Database,
    actor: &Actor,
    id: i32,
    provider_id: i32,
    moves: &str,
    now: DateTime<Utc>,
) -> Result<PlanView, ServiceError> {
    actor.require(STAFF)?;
    let moves = PlanMove::parse_list(moves).map_err(|error| error.on_field("moves"))?;
    let plan = plan_adjusted(db, actor, id, provider_id, &moves, now).await?;
    let (provider_zone, site_zone) = (plan.provider_zone, plan.site_zone);
    let provider = display_names(db, [provider_id])
        .await?
        .remove(&provider_id)
        .unwrap_or_default();
    Ok(PlanView {
        provider_id,
        provider,
        provider_zone: provider_zone.name().to_owned(),
        site_zone: site_zone.name().to_owned(),
        placed: plan.placed(),
        requested: plan.occurrences.len(),
        occurrences: plan
            .occurrences
            .iter()
            .map(|o| occurrence_view(o, site_zone, provider_zone))
            .collect(),
        moves: PlanMove::write_list(&moves),
    })
}

fn occurrence_view(
    adjusted: &AdjustedOccurrence,
    site_zone: TimeZone,
    provider_zone: TimeZone,
) -> OccurrenceView {
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
                provider_time: span(slot.interval.start(), slot.interval.end(), provider_zone),
            })
            .collect(),
    }
}

/// "2 days 1 hour later", "45 minutes earlier".
fn shift_text(minutes: i64) -> String {
    let direction = if minutes < 0 { "earlier" } else { "later" };
    format!("{} {direction}", duration(TimeDelta::minutes(minutes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shift_reads_as_a_length_and_a_direction() {
        assert_eq!(shift_text(-45), "45 minutes earlier");
        assert!(shift_text(60 * 24 + 60).ends_with(" later"));
    }
}
