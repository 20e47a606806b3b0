//! Free slots for one session: the provider's availability ∩ the site's preferred hours − busy
//! time widened by buffers − blackout dates (site-local), from now + minimum notice, on the site's
//! wall-clock grid, with the caps respected; ordered by the stated preference.

use crate::calendar::{SECONDS_PER_DAY, instant};
use crate::grid::for_each_start;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::local_time::LocalTime;
use crate::prepared::{PreparedRequest, SlotQuery};
use crate::provider::ProviderSchedule;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// How to order free slots.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotOrder {
    /// Soonest first.
    #[default]
    Earliest,
    /// Closest (on the site's wall clock) to the request's local start time first, then
    /// soonest.
    ClosestToStartTime,
}

/// A time at which the session can be held, with the facts that make it free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// When the session would run.
    pub interval: Interval,
    /// The stretch of free time (availability ∩ site hours − busy − blackouts) it lies in.
    pub free_stretch: Interval,
    /// Its start on the site's wall clock.
    pub site_local_start: NaiveDateTime,
    /// Minutes between its site-local start time and the requested local start time.
    pub minutes_from_requested_time: u32,
}

/// Free slots for one session (see the module docs), at most `limit` of them.
pub fn free_slots(query: &SlotQuery<'_>, order: SlotOrder, limit: Option<usize>) -> Vec<Slot> {
    query.prepare().free_slots(query.provider, order, limit)
}

impl PreparedRequest<'_> {
    /// Free slots for `provider`; see [`free_slots`].
    pub fn free_slots(
        &self,
        provider: &ProviderSchedule,
        order: SlotOrder,
        limit: Option<usize>,
    ) -> Vec<Slot> {
        let Some(bookable) = self.bookable else {
            return Vec::new();
        };
        let site_allowed = self.site_allowed_in(&bookable);
        let free = self.provider_free_in(provider, &bookable, &site_allowed, &IntervalSet::new());
        let length = self.request.length();
        let blocked_starts = self
            .ledger_for(provider, &bookable)
            .blocked_starts(&bookable, length.minutes());
        let target = self.request.local_start_time();
        let mut slots = Vec::new();
        for_each_start(
            self.site.zone(),
            &free,
            length.seconds(),
            self.request.granularity().seconds(),
            &blocked_starts,
            |candidate| {
                let local_seconds = candidate.start + candidate.site_offset;
                if let Some(interval) =
                    Interval::from_seconds(candidate.start, candidate.start + length.seconds())
                {
                    slots.push(Slot {
                        interval,
                        free_stretch: candidate.stretch,
                        site_local_start: instant(local_seconds).naive_utc(),
                        minutes_from_requested_time: minutes_from(local_seconds, target),
                    });
                }
            },
        );
        if order == SlotOrder::ClosestToStartTime {
            slots.sort_by_key(|slot| (slot.minutes_from_requested_time, slot.interval));
        }
        if let Some(limit) = limit {
            slots.truncate(limit);
        }
        slots
    }
}

/// Minutes between the wall-clock time of day of `local_seconds` and `target`.
fn minutes_from(local_seconds: i64, target: LocalTime) -> u32 {
    let minute_of_day = local_seconds.rem_euclid(SECONDS_PER_DAY) / 60;
    let difference = (minute_of_day - i64::from(target.minute_of_day())).unsigned_abs();
    u32::try_from(difference).unwrap_or(u32::MAX)
}
