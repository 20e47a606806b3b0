//! Exactness of batch assignment: brute force on small random instances (proptest), and two
//! independent exact algorithms on larger ones — the library's dense and sparse solvers against
//! each other and against a textbook O(n³) Hungarian method written here from scratch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use proptest::prelude::*;
use scheduling::matching::generate::{InstanceSpec, random_instance};
use scheduling::matching::{
    Assignment, AssignmentProblem, ProviderCapacity, ProviderId, RequestId, ScoredPair, Solver,
    UnassignedReason, assign_with,
};

/// A small instance: capacities and, per request, `Some(micros)` per provider if eligible.
#[derive(Debug, Clone)]
struct Small {
    capacities: Vec<u32>,
    scores: Vec<Vec<Option<u32>>>,
}

impl Small {
    fn problem(&self) -> AssignmentProblem {
        let requests = (0..self.scores.len())
            .map(|r| RequestId(r as i64 * 7 + 3))
            .collect();
        let providers = self
            .capacities
            .iter()
            .enumerate()
            .map(|(p, &capacity)| ProviderCapacity {
                id: ProviderId(100 - p as i64),
                capacity,
            })
            .collect();
        let mut pairs = Vec::new();
        for (r, row) in self.scores.iter().enumerate() {
            for (p, s) in row.iter().enumerate() {
                if let Some(micros) = s {
                    pairs.push(ScoredPair {
                        request: RequestId(r as i64 * 7 + 3),
                        provider: ProviderId(100 - p as i64),
                        score: f64::from(*micros) / 1e6,
                    });
                }
            }
        }
        AssignmentProblem::from_pairs(requests, providers, &pairs).unwrap()
    }

    /// Best (total micros, assigned count), lexicographically, by exhaustive search.
    fn brute_force(&self) -> (u64, usize) {
        fn go(s: &Small, r: usize, left: &mut Vec<u32>) -> (u64, usize) {
            if r == s.scores.len() {
                return (0, 0);
            }
            let mut best = go(s, r + 1, left);
            for (p, score) in s.scores[r].iter().enumerate() {
                if let Some(micros) = score
                    && left[p] > 0
                {
                    left[p] -= 1;
                    let (t, c) = go(s, r + 1, left);
                    left[p] += 1;
                    best = best.max((t + u64::from(*micros), c + 1));
                }
            }
            best
        }
        go(self, 0, &mut self.capacities.clone())
    }
}

fn small_instance() -> impl Strategy<Value = Small> {
    (0usize..=7, 0usize..=4).prop_flat_map(|(n, m)| {
        // Few distinct score values, including 0, so that ties are common.
        let score = prop_oneof![
            3 => Just(None),
            1 => Just(Some(0u32)),
            4 => (1u32..=4).prop_map(|k| Some(k * 250_000)),
            4 => (0u32..=1_000_000).prop_map(Some),
        ];
        (
            proptest::collection::vec(0u32..=3, m),
            proptest::collection::vec(proptest::collection::vec(score, m), n),
        )
            .prop_map(|(capacities, scores)| Small { capacities, scores })
    })
}

/// Checks feasibility and the reasons; returns (total, count).
fn check_valid(problem: &AssignmentProblem, a: &Assignment) -> (u64, usize) {
    let pairs: HashMap<(RequestId, ProviderId), f64> = problem
        .pairs()
        .into_iter()
        .map(|p| ((p.request, p.provider), p.score))
        .collect();
    let caps: HashMap<ProviderId, u32> = problem
        .providers()
        .iter()
        .map(|p| (p.id, p.capacity))
        .collect();
    let mut load: HashMap<ProviderId, u32> = HashMap::new();
    let mut total = 0u64;
    for pair in &a.assigned {
        let score = pairs
            .get(&(pair.request, pair.provider))
            .expect("assigned pair must be eligible");
        assert_eq!(*score, pair.score);
        total += (pair.score * 1e6).round() as u64;
        *load.entry(pair.provider).or_default() += 1;
    }
    for (p, l) in &load {
        assert!(*l <= caps[p], "provider {p} over capacity");
    }
    assert_eq!(total, a.total_micros);
    assert_eq!(
        a.assigned.len() + a.unassigned.len(),
        problem.requests().len()
    );
    for u in &a.unassigned {
        match &u.reason {
            UnassignedReason::NoEligibleProvider => {
                assert!(pairs.keys().all(|(r, p)| *r != u.request || caps[p] == 0));
            }
            UnassignedReason::EligibleProvidersFull { eligible } => {
                assert!(!eligible.is_empty());
                for p in eligible {
                    assert!(pairs.contains_key(&(u.request, *p)));
                    assert_eq!(
                        load.get(p).copied().unwrap_or(0),
                        caps[p],
                        "{p} has room for {}",
                        u.request
                    );
                }
            }
        }
    }
    (total, a.assigned.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_solver_matches_brute_force(small in small_instance()) {
        let problem = small.problem();
        let expected = small.brute_force();
        for solver in [Solver::Dense, Solver::Sparse, Solver::Auto] {
            let got = check_valid(&problem, &assign_with(&problem, solver));
            prop_assert_eq!(got, expected, "solver {:?}", solver);
        }
    }

    #[test]
    fn result_does_not_depend_on_input_order(small in small_instance()) {
        let problem = small.problem();
        let mut pairs = problem.pairs();
        pairs.reverse();
        let mut requests = problem.requests().to_vec();
        requests.reverse();
        let mut providers = problem.providers().to_vec();
        providers.reverse();
        let shuffled = AssignmentProblem::from_pairs(requests, providers, &pairs).unwrap();
        for solver in [Solver::Dense, Solver::Sparse] {
            prop_assert_eq!(assign_with(&problem, solver), assign_with(&shuffled, solver));
        }
    }
}

/// Textbook Hungarian method (Kuhn–Munkres with potentials, O(n³), square, 1-based), written
/// independently of the library's solvers. Returns the minimum cost.
fn hungarian_min_cost(a: &[Vec<i64>]) -> i64 {
    let n = a.len();
    let inf = i64::MAX / 4;
    let (mut u, mut v) = (vec![0i64; n + 1], vec![0i64; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let (i0, mut delta, mut j1) = (p[j0], inf, 0);
            for j in 1..=n {
                if !used[j] {
                    let cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n).map(|j| a[p[j] - 1][j - 1]).sum()
}

/// Best total micros by the textbook Hungarian method on an explicit square reduction: one
/// column per provider place, one private "unassigned" column per request, forbidden cells at a
/// large cost, filler rows at cost 0.
fn hungarian_best_total(problem: &AssignmentProblem) -> u64 {
    let n = problem.requests().len();
    let places: Vec<usize> = problem
        .providers()
        .iter()
        .enumerate()
        .flat_map(|(p, c)| std::iter::repeat_n(p, (c.capacity as usize).min(n)))
        .collect();
    let size = places.len() + n;
    let forbidden = 1i64 << 50;
    let index: HashMap<ProviderId, usize> = problem
        .providers()
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let mut row_scores: Vec<HashMap<usize, i64>> = vec![HashMap::new(); n];
    let request_index: HashMap<RequestId, usize> = problem
        .requests()
        .iter()
        .enumerate()
        .map(|(i, r)| (*r, i))
        .collect();
    for pair in problem.pairs() {
        let micros = (pair.score * 1e6).round() as i64;
        row_scores[request_index[&pair.request]].insert(index[&pair.provider], micros);
    }
    let mut cost = vec![vec![0i64; size]; size];
    for r in 0..n {
        for (c, &p) in places.iter().enumerate() {
            cost[r][c] = row_scores[r].get(&p).map_or(forbidden, |m| -m);
        }
        for d in 0..n {
            cost[r][places.len() + d] = if d == r { 0 } else { forbidden };
        }
    }
    (-hungarian_min_cost(&cost)) as u64
}

#[test]
fn dense_sparse_and_textbook_hungarian_agree_on_larger_instances() {
    let mut seed = 1;
    for &(requests, providers, capacity, density) in &[
        (60, 40, 1, 1.0),
        (80, 30, 2, 0.3),
        (120, 25, 3, 0.15),
        (100, 100, 1, 0.05),
        (90, 10, 4, 0.5),
        (40, 90, 1, 0.2),
    ] {
        for _ in 0..3 {
            seed += 1;
            let problem = random_instance(&InstanceSpec {
                requests,
                providers,
                capacity,
                density,
                seed,
            });
            let dense = assign_with(&problem, Solver::Dense);
            let sparse = assign_with(&problem, Solver::Sparse);
            let d = check_valid(&problem, &dense);
            let s = check_valid(&problem, &sparse);
            assert_eq!(
                d, s,
                "dense vs sparse on {requests}x{providers} seed {seed}"
            );
            assert_eq!(
                d.0,
                hungarian_best_total(&problem),
                "vs textbook Hungarian, seed {seed}"
            );
        }
    }
}

#[test]
fn dense_and_sparse_agree_at_benchmark_scale() {
    // The sparse benchmark instance, and a mid-size dense one: gap must be 0.
    for spec in [
        InstanceSpec::sparse_benchmark(7),
        InstanceSpec {
            requests: 400,
            providers: 400,
            capacity: 1,
            density: 1.0,
            seed: 7,
        },
        InstanceSpec {
            requests: 500,
            providers: 120,
            capacity: 3,
            density: 0.4,
            seed: 9,
        },
    ] {
        let problem = random_instance(&spec);
        let dense = assign_with(&problem, Solver::Dense);
        let sparse = assign_with(&problem, Solver::Sparse);
        assert_eq!(
            check_valid(&problem, &dense),
            check_valid(&problem, &sparse),
            "{spec:?}"
        );
    }
}

#[test]
fn an_unassigned_request_can_raise_the_total() {
    // A: P1 0.9 or P2 0.1; B: P1 0.5 only; P1 and P2 take one each.
    // Serving both gives 0.6; serving A with P1 and leaving B gives 0.9.
    let providers = vec![
        ProviderCapacity {
            id: ProviderId(1),
            capacity: 1,
        },
        ProviderCapacity {
            id: ProviderId(2),
            capacity: 1,
        },
    ];
    let pairs = [
        ScoredPair {
            request: RequestId(10),
            provider: ProviderId(1),
            score: 0.9,
        },
        ScoredPair {
            request: RequestId(10),
            provider: ProviderId(2),
            score: 0.1,
        },
        ScoredPair {
            request: RequestId(11),
            provider: ProviderId(1),
            score: 0.5,
        },
    ];
    let problem = AssignmentProblem::from_pairs(
        vec![RequestId(10), RequestId(11), RequestId(12)],
        providers,
        &pairs,
    )
    .unwrap();
    for solver in [Solver::Dense, Solver::Sparse] {
        let a = assign_with(&problem, solver);
        assert_eq!(a.total_micros, 900_000);
        assert_eq!(a.assigned.len(), 1);
        assert_eq!(
            a.unassigned[0].reason,
            UnassignedReason::EligibleProvidersFull {
                eligible: vec![ProviderId(1)]
            }
        );
        assert_eq!(a.unassigned[1].reason, UnassignedReason::NoEligibleProvider);
        assert!(
            a.unassigned[0]
                .reason
                .to_string()
                .starts_with("All 1 eligible provider(s) (#1) are at capacity")
        );
    }
}

#[test]
fn equal_totals_prefer_serving_more_requests() {
    // B's only option scores 0: serving it adds nothing to the total, but among equal totals
    // the assignment serving more requests wins.
    let providers = vec![
        ProviderCapacity {
            id: ProviderId(1),
            capacity: 1,
        },
        ProviderCapacity {
            id: ProviderId(2),
            capacity: 1,
        },
    ];
    let pairs = [
        ScoredPair {
            request: RequestId(1),
            provider: ProviderId(1),
            score: 0.5,
        },
        ScoredPair {
            request: RequestId(2),
            provider: ProviderId(2),
            score: 0.0,
        },
    ];
    let problem =
        AssignmentProblem::from_pairs(vec![RequestId(1), RequestId(2)], providers, &pairs).unwrap();
    for solver in [Solver::Dense, Solver::Sparse] {
        let a = assign_with(&problem, solver);
        assert_eq!((a.total_micros, a.assigned.len()), (500_000, 2));
    }
}

#[test]
fn empty_and_degenerate_problems() {
    let none = AssignmentProblem::from_pairs(vec![], vec![], &[]).unwrap();
    assert!(assign_with(&none, Solver::Auto).assigned.is_empty());
    let no_capacity = AssignmentProblem::from_pairs(
        vec![RequestId(1)],
        vec![ProviderCapacity {
            id: ProviderId(1),
            capacity: 0,
        }],
        &[ScoredPair {
            request: RequestId(1),
            provider: ProviderId(1),
            score: 1.0,
        }],
    )
    .unwrap();
    for solver in [Solver::Dense, Solver::Sparse] {
        let a = assign_with(&no_capacity, solver);
        assert_eq!(a.unassigned[0].reason, UnassignedReason::NoEligibleProvider);
    }
}

/// Forcing the dense solver on an instance whose expanded matrix would not fit in memory (every
/// provider's capacity as large as the number of requests copies each provider once per request)
/// runs the sparse solver instead, with the same optimal total, and says so; it used to ask for
/// hundreds of gigabytes and abort.
#[test]
fn a_forced_dense_solve_too_large_for_memory_runs_sparse() {
    let request_count: i64 = 6_000;
    let provider_count: i64 = 60;
    let requests: Vec<RequestId> = (1..=request_count).map(RequestId).collect();
    let providers: Vec<ProviderCapacity> = (1..=provider_count)
        .map(|p| ProviderCapacity {
            id: ProviderId(p),
            capacity: u32::try_from(request_count).unwrap(),
        })
        .collect();
    // Each request may go to three providers; 6,000 × 360,000 expanded cells would be 17 GB.
    let pairs: Vec<ScoredPair> = requests
        .iter()
        .flat_map(|r| {
            (0..3).map(move |k| ScoredPair {
                request: *r,
                provider: ProviderId((r.0 + k * 7) % provider_count + 1),
                score: f64::from(u32::try_from((r.0 * 31 + k * 17) % 100).unwrap()) / 100.0,
            })
        })
        .collect();
    let problem = AssignmentProblem::from_pairs(requests, providers, &pairs).unwrap();
    let forced = assign_with(&problem, Solver::Dense);
    let sparse = assign_with(&problem, Solver::Sparse);
    assert_eq!(forced.solver, scheduling::matching::SolverUsed::Sparse);
    assert_eq!(forced.total_micros, sparse.total_micros);
    assert_eq!(forced.assigned.len(), 6_000);
}
