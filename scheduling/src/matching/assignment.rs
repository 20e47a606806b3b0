//! Batch assignment: the exact maximum-total-score assignment of requests to providers within
//! their capacities, and the reason for every request left unassigned.
//!
//! # Objective and ties
//! The assignment maximises the sum of the scores of the assigned pairs, measured in exact
//! micro-units (see [`MICROS_PER_UNIT`]). A request may stay unassigned when serving it would
//! lower the total (it would have to take a place another request uses better). Among
//! assignments with the same total score, the one serving more requests is preferred: each pair
//! is weighted `score_micros · (R + 1) + 1` for `R` requests, so the `+1`s can never outweigh a
//! single micro-unit of score but decide between equal totals. Any remaining tie is broken by the
//! solver's fixed scan order over the canonical form (requests and providers sorted by id), so the
//! result is a deterministic function of the instance, independent of input order.
//!
//! # Solvers
//! [`Solver::Dense`] expands each provider into `capacity` columns and runs the dense shortest
//! augmenting path method (private module `dense`); ineligible cells cost 0 like "unassigned", which is
//! exact because every eligible weight is at least 1. [`Solver::Sparse`] runs successive shortest
//! paths over the eligible pairs only (private module `flow`). [`Solver::Auto`] picks dense for unit
//! capacities with at least a quarter of the pairs eligible and a small matrix (square ones get
//! the Jonker–Volgenant initialisation and are fastest dense), sparse otherwise. Both are exact;
//! the tests cross-check them against each other, a textbook Hungarian method and brute force.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::problem::{AssignmentProblem, MICROS_PER_UNIT};
use super::profile::{ProviderId, RequestId};
use super::{dense, flow};

/// Which exact algorithm to run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Solver {
    /// Dense when every provider takes at most one request, at least a quarter of the pairs are
    /// eligible and the matrix has at most [`DENSE_CELL_LIMIT`] cells; sparse otherwise (the
    /// sparse solver handles capacities natively, without copying columns).
    #[default]
    Auto,
    /// Dense shortest augmenting path (Jonker–Volgenant / Crouse) on the expanded matrix, unless
    /// that matrix (requests × providers' expanded columns) would exceed
    /// [`DENSE_FORCED_CELL_LIMIT`] cells: then the sparse solver runs instead (the report's
    /// `solver` says which ran), rather than asking for more memory than a machine has.
    Dense,
    /// Sparse min-cost flow (successive shortest paths, Dijkstra with potentials).
    Sparse,
}

/// Largest matrix (requests × providers) [`Solver::Auto`] solves densely.
pub const DENSE_CELL_LIMIT: usize = 4_000_000;

/// Most cells of the expanded cost matrix the dense solver is given even when asked for by
/// name: 32 million `i64` costs are 256 MB. Larger instances (e.g. capacities as large as the
/// number of requests, which copy every provider once per request) go to the sparse solver,
/// which handles capacities without copying columns.
pub const DENSE_FORCED_CELL_LIMIT: usize = 32_000_000;

/// One assigned pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AssignedPair {
    /// The request.
    pub request: RequestId,
    /// The provider it is given to.
    pub provider: ProviderId,
    /// The pair's score.
    pub score: f64,
}

/// Why a request was left unassigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UnassignedReason {
    /// No provider is eligible for it (or every eligible provider has no capacity at all).
    NoEligibleProvider,
    /// Every eligible provider's capacity is used by assignments that give a higher total.
    EligibleProvidersFull {
        /// The eligible providers, all full in the chosen assignment.
        eligible: Vec<ProviderId>,
    },
}

impl fmt::Display for UnassignedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoEligibleProvider => f.write_str("No eligible provider with free capacity"),
            Self::EligibleProvidersFull { eligible } => {
                let names: Vec<String> = eligible.iter().map(|p| format!("#{p}")).collect();
                write!(
                    f,
                    "All {} eligible provider(s) ({}) are at capacity with assignments that give a \
                     higher total score",
                    eligible.len(),
                    names.join(", ")
                )
            }
        }
    }
}

/// A request left unassigned, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnassignedRequest {
    /// The request.
    pub request: RequestId,
    /// Why.
    pub reason: UnassignedReason,
}

/// Which algorithm actually ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolverUsed {
    /// The dense solver.
    Dense,
    /// The sparse solver.
    Sparse,
}

/// The optimal assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// Assigned pairs, by request id.
    pub assigned: Vec<AssignedPair>,
    /// Unassigned requests with reasons, by request id.
    pub unassigned: Vec<UnassignedRequest>,
    /// Sum of the assigned scores in micro-units (exact).
    pub total_micros: u64,
    /// `total_micros / 1 000 000`.
    pub total_score: f64,
    /// The algorithm that ran.
    pub solver: SolverUsed,
}

/// Solves with [`Solver::Auto`].
pub fn assign(problem: &AssignmentProblem) -> Assignment {
    assign_with(problem, Solver::Auto)
}

/// Solves with the chosen algorithm; every choice returns an optimal assignment.
pub fn assign_with(problem: &AssignmentProblem, solver: Solver) -> Assignment {
    let used = match solver {
        Solver::Dense if expanded_cells(problem) <= DENSE_FORCED_CELL_LIMIT => SolverUsed::Dense,
        Solver::Dense | Solver::Sparse => SolverUsed::Sparse,
        Solver::Auto => auto_choice(problem),
    };
    let provider_of = match used {
        SolverUsed::Dense => solve_dense(problem),
        SolverUsed::Sparse => solve_sparse(problem),
    };
    report(problem, &provider_of, used)
}

fn auto_choice(problem: &AssignmentProblem) -> SolverUsed {
    let rows = problem.requests.len();
    let unit_capacity = problem.providers.iter().all(|p| p.capacity <= 1);
    let cells = rows.saturating_mul(problem.providers.len());
    let dense_enough = problem.pair_count().saturating_mul(4) >= cells;
    if unit_capacity && dense_enough && cells <= DENSE_CELL_LIMIT {
        SolverUsed::Dense
    } else {
        SolverUsed::Sparse
    }
}

/// Cells of the dense solver's expanded matrix: requests × providers' copies, saturating.
fn expanded_cells(problem: &AssignmentProblem) -> usize {
    let rows = problem.requests.len();
    let cols = problem
        .providers
        .iter()
        .map(|p| (p.capacity as usize).min(rows))
        .fold(0usize, usize::saturating_add);
    rows.saturating_mul(cols)
}

/// The integer weight of a pair: see the module docs.
fn weight(problem: &AssignmentProblem, micros: u32) -> i64 {
    let scale = problem.requests.len() as i64 + 1;
    i64::from(micros) * scale + 1
}

/// Provider index of each expanded column: a provider appears `min(capacity, rows)` times.
fn expanded_columns(problem: &AssignmentProblem) -> Vec<u32> {
    let rows = problem.requests.len();
    let mut columns = Vec::new();
    for (p, provider) in problem.providers.iter().enumerate() {
        let copies = (provider.capacity as usize).min(rows);
        columns.extend(std::iter::repeat_n(p as u32, copies));
    }
    columns
}

fn solve_dense(problem: &AssignmentProblem) -> Vec<Option<usize>> {
    let rows = problem.requests.len();
    let columns = expanded_columns(problem);
    let cols = columns.len();
    if rows == 0 || cols == 0 {
        return vec![None; rows];
    }
    // First expanded column of each provider.
    let mut first_col = vec![usize::MAX; problem.providers.len()];
    for (c, &p) in columns.iter().enumerate().rev() {
        first_col[p as usize] = c;
    }
    let copies = |p: usize| (problem.providers[p].capacity as usize).min(rows);
    let transpose = rows > cols;
    let (n_rows, n_cols) = if transpose {
        (cols, rows)
    } else {
        (rows, cols)
    };
    let mut cost = vec![0i64; rows * cols];
    for r in 0..rows {
        for (p, micros) in problem.row(r) {
            let w = -weight(problem, micros);
            for c in first_col[p]..first_col[p].saturating_add(copies(p)).min(cols) {
                let at = if transpose {
                    c * rows + r
                } else {
                    r * cols + c
                };
                cost[at] = w;
            }
        }
    }
    let solution = dense::solve(n_rows, n_cols, &cost);
    let mut provider_of = vec![None; rows];
    let mut set = |r: usize, c: usize| {
        let p = columns[c] as usize;
        // Ineligible cells (cost 0) stand for "unassigned".
        if pair_micros(problem, r, p).is_some() {
            provider_of[r] = Some(p);
        }
    };
    for (i, &j) in solution.iter().enumerate() {
        if transpose { set(j, i) } else { set(i, j) }
    }
    provider_of
}

/// The score of request `r` with provider `p`, if the pair is eligible. A request's pairs are
/// sorted by provider in every constructor, so this is a binary search (with a linear scan as a
/// fallback, so a wrong order could only cost time): the dense solver's results are looked up
/// a thousand times per solve at benchmark scale.
fn pair_micros(problem: &AssignmentProblem, r: usize, p: usize) -> Option<u32> {
    let range = problem.row_start[r]..problem.row_start[r + 1];
    let providers = &problem.edge_provider[range.clone()];
    let micros = &problem.edge_micros[range];
    match providers.binary_search(&(p as u32)) {
        Ok(k) => Some(micros[k]),
        Err(_) => providers
            .iter()
            .position(|&q| q as usize == p)
            .map(|k| micros[k]),
    }
}

fn solve_sparse(problem: &AssignmentProblem) -> Vec<Option<usize>> {
    let edge_cost: Vec<i64> = problem
        .edge_micros
        .iter()
        .map(|&m| -weight(problem, m))
        .collect();
    let capacity: Vec<u32> = problem.providers.iter().map(|p| p.capacity).collect();
    flow::solve(&flow::SparseInput {
        row_start: &problem.row_start,
        edge_to: &problem.edge_provider,
        edge_cost: &edge_cost,
        capacity: &capacity,
    })
}

fn report(
    problem: &AssignmentProblem,
    provider_of: &[Option<usize>],
    solver: SolverUsed,
) -> Assignment {
    let mut assigned = Vec::new();
    let mut unassigned = Vec::new();
    let mut total_micros = 0u64;
    for (r, &chosen) in provider_of.iter().enumerate() {
        let request = problem.requests[r];
        match chosen.and_then(|p| Some((p, pair_micros(problem, r, p)?))) {
            Some((p, micros)) => {
                total_micros += u64::from(micros);
                assigned.push(AssignedPair {
                    request,
                    provider: problem.providers[p].id,
                    score: f64::from(micros) / f64::from(MICROS_PER_UNIT),
                });
            }
            None => {
                let eligible: Vec<ProviderId> = problem
                    .row(r)
                    .filter(|&(p, _)| problem.providers[p].capacity > 0)
                    .map(|(p, _)| problem.providers[p].id)
                    .collect();
                let reason = if eligible.is_empty() {
                    UnassignedReason::NoEligibleProvider
                } else {
                    UnassignedReason::EligibleProvidersFull { eligible }
                };
                unassigned.push(UnassignedRequest { request, reason });
            }
        }
    }
    Assignment {
        assigned,
        unassigned,
        total_micros,
        total_score: total_micros as f64 / f64::from(MICROS_PER_UNIT),
        solver,
    }
}
