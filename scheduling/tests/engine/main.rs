//! The engine's integration tests, one module per subject, in one test binary (the crate is
//! built and linked once): zones and DST, free time, series, alternatives, holidays, parsing,
//! matching (exact assignment, rankings, instances), golden JSON cases and property tests.

mod common;

mod alternatives;
mod dst;
mod free_time;
mod golden;
mod holidays;
mod matching_exact;
mod matching_instance;
mod matching_ranking;
mod parsing;
mod properties;
mod series;
