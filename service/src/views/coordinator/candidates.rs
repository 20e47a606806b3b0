//! The providers for a request, as the coordinator's candidates list shows them: the eligible
//! ones best first with the parts of their score in words, the excluded ones with every rule
//! they break ([`candidates_page`], the `coordinator/candidates` answer), or, for the request
//! page, grouped by rule and each in brief unless every reason is asked for
//! ([`request_candidates_page`]: about 102 excluded providers' reasons were 46 KB of a 54 KB
//! ranking, written three times into the page). [`candidate_view`] and [`excluded_view`] also
//! write the replacements of a leaving provider.

use chrono::{DateTime, Utc};
use contract::views::coordinator::{
    CandidateView, CandidatesView, ExcludedBriefView, ExcludedView, ExclusionGroupView,
    RequestCandidatesView, ScorePartView,
};
use scheduling::matching::{ExcludedProvider, Exclusion, Part, RankedProvider, Ranking};

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
    // The kept ranking is shared (an `Arc`), read here without copying it whole.
    let ranked = candidates(db, actor, id, now).await?;
    Ok(CandidatesView {
        eligible: ranked
            .ranking
            .eligible
            .iter()
            .map(candidate_view_of)
            .collect(),
        excluded: ranked
            .ranking
            .excluded
            .iter()
            .map(excluded_view_of)
            .collect(),
    })
}

/// Every provider for request `id` at `now` as the request page shows them: the eligible ones
/// as [`candidates_page`] has them, the excluded ones grouped by the rule they break and each
/// with their first rule in brief and how many more, or with every rule when `every_reason`.
/// Coordinators and administrators only.
pub async fn request_candidates_page(
    db: &Database,
    actor: &Actor,
    id: i32,
    every_reason: bool,
    now: DateTime<Utc>,
) -> Result<RequestCandidatesView, ServiceError> {
    let ranked = candidates(db, actor, id, now).await?;
    Ok(request_candidates_of(&ranked.ranking, every_reason))
}

/// [`request_candidates_page`] of a ranking.
fn request_candidates_of(ranking: &Ranking, every_reason: bool) -> RequestCandidatesView {
    RequestCandidatesView {
        eligible: ranking.eligible.iter().map(candidate_view_of).collect(),
        excluded: ranking
            .excluded
            .iter()
            .map(|p| {
                let (reasons, more) = if every_reason {
                    (p.reasons.iter().map(ToString::to_string).collect(), 0)
                } else {
                    (
                        p.reasons.first().map(brief).into_iter().collect(),
                        u32::try_from(p.reasons.len().saturating_sub(1)).unwrap_or(u32::MAX),
                    )
                };
                ExcludedBriefView {
                    provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
                    name: p.name.clone(),
                    reasons,
                    more,
                }
            })
            .collect(),
        groups: groups(&ranking.excluded),
        every_reason,
    }
}

/// A rule in brief: as [`Exclusion`] words it, except that a series that cannot be placed is
/// named by its first session and how many more (its full text quotes two sessions' reasons).
pub fn brief(reason: &Exclusion) -> String {
    match reason {
        Exclusion::CannotPlaceSeries {
            missing,
            required,
            reasons,
        } => {
            let mut text = format!("Cannot place {missing} of {required} sessions");
            if let Some(first) = reasons.first() {
                text.push_str(": ");
                text.push_str(first);
                if reasons.len() > 1 {
                    text.push_str(&format!(" (and {} more)", reasons.len() - 1));
                }
            }
            text
        }
        other => other.to_string(),
    }
}

/// How many providers break each rule (a provider counts once per rule they break), most
/// first, then in the order the rules are checked.
fn groups(excluded: &[ExcludedProvider]) -> Vec<ExclusionGroupView> {
    let mut groups: Vec<ExclusionGroupView> = Vec::new();
    for provider in excluded {
        let mut seen: Vec<String> = Vec::new();
        for reason in &provider.reasons {
            let label = group_label(reason);
            if seen.contains(&label) {
                continue;
            }
            match groups.iter_mut().find(|g| g.label == label) {
                Some(group) => group.count += 1,
                None => groups.push(ExclusionGroupView {
                    label: label.clone(),
                    count: 1,
                }),
            }
            seen.push(label);
        }
    }
    // Stable: equal counts keep the order they were first met in.
    groups.sort_by_key(|g| std::cmp::Reverse(g.count));
    groups
}

/// A rule as the page counts the providers who break it ("Do not cover …: 57 providers").
fn group_label(reason: &Exclusion) -> String {
    match reason {
        Exclusion::MissingTopic {
            topic, min_level, ..
        } => format!("Do not cover '{topic}' at level ≥ {min_level}"),
        Exclusion::ModalityNotOffered { modality } => format!("Do not offer {modality} delivery"),
        Exclusion::WillNotTravel { region } => format!("Will not travel to {region}"),
        Exclusion::ConflictOfInterest { site } => format!("Conflict of interest with {site}"),
        Exclusion::AtCapacity { .. } => "At their engagement capacity".to_owned(),
        Exclusion::CannotPlaceSeries { .. } => {
            "Cannot fit the whole series in their free time".to_owned()
        }
        Exclusion::AvailabilityUnknown => "Availability not checked".to_owned(),
    }
}

/// An eligible provider with the parts of their score, as pages show it.
pub fn candidate_view(p: RankedProvider) -> CandidateView {
    candidate_view_of(&p)
}

/// [`candidate_view`] of a shared ranking's provider.
fn candidate_view_of(p: &RankedProvider) -> CandidateView {
    CandidateView {
        provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
        name: p.name.clone(),
        score_percent: percent(p.breakdown.score),
        parts: p
            .breakdown
            .parts
            .iter()
            .map(|part| ScorePartView {
                label: part_label(part.part).to_owned(),
                value_percent: percent(part.value),
                weight_percent: percent(part.weight),
                contribution_percent: (part.contribution * 1000.0).round() / 10.0,
                explanation: part.explanation.clone(),
            })
            .collect(),
    }
}

/// An excluded provider with every rule they break.
pub fn excluded_view(p: ExcludedProvider) -> ExcludedView {
    excluded_view_of(&p)
}

/// [`excluded_view`] of a shared ranking's provider.
fn excluded_view_of(p: &ExcludedProvider) -> ExcludedView {
    ExcludedView {
        provider_id: i32::try_from(p.provider.0).unwrap_or_default(),
        name: p.name.clone(),
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

    use scheduling::matching::{ProviderId, RequestId};

    fn topic(name: &str) -> Exclusion {
        Exclusion::MissingTopic {
            topic: name.to_owned(),
            min_level: 3,
            has_level: None,
        }
    }

    fn series(sessions: &[&str]) -> Exclusion {
        Exclusion::CannotPlaceSeries {
            missing: u32::try_from(sessions.len()).unwrap_or_default(),
            required: 6,
            reasons: sessions.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn excluded(id: i64, name: &str, reasons: Vec<Exclusion>) -> ExcludedProvider {
        ExcludedProvider {
            provider: ProviderId(id),
            name: name.to_owned(),
            reasons,
        }
    }

    #[test]
    fn a_series_in_brief_names_its_first_session_and_how_many_more() {
        let three = series(&[
            "Session 1 (2027-03-02): time off",
            "Session 2 (2027-03-16): holiday",
            "Session 4 (2027-04-13): busy",
        ]);
        assert_eq!(
            brief(&three),
            "Cannot place 3 of 6 sessions: Session 1 (2027-03-02): time off (and 2 more)"
        );
        assert_eq!(
            brief(&series(&["Session 1 (2027-03-02): time off"])),
            "Cannot place 1 of 6 sessions: Session 1 (2027-03-02): time off"
        );
        assert_eq!(
            brief(&topic("Gun violence")),
            topic("Gun violence").to_string()
        );
    }

    #[test]
    fn the_page_lists_each_excluded_provider_in_brief_or_with_every_reason() {
        let ranking = Ranking {
            request: RequestId(1),
            eligible: Vec::new(),
            excluded: vec![
                excluded(
                    3,
                    "Sam Ortiz",
                    vec![
                        topic("Gun violence"),
                        topic("Crime analysis"),
                        series(&["Session 1 (2027-03-02): time off", "Session 2: busy"]),
                    ],
                ),
                excluded(4, "Ana Ruiz", vec![topic("Gun violence")]),
                excluded(
                    5,
                    "Lee Chen",
                    vec![Exclusion::ConflictOfInterest {
                        site: "Memphis, TN".to_owned(),
                    }],
                ),
            ],
        };
        let brief_view = request_candidates_of(&ranking, false);
        assert!(!brief_view.every_reason);
        assert_eq!(
            brief_view.excluded[0],
            ExcludedBriefView {
                provider_id: 3,
                name: "Sam Ortiz".to_owned(),
                reasons: vec![topic("Gun violence").to_string()],
                more: 2,
            }
        );
        assert_eq!(brief_view.excluded[1].more, 0);
        let groups: Vec<(&str, u32)> = brief_view
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.count))
            .collect();
        assert_eq!(
            groups,
            [
                ("Do not cover 'Gun violence' at level ≥ 3", 2),
                ("Do not cover 'Crime analysis' at level ≥ 3", 1),
                ("Cannot fit the whole series in their free time", 1),
                ("Conflict of interest with Memphis, TN", 1),
            ]
        );

        let full = request_candidates_of(&ranking, true);
        assert!(full.every_reason);
        assert_eq!(full.groups, brief_view.groups);
        assert_eq!(full.excluded[0].more, 0);
        assert_eq!(
            full.excluded[0].reasons,
            ranking.excluded[0]
                .reasons
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn shares_round_to_whole_percentages_within_bounds() {
        assert_eq!(percent(0.456), 46);
        assert_eq!(percent(1.2), 100);
        assert_eq!(percent(-0.1), 0);
    }
}
