//! The bridge between stored data and the pure `scheduling` engine: loads providers, sites and
//! requests from the database in a few bulk queries (no query per provider), turns them into
//! the engine's types, and asks the engine to rank candidates or plan a series (as the
//! coordinator adjusts it), to rank who could take over a leaving provider's sessions, or to check
//! new times for booked sessions. A coordinator's ranking is kept for its next view while the
//! database's ranking generation says nothing it reads has changed (`ranking_cache`).

mod adjust;
mod busy;
mod inputs;
mod move_times;
mod new_times;
mod ranking;
mod ranking_cache;
mod replacements;
mod settings;
mod visits;

pub(crate) use adjust::adjust_series;
pub use adjust::{AdjustedOccurrence, AdjustedPlan, OFFERED_ALTERNATIVES, PlanMove, plan_adjusted};
pub(crate) use inputs::site_blackouts;
pub use move_times::{OFFERED_MOVE_TIMES, free_move_times};
pub use new_times::{NewTime, check_new_times};
pub use replacements::rank_replacements;

pub use inputs::{Focus, ProviderData, load_providers, session_request, site_calendar};
pub use ranking::{
    BatchMatch, CandidateRanking, batch_assignment, batch_match, candidates, plan_series,
    rank_candidates,
};
pub use ranking_cache::{
    CAPACITY as RANKING_CACHE_CAPACITY, FRESH_FOR as RANKING_FRESH_FOR, RankingCache,
};
pub use settings::{KEY as SETTINGS_KEY, SchedulingSettings};
pub use visits::{booking_buffers, layout_of, visit_shape, worked_days};
