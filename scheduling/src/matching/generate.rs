//! Deterministic random assignment instances for benchmarks and tests, from a seed (SplitMix64;
//! no `rand` dependency). The same seed gives the same instance on every platform, so a
//! benchmark instance can be rebuilt, dumped to JSON and handed to another solver.

use super::problem::{AssignmentProblem, MICROS_PER_UNIT, ProviderCapacity};
use super::profile::{ProviderId, RequestId};

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, good enough for test data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (`bound > 0`; the modulo bias is below 2⁻³² for bounds < 2³²).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        unit < p
    }
}

/// Parameters of a random instance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InstanceSpec {
    /// Number of requests (ids 1..=requests).
    pub requests: usize,
    /// Number of providers (ids 1..=providers).
    pub providers: usize,
    /// Capacity of every provider.
    pub capacity: u32,
    /// Probability that a pair is eligible (1.0 = complete).
    pub density: f64,
    /// Seed.
    pub seed: u64,
}

impl InstanceSpec {
    /// The benchmark's dense instance: 1000 × 1000, capacity 1, every pair eligible.
    pub fn dense_benchmark(seed: u64) -> Self {
        Self {
            requests: 1000,
            providers: 1000,
            capacity: 1,
            density: 1.0,
            seed,
        }
    }

    /// The benchmark's sparse instance: 2000 × 300, capacity 5, 10 % of pairs eligible.
    pub fn sparse_benchmark(seed: u64) -> Self {
        Self {
            requests: 2000,
            providers: 300,
            capacity: 5,
            density: 0.10,
            seed,
        }
    }
}

/// How the score of an eligible pair is drawn. Besides the uniform scores, the families are the
/// ones that stress an assignment solver (many ties, few distinct values, structured costs); the
/// benchmark runs each of them at 1000 × 1000 against scipy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreFamily {
    /// Uniform micro-units `1..=1 000 000` (the [`random_instance`] scores).
    Uniform,
    /// Tenths of the range: `0.0, 0.1, …, 1.0`, uniform (11 values, many ties).
    Tenths,
    /// `0` or `1`, each with probability ½.
    ZeroOne,
    /// `0` with probability 0.9, else uniform `1..=1 000 000` micro-units.
    MostlyZero,
    /// Machol & Wien (1976): the cost of request `i` and provider `j` (both counted from 1) is
    /// `i · j`, as a score `1 − i·j / (requests · providers)` in micro-units, rounded down
    /// (exactly `10⁶ − i·j` micro-units at 1000 × 1000). Minimising `Σ i·j` is the classic hard
    /// case for shortest augmenting path solvers. Deterministic: the seed is not used.
    MacholWien,
}

/// Builds the instance: each pair is eligible with probability `density`, with a score drawn
/// uniformly from the micro-units `1..=1 000 000` (so every score is exact in JSON and in `f64`).
pub fn random_instance(spec: &InstanceSpec) -> AssignmentProblem {
    instance_with_scores(spec, ScoreFamily::Uniform)
}

/// Like [`random_instance`] with the scores drawn from `family`. With
/// [`ScoreFamily::Uniform`] it is exactly [`random_instance`] (same seed, same instance).
pub fn instance_with_scores(spec: &InstanceSpec, family: ScoreFamily) -> AssignmentProblem {
    let mut rng = SplitMix64::new(spec.seed);
    let micros = u64::from(MICROS_PER_UNIT);
    let cells = (spec.requests as u64 * spec.providers as u64).max(1);
    let mut row_start = Vec::with_capacity(spec.requests + 1);
    row_start.push(0);
    let mut edge_provider = Vec::new();
    let mut edge_micros = Vec::new();
    for r in 0..spec.requests {
        for p in 0..spec.providers {
            if spec.density >= 1.0 || rng.chance(spec.density) {
                edge_provider.push(p as u32);
                // Every branch is at most 10^6, so the casts are exact.
                let score = match family {
                    ScoreFamily::Uniform => 1 + rng.below(micros),
                    ScoreFamily::Tenths => rng.below(11) * (micros / 10),
                    ScoreFamily::ZeroOne => rng.below(2) * micros,
                    ScoreFamily::MostlyZero => {
                        if rng.chance(0.9) {
                            0
                        } else {
                            1 + rng.below(micros)
                        }
                    }
                    ScoreFamily::MacholWien => {
                        let ij = (r as u64 + 1) * (p as u64 + 1);
                        micros - (u128::from(ij) * u128::from(micros) / u128::from(cells)) as u64
                    }
                };
                edge_micros.push(score as u32);
            }
        }
        row_start.push(edge_provider.len());
    }
    AssignmentProblem {
        requests: (1..=spec.requests as i64).map(RequestId).collect(),
        providers: (1..=spec.providers as i64)
            .map(|id| ProviderCapacity {
                id: ProviderId(id),
                capacity: spec.capacity,
            })
            .collect(),
        row_start,
        edge_provider,
        edge_micros,
    }
}
