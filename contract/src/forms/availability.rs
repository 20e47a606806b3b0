//! The provider's availability editor as typed: weekly hours, date overrides and time off, on
//! the provider's own wall clock. `key` identifies a row on the page, so a refused row's message
//! (field `range_12`, `override_3`, `time_off_5`) lands beside it.

use serde::{Deserialize, Serialize};

/// One wall-clock range as typed; `weekday` (`mon` … `sun`) is empty for the ranges of an
/// override.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RangeRow {
    pub key: u32,
    pub weekday: String,
    /// `HH:MM`.
    pub start: String,
    pub end: String,
}

/// Other hours on one date as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OverrideRow {
    pub key: u32,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Unavailable the whole day (the ranges are then ignored).
    pub unavailable: bool,
    pub ranges: Vec<RangeRow>,
}

/// One stretch of time off as typed: whole days, first to last inclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeOffRow {
    pub key: u32,
    pub first: String,
    pub last: String,
    pub reason: String,
}

/// The availability editor exactly as filled in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AvailabilityForm {
    pub weekly: Vec<RangeRow>,
    pub overrides: Vec<OverrideRow>,
    pub time_off: Vec<TimeOffRow>,
}
