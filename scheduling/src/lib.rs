//! The pure scheduling engine of TTA Scheduler: time zones, provider availability, free slots,
//! recurring series and provider matching.
//!
//! Nothing in this crate performs I/O, spawns tasks or knows about databases or the UI; every
//! function is a deterministic computation over its arguments (the current instant is always
//! passed in). It compiles for `wasm32-unknown-unknown` as well as for the server.
//!
//! # The engine in one paragraph
//!
//! Inputs are parsed into domain types ([`Zone`], [`WeeklyHours`], [`Availability`],
//! [`ProviderSchedule`], [`SiteCalendar`], [`SessionRequest`], ...) that cannot hold invalid
//! values; bad input is an [`InputError`] naming the bad value. A [`SlotQuery`] joins a provider,
//! a site, a request and "now". [`free_slots`] lists the times one session can be held;
//! [`place_series`] places every occurrence of a series on the site's wall clock and explains
//! each one it had to move or could not place; [`availability_fit`] summarises that for ranking.
//! [`PreparedRequest`] does the site's share of the work once for many providers.
//! [`PreparedRequest::alternatives`] lists the other times one occurrence of a placed series may
//! move to; [`check_fixed_sessions`] checks settled sessions against another provider. All time
//! arithmetic is on sorted vectors of UTC intervals ([`IntervalSet`]); wall-clock times are
//! resolved by one documented policy for DST gaps and folds (see [`zone`]).

mod alternatives;
mod availability;
mod blackout;
mod busy;
mod cadence;
mod calendar;
mod caps;
mod error;
mod failure;
mod fit;
mod fixed;
mod free_time;
mod grid;
mod holidays;
mod interval;
mod interval_set;
mod local_time;
mod prepared;
mod provider;
pub mod query;
mod request;
mod series;
mod site;
mod slots;
mod team;
mod time_off;
mod visit;
mod weekly_hours;
pub mod zone;

pub mod matching;

pub use availability::{Availability, DateOverride, WeeklySchedule};
pub use blackout::{Blackout, BlackoutCalendar};
pub use busy::{Buffers, BusyCalendar, BusySession};
pub use cadence::Cadence;
pub use caps::Caps;
pub use error::InputError;
pub use failure::PlacementFailure;
pub use fit::{AvailabilityFit, availability_fit};
pub use fixed::check_fixed_sessions;
pub use free_time::{FreeDay, free_days};
pub use holidays::{FederalHoliday, HolidayDate, federal_holidays, observed_date};
pub use interval::Interval;
pub use interval_set::IntervalSet;
pub use local_time::{LocalTime, LocalTimeRange};
pub use prepared::{PreparedRequest, SlotQuery};
pub use provider::ProviderSchedule;
pub use query::{Answer, Query, QueryMode};
pub use request::{Granularity, SessionLength, SessionRequest, SessionRequestParts, Tolerance};
pub use series::{Occurrence, Outcome, SeriesPlan, place_series};
pub use site::SiteCalendar;
pub use slots::{Slot, SlotOrder, free_slots};
pub use team::{TeamConflict, TeamOccurrence, TeamOutcome, TeamPlan, join_names};
pub use time_off::{TimeOff, TimeOffSpan};
pub use visit::{MAX_VISIT_DAYS, VisitDay, VisitFault, VisitLayout, VisitShape};
pub use weekly_hours::WeeklyHours;
pub use zone::{LocalStamp, Resolution, Zone};
