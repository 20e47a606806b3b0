//! How well a request's series fits a provider's free time, as reported by the slot engine.
//!
//! Matching does not search for slots itself: the caller runs the series placement for each
//! (request, provider) pair and passes a summary of it as a plain value. That keeps this module
//! independent of the slot engine's types; the service layer converts one into the other.

use serde::{Deserialize, Serialize};

/// Summary of placing a request's whole series into one provider's free time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityFit {
    /// Sessions the series needs.
    pub required: u32,
    /// Sessions that could be placed.
    pub placed: u32,
    /// For sessions that could not be placed, the slot engine's reasons (coordinator-readable).
    #[serde(default)]
    pub unplaced_reasons: Vec<String>,
    /// Mean distance, in minutes, of the placed sessions from their anchors (the site's preferred
    /// date and time for each occurrence).
    #[serde(default)]
    pub mean_shift_minutes: u32,
    /// The largest shift the series allows (its slide tolerance), in minutes; 0 = no tolerance.
    #[serde(default)]
    pub tolerance_minutes: u32,
    /// Days from the earliest possible start of the series to its first placed session.
    #[serde(default)]
    pub start_delay_days: u32,
    /// Length of the request's date window in days (for scaling `start_delay_days`).
    #[serde(default)]
    pub window_days: u32,
}

impl AvailabilityFit {
    /// Sessions that could not be placed.
    pub fn missing(&self) -> u32 {
        self.required.saturating_sub(self.placed)
    }

    /// Closeness to the preferred times in `[0, 1]`: 1 when every session sits on its anchor,
    /// falling linearly to 0 at the tolerance.
    pub fn closeness(&self) -> f64 {
        ratio_left(self.mean_shift_minutes, self.tolerance_minutes)
    }

    /// Earliness in `[0, 1]`: 1 when the series starts as early as possible, falling linearly to
    /// 0 at the end of the window.
    pub fn earliness(&self) -> f64 {
        ratio_left(self.start_delay_days, self.window_days)
    }

    /// The availability part of the score: the mean of closeness and earliness.
    pub fn value(&self) -> f64 {
        (self.closeness() + self.earliness()) / 2.0
    }
}

/// `1 − used / budget`, clamped to `[0, 1]`; 1 when nothing is used, 0 when the budget is 0 but
/// something is used.
fn ratio_left(used: u32, budget: u32) -> f64 {
    if used == 0 {
        1.0
    } else if budget == 0 {
        0.0
    } else {
        (1.0 - f64::from(used) / f64::from(budget)).clamp(0.0, 1.0)
    }
}
