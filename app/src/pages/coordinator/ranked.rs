//! The ranked candidates as the request page keeps them between the server's render and the
//! browser's hydration. The page writes every resource it rendered into the HTML as JSON inside a
//! quoted script string (each `"` escaped), and `CandidatesView` names every field of every part of
//! every provider's score: about 55 KB for 100 providers. This form carries the same values, each
//! part as a tuple and the parts' labels once, so the page shows and hydrates exactly what it did.
//! The `coordinator/candidates` server function still answers `CandidatesView` itself.

use contract::views::coordinator::{CandidateView, CandidatesView, ExcludedView, ScorePartView};
use serde::{Deserialize, Serialize};

/// One part of a score: label index (in [`Ranked::labels`]), value, weight, contribution,
/// explanation.
type Part = (u16, u32, u32, f64, String);

/// [`CandidatesView`] in the compact form (see the module's documentation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// The parts' labels, each once; a part names its label by its index here.
    labels: Vec<String>,
    /// Provider id, name, score and each part.
    eligible: Vec<(i32, String, u32, Vec<Part>)>,
    /// Provider id, name and every rule they break.
    excluded: Vec<(i32, String, Vec<String>)>,
}

impl From<CandidatesView> for Ranked {
    fn from(view: CandidatesView) -> Self {
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
                .map(|e| (e.provider_id, e.name, e.reasons))
                .collect(),
        }
    }
}

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
                .map(|(provider_id, name, reasons)| ExcludedView {
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
        let view = CandidatesView {
            eligible: vec![
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
            ],
            excluded: vec![ExcludedView {
                provider_id: 3,
                name: "Sam Ortiz".to_owned(),
                reasons: vec!["inactive".to_owned(), "no topic".to_owned()],
            }],
        };
        let ranked = Ranked::from(view.clone());
        assert_eq!(ranked.labels, ["Expertise", "Spare capacity"]);
        assert_eq!(CandidatesView::from(ranked), view);
    }
}
