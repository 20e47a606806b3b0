//! Sessions whose times are already settled, checked against another provider: can this provider
//! take over exactly these instants? Used when a provider leaves and their remaining sessions
//! are handed to someone else — the site keeps its times, so nothing moves; each session either
//! fits the new provider's free time or is reported with the reasons it does not.
//!
//! Each session is checked on its own, in the order given, as series placement checks an anchor:
//! the provider's time off and working hours (in the provider's zone, overrides included), their
//! booked sessions widened by buffers, the sessions of the same set checked before it, and the
//! caps (counting the provider's bookings and the earlier sessions of the set). The answer is a
//! [`SeriesPlan`] whose occurrences are `AtAnchor` (fits) or `Unplaced` (with reasons), so
//! [`AvailabilityFit::from_series`](crate::matching::AvailabilityFit::from_series) turns it into
//! the matching engine's availability part as for any series.

use crate::calendar::SECONDS_PER_DAY;
use crate::caps::CapLedger;
use crate::interval::Interval;
use crate::provider::ProviderSchedule;
use crate::series::{Occurrence, Outcome, SeriesPlan, provider_reasons};
use crate::zone::{Resolution, Zone};

/// Checks `sessions` (`(index, instants)`) against `provider`; dates are read on `site_zone`'s
/// wall clock. See the module docs.
pub fn check_fixed_sessions(
    provider: &ProviderSchedule,
    site_zone: Zone,
    sessions: &[(u32, Interval)],
) -> SeriesPlan {
    let mut ledger = CapLedger::new(provider.caps(), provider.zone());
    let first = sessions.iter().map(|(_, s)| s.start_seconds()).min();
    let last = sessions.iter().map(|(_, s)| s.end_seconds()).max();
    if let (Some(first), Some(last)) = (first, last) {
        let margin = 8 * SECONDS_PER_DAY;
        if let Some(counted) = Interval::from_seconds(first - margin, last + margin) {
            for session in provider.busy().starting_in(&counted) {
                for worked in session.worked() {
                    ledger.record(worked);
                }
            }
        }
    }
    let mut placed: Vec<(u32, Interval)> = Vec::with_capacity(sessions.len());
    let occurrences = sessions
        .iter()
        .map(|(index, slot)| {
            let reasons = provider_reasons(provider, slot, &placed, &ledger);
            let outcome = if reasons.is_empty() {
                placed.push((*index, *slot));
                ledger.record(slot);
                Outcome::AtAnchor { slot: *slot }
            } else {
                Outcome::Unplaced { reasons }
            };
            Occurrence {
                index: *index,
                anchor_date: site_zone.local_date_at(slot.start_seconds()),
                anchor: *slot,
                anchor_resolution: Resolution::Exact,
                outcome,
            }
        })
        .collect();
    SeriesPlan { occurrences }
}
