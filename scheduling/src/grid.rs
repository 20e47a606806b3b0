//! Candidate start times: the instants inside free time whose *site* wall-clock reading is a
//! multiple of the granularity (10:00, 10:15, ... in the site's zone, whatever its UTC offset,
//! including 30- and 45-minute offsets). Free time is split into runs of constant site offset, so
//! a DST change inside a free stretch keeps the grid on the wall clock; within a run the grid is
//! plain arithmetic, never a per-minute walk.

use crate::calendar::SECONDS_PER_DAY;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::zone::Zone;

/// A grid start: its instant, the free stretch it lies in, and the site's UTC offset then.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GridStart {
    pub(crate) start: i64,
    pub(crate) stretch: Interval,
    pub(crate) site_offset: i64,
}

/// Calls `visit` for each grid start `t`, in increasing order, such that `[t, t + length)` lies
/// inside one stretch of `free` and `t` is not in `blocked_starts`.
pub(crate) fn for_each_start(
    zone: Zone,
    free: &IntervalSet,
    length: i64,
    step: i64,
    blocked_starts: &IntervalSet,
    mut visit: impl FnMut(GridStart),
) {
    let blocked = blocked_starts.intervals();
    let mut next_blocked = 0;
    for stretch in free.intervals() {
        let last_start = stretch.end_seconds() - length;
        if last_start < stretch.start_seconds() {
            continue;
        }
        offset_runs(
            zone,
            stretch.start_seconds(),
            last_start,
            &mut |from, to, offset| {
                let aligned_local = (from + offset).div_euclid(step) * step;
                let mut start = aligned_local - offset;
                if start < from {
                    start += step;
                }
                while start <= to {
                    while blocked
                        .get(next_blocked)
                        .is_some_and(|b| b.end_seconds() <= start)
                    {
                        next_blocked += 1;
                    }
                    let is_blocked = blocked
                        .get(next_blocked)
                        .is_some_and(|b| b.start_seconds() <= start);
                    if !is_blocked {
                        visit(GridStart {
                            start,
                            stretch: *stretch,
                            site_offset: offset,
                        });
                    }
                    start += step;
                }
            },
        );
    }
}

/// Splits the instants `from..=to` into runs of constant UTC offset in `zone`, calling
/// `visit(run_from, run_to, offset)` in order. Bisects only where the offset changes.
fn offset_runs(zone: Zone, from: i64, to: i64, visit: &mut impl FnMut(i64, i64, i64)) {
    let first = zone.offset_at(from);
    let last = zone.offset_at(to);
    if first == last && to - from <= 7 * SECONDS_PER_DAY {
        visit(from, to, first);
    } else if to - from <= 1 {
        visit(from, from, first);
        if to > from {
            visit(to, to, last);
        }
    } else {
        let middle = from + (to - from) / 2;
        offset_runs(zone, from, middle, visit);
        offset_runs(zone, middle + 1, to, visit);
    }
}
