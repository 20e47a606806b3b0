//! The ranked candidates as the request page keeps them between the server's render and the
//! browser's hydration. The page writes every resource it rendered into the HTML as JSON inside a
//! quoted script string (each `"` escaped), and `RequestCandidatesView` names every field of every
//! part of every provider's score. This form carries the same values, each part as a tuple and
//! the parts' labels once, so the page shows and hydrates exactly what it did. The excluded
//! providers arrive in brief (their first rule and how many more) unless the page asked for every
//! reason (`?excluded=all`): 102 excluded providers' every reason were 46 KB of 54 KB.
//! The `coordinator/request_candidates` server function answers `RequestCandidatesView` itself.

use contract::views::coordinator::{
    CandidateView, CandidatesView, ExcludedBriefView, ExcludedView, ExclusionGroupView,
    RequestCandidatesView, ScorePartView,
};
use serde::{Deserialize, Serialize};

/// One part of a score: label index (in [`Ranked::labels`]), value, weight, contribution,
/// explanation.
type Part = (u16, u32, u32, f64, String);

/// [`RequestCandidatesView`] in the compact form (see the module's documentation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// The parts' labels, each once; a part names its label by its index here.
    labels: Vec<String>,
    /// Provider id, name, score and each part.
    eligible: Vec<(i32, String, u32, Vec<Part>)>,
    /// Provider id, name, the rules shown (the first in brief, or all) and how many more.
    excluded: Vec<(i32, String, Vec<String>, u32)>,
    /// Each rule broken and by how many excluded providers.
    groups: Vec<(String, u32)>,
    every_reason: bool,
}

impl Ranked {
    /// The excluded providers as the page lists them.
    pub fn excluded(&self) -> Vec<ExcludedBriefView> {
        self.excluded
            .iter()
            .map(|(provider_id, name, reasons, more)| ExcludedBriefView {
                provider_id: *provider_id,
                name: name.clone(),
                reasons: reasons.clone(),
                more: *more,
            })
            .collect()
    }

    /// Each rule broken and by how many excluded providers, most first.
    pub fn groups(&self) -> Vec<ExclusionGroupView> {
        self.groups
            .iter()
            .map(|(label, count)| ExclusionGroupView {
                label: label.clone(),
                count: *count,
            })
            .collect()
    }

    /// Whether every excluded provider's every rule is here (else the first, in brief).
    pub fn every_reason(&self) -> bool {
        self.every_reason
    }
}

impl From<RequestCandidatesView> for Ranked {
    fn from(view: RequestCandidatesView) -> Self {
        let mut labels: Vec<String> = Vec::new();
        let mut index = |label: String| -> u16 {
            let at = labels.iter().position(|l| *l == label).unwrap_or_else(|| {
                labels.push(label);
                labels.len() - 1
            });
            u16::try_from(at).unwrap_or(u16::MAX)
        };
        let eligible = view
            .eligible
            .into_iter()
            .map(|c| {
                let parts = c
                    .parts
                    .into_iter()
                    .map(|p| {
                        (
                            index(p.label),
                            p.value_percent,
                            p.weight_percent,
                            p.contribution_percent,
                            p.explanation,
                        )
                    })
                    .collect();
                (c.provider_id, c.name, c.score_percent, parts)
            })
            .collect();
        Self {
            labels,
            eligible,
            excluded: view
                .excluded
                .into_iter()
                .map(|e| (e.provider_id, e.name, e.reasons, e.more))
                .collect(),
            groups: view
                .groups
                .into_iter()
                .map(|g| (g.label, g.count))
                .collect(),
            every_reason: view.every_reason,
        }
    }
}

/// The eligible providers with their parts, and the excluded ones with the rules shown (the
/// team picker's form; [`Ranked::excluded`] has how many more).
impl From<Ranked> for CandidatesView {
    fn from(ranked: Ranked) -> Self {
        let labels = ranked.labels;
        Self {
            eligible: ranked
                .eligible
                .into_iter()
                .map(|(provider_id, name, score_percent, parts)| CandidateView {
                    provider_id,
                    name,
                    score_percent,
                    parts: parts
                        .into_iter()
                        .map(
                            |(label, value, weight, contribution, explanation)| ScorePartView {
                                label: labels.get(usize::from(label)).cloned().unwrap_or_default(),
                                value_percent: value,
                                weight_percent: weight,
                                contribution_percent: contribution,
                                explanation,
                            },
                        )
                        .collect(),
                })
                .collect(),
            excluded: ranked
                .excluded
                .into_iter()
                .map(|(provider_id, name, reasons, _)| ExcludedView {
                    provider_id,
                    name,
                    reasons,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_form_gives_back_the_view_it_was_made_of() {
        let part = |label: &str, explanation: &str| ScorePartView {
            label: label.to_owned(),
            value_percent: 80,
            weight_percent: 30,
            contribution_percent: 24.0,
            explanation: explanation.to_owned(),
        };
        let eligible = vec![
            CandidateView {
                provider_id: 7,
                name: "Dan Morales".to_owned(),
                score_percent: 81,
                parts: vec![part("Expertise", "Level 4"), part("Spare capacity", "2 h")],
            },
            CandidateView {
                provider_id: 9,
                name: "Ana Ruiz".to_owned(),
                score_percent: 64,
                parts: vec![part("Spare capacity", "9 h"), part("Expertise", "Level 3")],
            },
        ];
        let sam = ExcludedBriefView {
            provider_id: 3,
            name: "Sam Ortiz".to_owned(),
            reasons: vec!["inactive".to_owned()],
            more: 1,
        };
        let groups = vec![ExclusionGroupView {
            label: "are inactive".to_owned(),
            count: 1,
        }];
        let view = RequestCandidatesView {
            eligible: eligible.clone(),
            excluded: vec![sam.clone()],
            groups: groups.clone(),
            every_reason: false,
        };
        let ranked = Ranked::from(view);
        assert_eq!(ranked.labels, ["Expertise", "Spare capacity"]);
        assert_eq!(ranked.excluded(), [sam]);
        assert_eq!(ranked.groups(), groups);
        assert!(!ranked.every_reason());
        assert_eq!(
            CandidatesView::from(ranked),
            CandidatesView {
                eligible,
                excluded: vec![ExcludedView {
                    provider_id: 3,
                    name: "Sam Ortiz".to_owned(),
                    reasons: vec!["inactive".to_owned()],
                }],
            }
        );
    }
}
