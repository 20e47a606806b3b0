//! The batch assignment problem: requests, providers with capacities, and the score of every
//! eligible (request, provider) pair, validated once on construction ("parse, don't validate").
//!
//! Internally the problem is kept in a canonical form so that the solution never depends on the
//! order in which the caller listed things: requests and providers are sorted by id, and the
//! eligible pairs are stored per request (compressed rows), sorted by provider. Scores are kept as
//! integer micro-units (`round(score × 1 000 000)`), so solvers compare exact integers.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::profile::{ProviderId, RequestId};

/// Score resolution: a score of 1.0 is this many micro-units.
pub const MICROS_PER_UNIT: u32 = 1_000_000;

/// Most requests (and most provider places) one problem may hold; keeps every integer sum far
/// below `i64::MAX` (weights are at most `10^6 · (requests + 1) + 1`).
pub const MAX_REQUESTS: usize = 1_000_000;

/// A provider in a batch: its id and how many *new* engagements it can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderCapacity {
    /// The provider.
    pub id: ProviderId,
    /// How many more requests this provider may be given in this batch.
    pub capacity: u32,
}

/// The score of one eligible pair, as given by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredPair {
    /// The request.
    pub request: RequestId,
    /// The provider, eligible for that request.
    pub provider: ProviderId,
    /// Soft score of the pair, in `[0, 1]`.
    pub score: f64,
}

/// Why a problem could not be built.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProblemError {
    /// The same request id appears twice.
    #[error("request {0} is listed twice")]
    DuplicateRequest(RequestId),
    /// The same provider id appears twice.
    #[error("provider {0} is listed twice")]
    DuplicateProvider(ProviderId),
    /// A pair names a request that is not listed.
    #[error("a scored pair names request {0}, which is not in the list of requests")]
    UnknownRequest(RequestId),
    /// A pair names a provider that is not listed.
    #[error("a scored pair names provider {0}, which is not in the list of providers")]
    UnknownProvider(ProviderId),
    /// The same pair is scored twice.
    #[error("the pair (request {request}, provider {provider}) is scored twice")]
    DuplicatePair {
        /// The request.
        request: RequestId,
        /// The provider.
        provider: ProviderId,
    },
    /// A score is not a finite number in `[0, 1]`.
    #[error(
        "the score {score} of (request {request}, provider {provider}) is not a number in [0, 1]"
    )]
    ScoreOutOfRange {
        /// The request.
        request: RequestId,
        /// The provider.
        provider: ProviderId,
        /// The offending score.
        score: f64,
    },
    /// A dense score matrix does not have `requests × providers` entries.
    #[error("the score matrix has {got} entries, expected {rows} requests × {cols} providers")]
    DenseShape {
        /// Number of requests.
        rows: usize,
        /// Number of providers.
        cols: usize,
        /// Number of entries given.
        got: usize,
    },
    /// More requests or providers than [`MAX_REQUESTS`].
    #[error("too many requests or providers ({0}); at most {MAX_REQUESTS} are supported")]
    TooLarge(usize),
}

/// A validated batch assignment problem (see the module docs for the canonical form).
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentProblem {
    pub(crate) requests: Vec<RequestId>,
    pub(crate) providers: Vec<ProviderCapacity>,
    /// `row_start[r]..row_start[r + 1]` indexes the eligible pairs of request `r`.
    pub(crate) row_start: Vec<usize>,
    /// Provider index of each eligible pair.
    pub(crate) edge_provider: Vec<u32>,
    /// Score of each eligible pair in micro-units.
    pub(crate) edge_micros: Vec<u32>,
}

impl AssignmentProblem {
    /// Builds a problem from scored pairs; pairs not listed are ineligible.
    pub fn from_pairs(
        requests: Vec<RequestId>,
        providers: Vec<ProviderCapacity>,
        pairs: &[ScoredPair],
    ) -> Result<Self, ProblemError> {
        let (requests, providers) = canonical_nodes(requests, providers)?;
        let request_index: HashMap<RequestId, usize> = requests
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        let provider_index: HashMap<ProviderId, usize> = providers
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        let mut indexed = Vec::with_capacity(pairs.len());
        for pair in pairs {
            let r = *request_index
                .get(&pair.request)
                .ok_or(ProblemError::UnknownRequest(pair.request))?;
            let p = *provider_index
                .get(&pair.provider)
                .ok_or(ProblemError::UnknownProvider(pair.provider))?;
            let micros = to_micros(pair.score).ok_or(ProblemError::ScoreOutOfRange {
                request: pair.request,
                provider: pair.provider,
                score: pair.score,
            })?;
            indexed.push((r, p as u32, micros));
        }
        indexed.sort_unstable_by_key(|&(r, p, _)| (r, p));
        if let Some(w) = indexed
            .windows(2)
            .find(|w| w[0].0 == w[1].0 && w[0].1 == w[1].1)
        {
            return Err(ProblemError::DuplicatePair {
                request: requests[w[0].0],
                provider: providers[w[0].1 as usize].id,
            });
        }
        Ok(Self::from_sorted(requests, providers, &indexed))
    }

    /// Builds a problem from a dense row-major matrix: `scores[r * providers.len() + p]` is the
    /// score of request `r` with provider `p` (in the order given), `None` when ineligible.
    pub fn from_dense(
        requests: Vec<RequestId>,
        providers: Vec<ProviderCapacity>,
        scores: &[Option<f64>],
    ) -> Result<Self, ProblemError> {
        let (rows, cols) = (requests.len(), providers.len());
        if scores.len() != rows * cols {
            return Err(ProblemError::DenseShape {
                rows,
                cols,
                got: scores.len(),
            });
        }
        let original_requests = requests.clone();
        let original_providers: Vec<ProviderId> = providers.iter().map(|p| p.id).collect();
        let (requests, providers) = canonical_nodes(requests, providers)?;
        // Position of each original row / column in the canonical (sorted) order.
        let row_rank = ranks(&original_requests, &requests);
        let col_rank = ranks(
            &original_providers,
            &providers.iter().map(|p| p.id).collect::<Vec<_>>(),
        );
        let mut indexed = Vec::with_capacity(scores.len());
        for (r, row) in scores.chunks_exact(cols.max(1)).enumerate().take(rows) {
            for (p, score) in row.iter().enumerate() {
                if let Some(score) = *score {
                    let micros = to_micros(score).ok_or(ProblemError::ScoreOutOfRange {
                        request: original_requests[r],
                        provider: original_providers[p],
                        score,
                    })?;
                    indexed.push((row_rank[r], col_rank[p] as u32, micros));
                }
            }
        }
        indexed.sort_unstable_by_key(|&(r, p, _)| (r, p));
        Ok(Self::from_sorted(requests, providers, &indexed))
    }

    fn from_sorted(
        requests: Vec<RequestId>,
        providers: Vec<ProviderCapacity>,
        sorted: &[(usize, u32, u32)],
    ) -> Self {
        let mut row_start = vec![0usize; requests.len() + 1];
        for &(r, _, _) in sorted {
            row_start[r + 1] += 1;
        }
        for r in 0..requests.len() {
            row_start[r + 1] += row_start[r];
        }
        Self {
            requests,
            providers,
            row_start,
            edge_provider: sorted.iter().map(|&(_, p, _)| p).collect(),
            edge_micros: sorted.iter().map(|&(_, _, s)| s).collect(),
        }
    }

    /// The requests, sorted by id.
    pub fn requests(&self) -> &[RequestId] {
        &self.requests
    }

    /// The providers with their capacities, sorted by id.
    pub fn providers(&self) -> &[ProviderCapacity] {
        &self.providers
    }

    /// Number of eligible pairs.
    pub fn pair_count(&self) -> usize {
        self.edge_provider.len()
    }

    /// Eligible pairs of request index `r` as `(provider index, score micro-units)`.
    pub(crate) fn row(&self, r: usize) -> impl Iterator<Item = (usize, u32)> + '_ {
        let range = self.row_start[r]..self.row_start[r + 1];
        self.edge_provider[range.clone()]
            .iter()
            .zip(&self.edge_micros[range])
            .map(|(&p, &s)| (p as usize, s))
    }

    /// All eligible pairs as `(request id, provider id, score)`, in canonical order.
    pub fn pairs(&self) -> Vec<ScoredPair> {
        (0..self.requests.len())
            .flat_map(|r| {
                self.row(r).map(move |(p, s)| ScoredPair {
                    request: self.requests[r],
                    provider: self.providers[p].id,
                    score: f64::from(s) / f64::from(MICROS_PER_UNIT),
                })
            })
            .collect()
    }
}

/// Converts a score in `[0, 1]` to micro-units; `None` if it is not such a number.
pub(crate) fn to_micros(score: f64) -> Option<u32> {
    if score.is_finite() && (0.0..=1.0).contains(&score) {
        // In range by the check above, so the cast cannot truncate.
        Some((score * f64::from(MICROS_PER_UNIT)).round() as u32)
    } else {
        None
    }
}

fn canonical_nodes(
    mut requests: Vec<RequestId>,
    mut providers: Vec<ProviderCapacity>,
) -> Result<(Vec<RequestId>, Vec<ProviderCapacity>), ProblemError> {
    let largest = requests.len().max(providers.len());
    if largest > MAX_REQUESTS {
        return Err(ProblemError::TooLarge(largest));
    }
    requests.sort_unstable();
    if let Some(w) = requests.windows(2).find(|w| w[0] == w[1]) {
        return Err(ProblemError::DuplicateRequest(w[0]));
    }
    providers.sort_unstable_by_key(|p| p.id);
    if let Some(w) = providers.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(ProblemError::DuplicateProvider(w[0].id));
    }
    Ok((requests, providers))
}

/// For each id in `original`, its position in `sorted` (both hold the same distinct ids).
fn ranks<T: Ord + Copy>(original: &[T], sorted: &[T]) -> Vec<usize> {
    original
        .iter()
        .map(|id| sorted.binary_search(id).unwrap_or(0))
        .collect()
}
