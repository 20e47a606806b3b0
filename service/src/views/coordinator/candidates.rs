//! The providers for a request, as the coordinator's candidates list shows them: the eligible
//! ones best first with the parts of their score in words, the excluded ones with every rule
//! they break. [`candidate_view`] and [`excluded_view`] also write the replacements of a leaving
//! provider.

use chrono::{DateTime, Utc};
use contract::views::coordinator::{CandidateView, CandidatesView, ExcludedView, ScorePartView};
use scheduling::matching::{ExcludedProvider, Part, RankedProvider};

use crate::access::Actor;
use crate::engine::candidates;
use crate::{Database, ServiceError};

/// Every provider for request `id` at `now`. Coordinators and administrators only.
pub async fn candidates_page(
    db: &Database,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<CandidatesView, ServiceError> {
    let ranked = candidates(db, actor, id, now).await?;
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
pub fn candidate_view(p: RankedProvider) -> CandidateView {
    CandidateView {
        provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
        name: p.name,
        score_percent: percent(p.breakdown.score),
        parts: p
            .breakdown
            .parts
            .into_iter()
            .map(|part| ScorePartView {
                label: part_label(part.part).to_owned(),
                value_percent: percent(part.value),
                weight_percent: percent(part.weight),
                contribution_percent: (part.contribution * 1000.0).round() / 10.0,
                explanation: part.explanation,
            })
            .collect(),
    }
}

/// An excluded provider with every rule they break.
pub fn excluded_view(p: ExcludedProvider) -> ExcludedView {
    ExcludedView {
        provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
        name: p.name,
        reasons: p.reasons.iter().map(ToString::to_string).collect(),
    }
}

/// What a part of the score is called on the page.
fn part_label(part: Part) -> &'static str {
    match part {
        Part::Expertise => "Expertise",
        Part::Continuity => "Continuity with the site",
        Part::TimeZone => "Working-hours overlap",
        Part::LoadBalance => "Spare capacity",
        Part::Availability => "Fit of the series",
    }
}

/// A share from 0 to 1 as a whole percentage, 0 to 100: the one scale every score is shown on.
pub(super) fn percent(x: f64) -> u32 {
    (x * 100.0).round().clamp(0.0, 100.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_to_whole_percentages_within_bounds() {
        assert_eq!(percent(0.456), 46);
        assert_eq!(percent(1.2), 100);
        assert_eq!(percent(-0.1), 0);
    }
}
