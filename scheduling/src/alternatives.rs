//! Other times for one occurrence of a planned series: the free grid slots a coordinator may
//! move that occurrence to, given where the rest of the series stands.
//!
//! A slot is offered for occurrence *i* when a session there would be free for the provider and
//! the site exactly as [`free_slots`](crate::free_slots) defines it (the provider's hours, the
//! site's preferred hours, blackout dates, busy time widened by buffers, minimum notice, the
//! request's window, the caps), and besides:
//!
//! - it keeps the series in order: it starts after the previous placed occurrence ends and ends
//!   before the next placed occurrence starts;
//! - it does not meet another occurrence of the series (widened by the buffers), and the caps
//!   count the other occurrences as booked.
//!
//! Slots are listed nearest first to the occurrence's anchor on the site's wall clock, measured
//! as series placement measures it (each day moved counts 1,440 minutes plus the minutes the time
//! of day moved; ties go to the earlier slot). The list with no limit is the set a server checks
//! a coordinator's choice against: a time not in it is refused.

use crate::calendar::{SECONDS_PER_DAY, instant};
use crate::grid::for_each_start;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::prepared::PreparedRequest;
use crate::provider::ProviderSchedule;
use crate::slots::Slot;
use chrono::Datelike;

/// Days from 0001-01-01 (day 1 in chrono's `num_days_from_ce`) to 1970-01-01.
const UNIX_EPOCH_DAY_FROM_CE: i64 = 719_163;

impl PreparedRequest<'_> {
    /// The slots occurrence `index` (1-based) may move to while the other occurrences stand at
    /// `others` (`(index, slot)`; an entry for `index` itself is ignored), nearest its anchor
    /// first, at most `limit` of them. Empty when the series has no such occurrence.
    pub fn alternatives(
        &self,
        provider: &ProviderSchedule,
        index: u32,
        others: &[(u32, Interval)],
        limit: Option<usize>,
    ) -> Vec<Slot> {
        let Some(frame) = self.frames().iter().find(|f| f.index == index) else {
            return Vec::new();
        };
        let Some(bookable) = self.bookable else {
            return Vec::new();
        };
        let others: Vec<(u32, Interval)> = others
            .iter()
            .copied()
            .filter(|(i, _)| *i != index)
            .collect();
        // Keep the series in order: between the placed neighbours.
        let after = others
            .iter()
            .filter(|(i, _)| *i < index)
            .map(|(_, slot)| slot.end_seconds())
            .max()
            .unwrap_or(i64::MIN);
        let before = others
            .iter()
            .filter(|(i, _)| *i > index)
            .map(|(_, slot)| slot.start_seconds())
            .min()
            .unwrap_or(i64::MAX);
        let Some(span) = Interval::from_seconds(
            bookable.start_seconds().max(after),
            bookable.end_seconds().min(before),
        ) else {
            return Vec::new();
        };
        let buffers = provider.busy().buffers();
        let series_blocked = IntervalSet::from_intervals(
            others
                .iter()
                .map(|(_, slot)| buffers.widen(slot))
                .filter(|widened| widened.overlaps(&span))
                .collect(),
        );
        let site_allowed = self.site_allowed_in(&span);
        let free = self.provider_free_in(provider, &span, &site_allowed, &series_blocked);
        let mut ledger = self.ledger_for(provider, &span);
        for (_, slot) in &others {
            ledger.record(slot);
        }
        let length = self.request.length();
        let blocked_starts = ledger.blocked_starts(&span, length.minutes());
        let anchor_day = i64::from(frame.anchor_date.num_days_from_ce());
        let anchor_minute = i64::from(self.request.local_start_time().minute_of_day());
        let target = self.request.local_start_time().minute_of_day();
        let mut found: Vec<(i64, Slot)> = Vec::new();
        for_each_start(
            self.site.zone(),
            &free,
            length.seconds(),
            self.request.granularity().seconds(),
            &blocked_starts,
            |candidate| {
                let local = candidate.start + candidate.site_offset;
                let minute_of_day = local.rem_euclid(SECONDS_PER_DAY) / 60;
                let days_moved =
                    (local.div_euclid(SECONDS_PER_DAY) + UNIX_EPOCH_DAY_FROM_CE - anchor_day).abs();
                let distance = days_moved * 1_440 + (minute_of_day - anchor_minute).abs();
                if let Some(interval) =
                    Interval::from_seconds(candidate.start, candidate.start + length.seconds())
                {
                    found.push((
                        distance,
                        Slot {
                            interval,
                            free_stretch: candidate.stretch,
                            site_local_start: instant(local).naive_utc(),
                            minutes_from_requested_time: u32::try_from(
                                (minute_of_day - i64::from(target)).unsigned_abs(),
                            )
                            .unwrap_or(u32::MAX),
                        },
                    ));
                }
            },
        );
        found.sort_by_key(|(distance, slot)| (*distance, slot.interval.start_seconds()));
        if let Some(limit) = limit {
            found.truncate(limit);
        }
        found.into_iter().map(|(_, slot)| slot).collect()
    }

    /// Whether `slot` is one of the [`alternatives`](Self::alternatives) of occurrence `index`
    /// (with no limit) while the others stand at `others`.
    pub fn offers(
        &self,
        provider: &ProviderSchedule,
        index: u32,
        others: &[(u32, Interval)],
        slot: &Interval,
    ) -> bool {
        self.alternatives(provider, index, others, None)
            .iter()
            .any(|offered| offered.interval == *slot)
    }
}
