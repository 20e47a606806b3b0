//! Ranking the providers for one request: hard rules first (each broken rule is a named
//! [`Exclusion`]), then the soft [`score`] of every provider that passes them.
//!
//! Eligible providers are ordered by score, highest first; scores equal to the micro-unit are
//! ordered by provider id, so the order is deterministic. Excluded providers are listed by id
//! with *every* rule they break, not only the first.

use serde::{Deserialize, Serialize};

use super::availability::AvailabilityFit;
use super::problem::{AssignmentProblem, ProblemError, ProviderCapacity, ScoredPair, to_micros};
use super::profile::{MatchRequest, ProviderId, ProviderProfile, RequestId};
use super::reasons::Exclusion;
use super::score::{ScoreBreakdown, score};
use super::weights::ScoreWeights;

/// A provider to consider for a request, with the slot engine's placement summary for it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The provider.
    pub profile: &'a ProviderProfile,
    /// Placement of the request's series in the provider's free time; `None` if not computed
    /// (the provider is then excluded with [`Exclusion::AvailabilityUnknown`]).
    pub availability: Option<&'a AvailabilityFit>,
}

/// An eligible provider with its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedProvider {
    /// The provider.
    pub provider: ProviderId,
    /// Display name.
    pub name: String,
    /// The score and its parts.
    pub breakdown: ScoreBreakdown,
}

impl RankedProvider {
    /// The score in `[0, 1]`.
    pub fn score(&self) -> f64 {
        self.breakdown.score
    }
}

/// A provider excluded by hard rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedProvider {
    /// The provider.
    pub provider: ProviderId,
    /// Display name.
    pub name: String,
    /// Every rule broken, in a fixed order (topics, modality, travel, conflict, capacity,
    /// availability).
    pub reasons: Vec<Exclusion>,
}

/// The candidates for one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// The request.
    pub request: RequestId,
    /// Eligible providers, best first.
    pub eligible: Vec<RankedProvider>,
    /// Excluded providers with reasons, by id.
    pub excluded: Vec<ExcludedProvider>,
}

/// Every hard rule `provider` breaks for `request` (empty = eligible).
pub fn exclusions(
    request: &MatchRequest,
    provider: &ProviderProfile,
    availability: Option<&AvailabilityFit>,
) -> Vec<Exclusion> {
    let mut reasons = Vec::new();
    for topic in &request.topics {
        let has = provider.level_in(topic.id);
        if has.is_none_or(|level| level < request.min_level) {
            reasons.push(Exclusion::MissingTopic {
                topic: topic.name.clone(),
                min_level: request.min_level.get(),
                has_level: has.map(|l| l.get()),
            });
        }
    }
    if !provider.modalities.contains(&request.modality) {
        reasons.push(Exclusion::ModalityNotOffered {
            modality: request.modality,
        });
    }
    if request.modality.needs_travel() {
        let region = request.site.region.trim();
        let travels = provider
            .travel_regions
            .iter()
            .any(|r| r.trim().eq_ignore_ascii_case(region));
        if !travels {
            reasons.push(Exclusion::WillNotTravel {
                region: request.site.region.clone(),
            });
        }
    }
    if provider.conflicts.contains(&request.site.id) {
        reasons.push(Exclusion::ConflictOfInterest {
            site: request.site.name.clone(),
        });
    }
    if provider.free_engagements() == 0 {
        reasons.push(Exclusion::AtCapacity {
            current: provider.current_engagements,
            capacity: provider.engagement_capacity,
        });
    }
    match availability {
        None => reasons.push(Exclusion::AvailabilityUnknown),
        Some(fit) if fit.missing() > 0 => reasons.push(Exclusion::CannotPlaceSeries {
            missing: fit.missing(),
            required: fit.required,
            reasons: fit.unplaced_reasons.clone(),
        }),
        Some(_) => {}
    }
    reasons
}

/// Ranks `candidates` for `request`.
pub fn rank_providers(
    request: &MatchRequest,
    candidates: &[Candidate<'_>],
    weights: &ScoreWeights,
) -> Ranking {
    let mut eligible = Vec::new();
    let mut excluded = Vec::new();
    for candidate in candidates {
        let profile = candidate.profile;
        let reasons = exclusions(request, profile, candidate.availability);
        match (reasons.is_empty(), candidate.availability) {
            (true, Some(fit)) => eligible.push(RankedProvider {
                provider: profile.id,
                name: profile.name.clone(),
                breakdown: score(request, profile, fit, weights),
            }),
            _ => excluded.push(ExcludedProvider {
                provider: profile.id,
                name: profile.name.clone(),
                reasons,
            }),
        }
    }
    eligible.sort_by(|a, b| {
        let key = |p: &RankedProvider| to_micros(p.score()).unwrap_or(0);
        key(b).cmp(&key(a)).then(a.provider.cmp(&b.provider))
    });
    excluded.sort_by_key(|e| e.provider);
    Ranking {
        request: request.id,
        eligible,
        excluded,
    }
}

/// The batch problem over several rankings: each provider's capacity is its free engagements,
/// each eligible pair is scored as ranked. Providers must have distinct ids.
pub fn problem_from_rankings(
    rankings: &[Ranking],
    providers: &[ProviderProfile],
) -> Result<AssignmentProblem, ProblemError> {
    let requests = rankings.iter().map(|r| r.request).collect();
    let capacities = providers
        .iter()
        .map(|p| ProviderCapacity {
            id: p.id,
            capacity: p.free_engagements(),
        })
        .collect();
    let pairs: Vec<ScoredPair> = rankings
        .iter()
        .flat_map(|r| {
            r.eligible.iter().map(move |e| ScoredPair {
                request: r.request,
                provider: e.provider,
                score: e.score(),
            })
        })
        .collect();
    AssignmentProblem::from_pairs(requests, capacities, &pairs)
}
