//! The JSON instance format read by the `assign` example (the command-line door into matching),
//! and the report it prints. The format is documented in `scheduling/README.md`, section
//! "Matching". Parsing JSON is the caller's business (this crate has no JSON dependency); this
//! module defines the serde types and turns an instance into a report.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::assignment::{AssignedPair, Solver, SolverUsed, UnassignedReason, assign_with};
use super::availability::AvailabilityFit;
use super::problem::{
    AssignmentProblem, MICROS_PER_UNIT, ProblemError, ProviderCapacity, ScoredPair,
};
use super::profile::{MatchRequest, ProviderId, ProviderProfile, RequestId};
use super::ranking::{Candidate, RankedProvider, Ranking, problem_from_rankings, rank_providers};
use super::reasons::Exclusion;
use super::weights::ScoreWeights;

/// An instance: either scored pairs, or raw profiles to rank and score first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "format", rename_all = "snake_case")]
pub enum Instance {
    /// Requests, providers with capacities, and the scores of eligible pairs.
    Scores(ScoresInstance),
    /// Provider profiles and requests with the slot engine's availability summaries.
    Profiles(ProfilesInstance),
}

/// `"format": "scores"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoresInstance {
    /// Request ids.
    pub requests: Vec<RequestId>,
    /// Providers with the number of requests each may take.
    pub providers: Vec<ProviderCapacity>,
    /// Scores of the eligible pairs (omit, or use `scores` instead).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<ScoredPair>,
    /// Dense alternative to `pairs`: one row per request (in `requests` order), one entry per
    /// provider (in `providers` order), `null` where ineligible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<Vec<Vec<Option<f64>>>>,
    /// Algorithm (`auto`, `dense` or `sparse`); default `auto`.
    #[serde(default)]
    pub solver: Solver,
}

/// `"format": "profiles"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilesInstance {
    /// Score weights; defaults if omitted.
    #[serde(default)]
    pub weights: ScoreWeights,
    /// The providers.
    pub providers: Vec<ProviderProfile>,
    /// The open requests.
    pub requests: Vec<RequestEntry>,
    /// Algorithm (`auto`, `dense` or `sparse`); default `auto`.
    #[serde(default)]
    pub solver: Solver,
}

/// One request of a profiles instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestEntry {
    /// The request.
    pub request: MatchRequest,
    /// Series placement per provider; a provider not listed is excluded as "not checked".
    #[serde(default)]
    pub availability: Vec<ProviderFit>,
}

/// The availability summary of one provider for one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderFit {
    /// The provider.
    pub provider: ProviderId,
    /// The placement summary.
    pub fit: AvailabilityFit,
}

/// An instance that cannot be solved.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum InstanceError {
    /// The problem itself is invalid.
    #[error(transparent)]
    Problem(#[from] ProblemError),
    /// Both `pairs` and `scores` are given.
    #[error("give either \"pairs\" or \"scores\", not both")]
    PairsAndScores,
    /// A dense row has the wrong length.
    #[error("row {row} of \"scores\" has {got} entries, expected one per provider ({expected})")]
    RaggedScores {
        /// Row index.
        row: usize,
        /// Its length.
        got: usize,
        /// Number of providers.
        expected: usize,
    },
    /// An availability entry names a provider that is not listed.
    #[error("request {request} has availability for provider {provider}, who is not listed")]
    UnknownProvider {
        /// The request.
        request: RequestId,
        /// The provider.
        provider: ProviderId,
    },
}

/// What the example prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The algorithm that ran.
    pub solver: SolverUsed,
    /// Total score of the assignment.
    pub total_score: f64,
    /// Total score in exact micro-units.
    pub total_micros: u64,
    /// Assigned pairs, by request id.
    pub assigned: Vec<AssignedPair>,
    /// Unassigned requests, by request id.
    pub unassigned: Vec<UnassignedView>,
    /// For profiles instances: each request's ranking with reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rankings: Vec<RankingView>,
}

/// An unassigned request with its reason in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnassignedView {
    /// The request.
    pub request: RequestId,
    /// The reason as data.
    pub reason: UnassignedReason,
    /// The reason in words.
    pub message: String,
}

/// A ranking with every exclusion reason also in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankingView {
    /// The request.
    pub request: RequestId,
    /// Eligible providers, best first, with score breakdowns.
    pub eligible: Vec<RankedProvider>,
    /// Excluded providers.
    pub excluded: Vec<ExcludedView>,
}

/// An excluded provider with reasons in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludedView {
    /// The provider.
    pub provider: ProviderId,
    /// Display name.
    pub name: String,
    /// The broken rules.
    pub reasons: Vec<ReasonView>,
}

/// One broken rule, as data and in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonView {
    /// The reason in words.
    pub message: String,
    /// The reason as data.
    pub detail: Exclusion,
}

impl Instance {
    /// A scores instance holding `problem`; `dense` writes the `scores` matrix instead of pairs.
    pub fn from_problem(problem: &AssignmentProblem, dense: bool) -> Self {
        let scores = dense.then(|| {
            (0..problem.requests.len())
                .map(|r| {
                    let mut row = vec![None; problem.providers.len()];
                    for (p, micros) in problem.row(r) {
                        row[p] = Some(f64::from(micros) / f64::from(MICROS_PER_UNIT));
                    }
                    row
                })
                .collect()
        });
        Self::Scores(ScoresInstance {
            requests: problem.requests.clone(),
            providers: problem.providers.clone(),
            pairs: if dense { Vec::new() } else { problem.pairs() },
            scores,
            solver: Solver::Auto,
        })
    }

    /// Builds the problem (and, for profiles, the rankings) without solving.
    pub fn to_problem(&self) -> Result<(AssignmentProblem, Vec<Ranking>, Solver), InstanceError> {
        match self {
            Self::Scores(s) => Ok((scores_problem(s)?, Vec::new(), s.solver)),
            Self::Profiles(p) => {
                let rankings = rank_all(p)?;
                Ok((
                    problem_from_rankings(&rankings, &p.providers)?,
                    rankings,
                    p.solver,
                ))
            }
        }
    }

    /// Solves the instance.
    pub fn solve(&self) -> Result<Report, InstanceError> {
        let (problem, rankings, solver) = self.to_problem()?;
        let result = assign_with(&problem, solver);
        Ok(Report {
            solver: result.solver,
            total_score: result.total_score,
            total_micros: result.total_micros,
            assigned: result.assigned,
            unassigned: result
                .unassigned
                .into_iter()
                .map(|u| UnassignedView {
                    request: u.request,
                    message: u.reason.to_string(),
                    reason: u.reason,
                })
                .collect(),
            rankings: rankings.into_iter().map(view).collect(),
        })
    }
}

fn scores_problem(s: &ScoresInstance) -> Result<AssignmentProblem, InstanceError> {
    let Some(matrix) = &s.scores else {
        return Ok(AssignmentProblem::from_pairs(
            s.requests.clone(),
            s.providers.clone(),
            &s.pairs,
        )?);
    };
    if !s.pairs.is_empty() {
        return Err(InstanceError::PairsAndScores);
    }
    let expected = s.providers.len();
    if let Some((row, r)) = matrix.iter().enumerate().find(|(_, r)| r.len() != expected) {
        return Err(InstanceError::RaggedScores {
            row,
            got: r.len(),
            expected,
        });
    }
    let flat: Vec<Option<f64>> = matrix.iter().flatten().copied().collect();
    Ok(AssignmentProblem::from_dense(
        s.requests.clone(),
        s.providers.clone(),
        &flat,
    )?)
}

fn rank_all(p: &ProfilesInstance) -> Result<Vec<Ranking>, InstanceError> {
    p.requests
        .iter()
        .map(|entry| {
            if let Some(f) = entry
                .availability
                .iter()
                .find(|f| !p.providers.iter().any(|x| x.id == f.provider))
            {
                return Err(InstanceError::UnknownProvider {
                    request: entry.request.id,
                    provider: f.provider,
                });
            }
            let candidates: Vec<Candidate<'_>> = p
                .providers
                .iter()
                .map(|profile| Candidate {
                    profile,
                    availability: entry
                        .availability
                        .iter()
                        .find(|f| f.provider == profile.id)
                        .map(|f| &f.fit),
                })
                .collect();
            Ok(rank_providers(&entry.request, &candidates, &p.weights))
        })
        .collect()
}

fn view(r: Ranking) -> RankingView {
    RankingView {
        request: r.request,
        eligible: r.eligible,
        excluded: r
            .excluded
            .into_iter()
            .map(|e| ExcludedView {
                provider: e.provider,
                name: e.name,
                reasons: e
                    .reasons
                    .into_iter()
                    .map(|detail| ReasonView {
                        message: detail.to_string(),
                        detail,
                    })
                    .collect(),
            })
            .collect(),
    }
}
