//! Matching requests to providers: explainable candidate ranking for one request, and the exact
//! maximum-score batch assignment of many requests within provider capacities.
//!
//! - [`rank_providers`] applies the hard rules (each broken rule is a named [`Exclusion`] a
//!   coordinator reads) and scores every eligible provider with a weighted, explained
//!   [`ScoreBreakdown`] ([`ScoreWeights`] are configuration with defaults).
//! - [`assign`] solves the batch problem ([`AssignmentProblem`]) exactly, with a dense shortest
//!   augmenting path solver (Jonker–Volgenant / Crouse) or a sparse min-cost flow (successive
//!   shortest paths with potentials), and reports an [`UnassignedReason`] for every request it
//!   does not serve. See [`assignment`] for the objective and the tie-breaking rule.
//! - [`instance`] is the JSON instance format of the `assign` example (the command-line door),
//!   [`generate`] builds seeded random instances for benchmarks and tests.
//!
//! The instance format, objective, algorithms and benchmark figures are written up in
//! `scheduling/src/matching/README.md`.
//!
//! Availability comes in as a value ([`AvailabilityFit`]), so ranking needs nothing else from the
//! slot engine; [`AvailabilityFit::from_series`] builds that value from the slot engine's
//! [`SeriesPlan`](crate::SeriesPlan) (this module's only use of the rest of the crate).

pub mod assignment;
pub mod availability;
mod dense;
mod flow;
mod from_series;
pub mod generate;
pub mod hours;
mod index_heap;
pub mod instance;
mod jv_init;
pub mod problem;
pub mod profile;
pub mod ranking;
pub mod reasons;
pub mod score;
pub mod weights;

pub use assignment::{
    AssignedPair, Assignment, Solver, SolverUsed, UnassignedReason, UnassignedRequest, assign,
    assign_with,
};
pub use availability::AvailabilityFit;
pub use hours::{Overlap, WeeklyWindow, WorkingHours, overlap};
pub use problem::{AssignmentProblem, ProblemError, ProviderCapacity, ScoredPair};
pub use profile::{
    Expertise, Level, MatchRequest, Modality, ProviderId, ProviderProfile, RequestId, SiteId,
    SiteRef, Topic, TopicId,
};
pub use ranking::{
    Candidate, ExcludedProvider, RankedProvider, Ranking, exclusions, problem_from_rankings,
    rank_providers,
};
pub use reasons::Exclusion;
pub use score::{Part, ScoreBreakdown, ScorePart, score};
pub use weights::{RawWeights, ScoreWeights, WeightsError};
