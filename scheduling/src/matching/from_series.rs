//! Adapter from the slot engine: turns a placed series ([`SeriesPlan`]) into the
//! [`AvailabilityFit`] value ranking reads.

use crate::{Outcome, SeriesPlan, SessionRequest};

use super::availability::AvailabilityFit;

/// Minutes in a day.
const DAY_MINUTES: u32 = 24 * 60;

impl AvailabilityFit {
    /// Summarises `plan`, the placement of `request`'s series in one provider's free time.
    ///
    /// - Unplaced occurrences are listed as "Session N (anchor date): reasons".
    /// - The shift tolerance is the request's tolerance in business days taken as whole days of
    ///   minutes, at least one day (a session moved by that much scores 0 on closeness).
    /// - The start delay is counted from the first occurrence's anchor date to the UTC date of
    ///   the first placed session; the window runs from that anchor date to the request's
    ///   latest date.
    pub fn from_series(plan: &SeriesPlan, request: &SessionRequest) -> Self {
        let required = u32::try_from(plan.occurrences.len()).unwrap_or(u32::MAX);
        let mut placed = 0u32;
        let mut total_shift = 0u64;
        let mut unplaced_reasons = Vec::new();
        for occurrence in &plan.occurrences {
            match &occurrence.outcome {
                Outcome::Unplaced { reasons } => {
                    let text: Vec<String> = reasons.iter().map(ToString::to_string).collect();
                    unplaced_reasons.push(format!(
                        "Session {} ({}): {}",
                        occurrence.index,
                        occurrence.anchor_date,
                        text.join("; ")
                    ));
                }
                _ => {
                    placed += 1;
                    total_shift += occurrence.shift_minutes().map_or(0, i64::unsigned_abs);
                }
            }
        }
        let mean_shift = total_shift.checked_div(u64::from(placed)).unwrap_or(0);
        let first = request.first_date();
        let start_delay_days = plan
            .placed()
            .map(|slot| slot.start())
            .min()
            .map_or(0, |start| (start.date_naive() - first).num_days().max(0));
        let window_days = (request.latest_date() - first).num_days().max(0);
        Self {
            required,
            placed,
            unplaced_reasons,
            mean_shift_minutes: u32::try_from(mean_shift).unwrap_or(u32::MAX),
            tolerance_minutes: request
                .tolerance()
                .days()
                .max(1)
                .saturating_mul(DAY_MINUTES),
            start_delay_days: u32::try_from(start_delay_days).unwrap_or(u32::MAX),
            window_days: u32::try_from(window_days).unwrap_or(u32::MAX),
        }
    }
}
