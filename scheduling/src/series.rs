//! Placing a series: N occurrences anchored to the site's wall clock, each checked on its own
//! against the provider's hours, the site's hours, blackouts, busy time, the caps and the
//! occurrences of the same series placed before it (a series never double-books itself).
//!
//! An occurrence whose anchor cannot stand moves to the feasible grid slot nearest its anchor
//! within its tolerance window: the anchor date ± the tolerance in business days, inside the
//! request's window. "Nearest" is measured on the site's wall clock: each day moved counts as
//! 1,440 minutes, plus the minutes the time of day moved, so the same time on the next day
//! (1,440) beats 09:00 the next day for a 13:00 anchor (1,680), and 11:15 the same day (75)
//! beats both; ties go to the earlier slot. One that finds no slot is reported unplaced with the
//! reasons its anchor failed.

use crate::calendar::SECONDS_PER_DAY;
use crate::caps::{CapBreach, CapLedger};
use crate::failure::PlacementFailure;
use crate::grid::for_each_start;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::prepared::{Frame, PreparedRequest, SlotQuery};
use crate::provider::ProviderSchedule;
use crate::zone::Resolution;
use chrono::{Datelike, NaiveDate};

/// Days from 0001-01-01 (day 1 in chrono's `num_days_from_ce`) to 1970-01-01.
const UNIX_EPOCH_DAY_FROM_CE: i32 = 719_163;
use serde::Serialize;

/// The outcome of placing every occurrence of a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesPlan {
    /// One entry per requested occurrence, in series order.
    pub occurrences: Vec<Occurrence>,
}

/// One occurrence of a series: where it was anchored and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// 1-based position in the series.
    pub index: u32,
    /// The site-local date the cadence gives.
    pub anchor_date: NaiveDate,
    /// The session at the site's wall-clock start time on that date.
    pub anchor: Interval,
    /// How that wall-clock time was resolved (it may fall in a DST gap or fold).
    pub anchor_resolution: Resolution,
    /// What happened.
    pub outcome: Outcome,
}

/// Where an occurrence ended up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// Placed at its anchor.
    AtAnchor {
        /// The session.
        slot: Interval,
    },
    /// Placed elsewhere within tolerance, because the anchor could not stand.
    Moved {
        /// The session.
        slot: Interval,
        /// Minutes from the anchor's start to the slot's start (negative: earlier).
        shift_minutes: i64,
        /// Why the anchor could not stand.
        anchor_reasons: Vec<PlacementFailure>,
    },
    /// Not placed.
    Unplaced {
        /// Why the anchor could not stand, then why nothing nearby could.
        reasons: Vec<PlacementFailure>,
    },
}

impl Occurrence {
    /// The placed session, if any.
    pub fn slot(&self) -> Option<Interval> {
        match &self.outcome {
            Outcome::AtAnchor { slot } | Outcome::Moved { slot, .. } => Some(*slot),
            Outcome::Unplaced { .. } => None,
        }
    }

    /// Minutes the occurrence moved from its anchor (0 at the anchor, `None` when unplaced).
    pub fn shift_minutes(&self) -> Option<i64> {
        match &self.outcome {
            Outcome::AtAnchor { .. } => Some(0),
            Outcome::Moved { shift_minutes, .. } => Some(*shift_minutes),
            Outcome::Unplaced { .. } => None,
        }
    }
}

impl SeriesPlan {
    /// The placed sessions, in series order.
    pub fn placed(&self) -> impl Iterator<Item = Interval> + '_ {
        self.occurrences.iter().filter_map(Occurrence::slot)
    }

    /// Whether every occurrence was placed.
    pub fn is_complete(&self) -> bool {
        self.occurrences.iter().all(|o| o.slot().is_some())
    }
}

/// Places the series the query's request describes; see the module docs.
pub fn place_series(query: &SlotQuery<'_>) -> SeriesPlan {
    query.prepare().place_series(query.provider)
}

impl PreparedRequest<'_> {
    /// Places the series for `provider`; see [`place_series`].
    pub fn place_series(&self, provider: &ProviderSchedule) -> SeriesPlan {
        let frames = self.frames();
        let mut ledger = match horizon(frames) {
            Some(span) => self.ledger_for(provider, &span),
            None => CapLedger::new(provider.caps(), provider.zone()),
        };
        let mut placed: Vec<(u32, Interval)> = Vec::with_capacity(frames.len());
        let occurrences = frames
            .iter()
            .map(|frame| {
                let outcome = self.place_one(provider, frame, &placed, &ledger);
                if let Outcome::AtAnchor { slot } | Outcome::Moved { slot, .. } = &outcome {
                    placed.push((frame.index, *slot));
                    ledger.record(slot);
                }
                Occurrence {
                    index: frame.index,
                    anchor_date: frame.anchor_date,
                    anchor: frame.anchor,
                    anchor_resolution: frame.resolution,
                    outcome,
                }
            })
            .collect();
        SeriesPlan { occurrences }
    }

    fn place_one(
        &self,
        provider: &ProviderSchedule,
        frame: &Frame,
        placed: &[(u32, Interval)],
        ledger: &CapLedger,
    ) -> Outcome {
        let mut reasons = frame.site_reasons.clone();
        reasons.extend(provider_reasons(provider, &frame.anchor, placed, ledger));
        if reasons.is_empty() {
            return Outcome::AtAnchor { slot: frame.anchor };
        }
        match self.nearest_free(provider, frame, placed, ledger) {
            Some(slot) => Outcome::Moved {
                slot,
                shift_minutes: (slot.start_seconds() - frame.anchor.start_seconds()) / 60,
                anchor_reasons: reasons,
            },
            None => {
                let (first_date, last_date) = frame
                    .search_dates
                    .unwrap_or((frame.anchor_date, frame.anchor_date));
                reasons.push(PlacementFailure::NoFreeSlotWithinTolerance {
                    first_date,
                    last_date,
                });
                Outcome::Unplaced { reasons }
            }
        }
    }

    /// The feasible grid slot nearest the frame's anchor within its tolerance window.
    fn nearest_free(
        &self,
        provider: &ProviderSchedule,
        frame: &Frame,
        placed: &[(u32, Interval)],
        ledger: &CapLedger,
    ) -> Option<Interval> {
        let search = frame.search?;
        let buffers = provider.busy().buffers();
        let placed_blocked = IntervalSet::from_intervals(
            placed
                .iter()
                .map(|(_, slot)| buffers.widen(slot))
                .filter(|widened| widened.overlaps(&search))
                .collect(),
        );
        let free = self.provider_free_in(provider, &search, &frame.site_allowed, &placed_blocked);
        let length = self.request.length();
        let blocked_starts = ledger.blocked_starts(&search, length.minutes());
        let anchor_day = frame.anchor_date.num_days_from_ce();
        let anchor_minute = i64::from(self.request.local_start_time().minute_of_day());
        let mut best: Option<(i64, i64)> = None;
        for_each_start(
            self.site.zone(),
            &free,
            length.seconds(),
            self.request.granularity().seconds(),
            &blocked_starts,
            |candidate| {
                let local = candidate.start + candidate.site_offset;
                let days_moved = (local.div_euclid(SECONDS_PER_DAY)
                    + i64::from(UNIX_EPOCH_DAY_FROM_CE)
                    - i64::from(anchor_day))
                .abs();
                let minutes_moved = (local.rem_euclid(SECONDS_PER_DAY) / 60 - anchor_minute).abs();
                let key = (days_moved * 1_440 + minutes_moved, candidate.start);
                if best.is_none_or(|b| key < b) {
                    best = Some(key);
                }
            },
        );
        best.and_then(|(_, start)| Interval::from_seconds(start, start + length.seconds()))
    }
}

/// The span every frame's anchor and search window fall in.
fn horizon(frames: &[Frame]) -> Option<Interval> {
    let starts = frames.iter().flat_map(|f| {
        [Some(f.anchor), f.search]
            .into_iter()
            .flatten()
            .map(|span| (span.start_seconds(), span.end_seconds()))
    });
    let (start, end) = starts.fold((i64::MAX, i64::MIN), |(lo, hi), (s, e)| {
        (lo.min(s), hi.max(e))
    });
    Interval::from_seconds(start, end)
}

/// Why `anchor` cannot stand for reasons owed to the provider: time off, outside hours, a
/// session or earlier occurrence in the way, a cap.
pub(crate) fn provider_reasons(
    provider: &ProviderSchedule,
    anchor: &Interval,
    placed: &[(u32, Interval)],
    ledger: &CapLedger,
) -> Vec<PlacementFailure> {
    let mut reasons = Vec::new();
    let availability = provider.availability();
    if let Some(off) = availability.time_off_overlapping(anchor) {
        reasons.push(PlacementFailure::ProviderTimeOff {
            label: off.label().map(str::to_owned),
        });
    }
    if !availability.working_hours(anchor).contains(anchor) {
        let zone = provider.zone();
        let local_start = zone.local(anchor.start());
        reasons.push(PlacementFailure::OutsideProviderHours {
            provider_local_start: local_start,
            hours: availability.hours_on(local_start.date()).to_vec(),
        });
    }
    for session in provider.busy().conflicts(anchor) {
        reasons.push(PlacementFailure::ConflictWithSession {
            id: session.id().to_owned(),
            session: session.interval(),
        });
    }
    let buffers = provider.busy().buffers();
    for (index, slot) in placed {
        if buffers.widen(slot).overlaps(anchor) {
            reasons.push(PlacementFailure::ConflictWithOccurrence {
                index: *index,
                slot: *slot,
            });
        }
    }
    match ledger.check(anchor) {
        Ok(()) => {}
        Err(CapBreach::Day { date, booked, max }) => {
            reasons.push(PlacementFailure::DailyCapReached { date, booked, max });
        }
        Err(CapBreach::Week {
            week_start,
            booked_minutes,
            max_minutes,
        }) => reasons.push(PlacementFailure::WeeklyCapReached {
            week_start,
            booked_minutes,
            max_minutes,
        }),
    }
    reasons
}
