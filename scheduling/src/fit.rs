//! A provider's availability fit for a request, summarised for ranking: how many occurrences
//! could be placed, how far they had to move, and when the first one is.

use crate::prepared::{PreparedRequest, SlotQuery};
use crate::provider::ProviderSchedule;
use crate::series::SeriesPlan;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// How well a provider's calendar fits a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AvailabilityFit {
    /// Occurrences asked for.
    pub requested: u32,
    /// Occurrences placed (at their anchor or moved).
    pub placed: u32,
    /// Occurrences placed exactly at their anchor.
    pub at_anchor: u32,
    /// Occurrences placed away from their anchor.
    pub moved: u32,
    /// Sum over placed occurrences of the absolute shift from the anchor, in minutes.
    pub total_shift_minutes: u64,
    /// Largest absolute shift of one occurrence, in minutes.
    pub max_shift_minutes: u64,
    /// Start of the earliest placed occurrence.
    pub earliest_start: Option<DateTime<Utc>>,
}

impl AvailabilityFit {
    /// The summary of `plan`.
    pub fn of(plan: &SeriesPlan) -> Self {
        let mut fit = AvailabilityFit {
            requested: u32::try_from(plan.occurrences.len()).unwrap_or(u32::MAX),
            placed: 0,
            at_anchor: 0,
            moved: 0,
            total_shift_minutes: 0,
            max_shift_minutes: 0,
            earliest_start: None,
        };
        for occurrence in &plan.occurrences {
            let (Some(slot), Some(shift)) = (occurrence.slot(), occurrence.shift_minutes()) else {
                continue;
            };
            fit.placed += 1;
            if shift == 0 {
                fit.at_anchor += 1;
            } else {
                fit.moved += 1;
            }
            fit.total_shift_minutes += shift.unsigned_abs();
            fit.max_shift_minutes = fit.max_shift_minutes.max(shift.unsigned_abs());
            let start = slot.start();
            fit.earliest_start = Some(fit.earliest_start.map_or(start, |e| e.min(start)));
        }
        fit
    }

    /// Whether every occurrence was placed.
    pub fn is_complete(&self) -> bool {
        self.placed == self.requested
    }

    /// Placed occurrences as a fraction of those requested (0.0 to 1.0).
    pub fn placed_fraction(&self) -> f64 {
        if self.requested == 0 {
            0.0
        } else {
            f64::from(self.placed) / f64::from(self.requested)
        }
    }
}

/// The availability fit of the query's provider for its request.
pub fn availability_fit(query: &SlotQuery<'_>) -> AvailabilityFit {
    query.prepare().availability_fit(query.provider)
}

impl PreparedRequest<'_> {
    /// The availability fit of `provider`; prepare once, call for each provider.
    pub fn availability_fit(&self, provider: &ProviderSchedule) -> AvailabilityFit {
        AvailabilityFit::of(&self.place_series(provider))
    }
}
