//! A provider's free time, day by day on the provider's own wall clock: what a coordinator's
//! ranking can still book, shown to the provider as a calendar.
//!
//! Free time on a provider-local date = the hours that apply to it (its override, else the weekly
//! hours valid on it) − time off − existing tentative and confirmed sessions widened by their
//! buffers − US federal holidays (read in the provider's zone) − days and weeks whose caps are
//! full (sessions per day, minutes per week) − everything before the first bookable instant (now
//! plus the minimum notice, as the engine counts it: [`crate::PreparedRequest`]). It is the
//! provider's share of [`crate::PreparedRequest::provider_free_in`] and of the engine's cap
//! check; the site's preferred hours and blackout dates are a request's business and are not
//! applied here.
//!
//! Days are cut at the provider's local midnights, so a 23- or 25-hour day (a DST change in the
//! provider's zone) holds exactly its own instants.

use crate::blackout::BlackoutCalendar;
use crate::calendar::{SECONDS_PER_DAY, add_days};
use crate::caps::CapLedger;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::provider::ProviderSchedule;
use chrono::{DateTime, NaiveDate, Utc};

/// One provider-local date of a free-time calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeDay {
    /// The date on the provider's wall clock.
    pub date: NaiveDate,
    /// Free stretches that day, sorted, disjoint, within the day.
    pub free: Vec<Interval>,
    /// The day's working hours come from a date override (possibly "unavailable all day").
    pub overridden: bool,
    /// The day has working hours at all (weekly hours or override), before anything is taken off.
    pub has_hours: bool,
    /// Some of the day is time off.
    pub time_off: bool,
    /// The federal holiday on that date, if any (observed dates included).
    pub holiday: Option<String>,
    /// Sessions (tentative or confirmed) starting that day.
    pub sessions: usize,
}

/// Free time of `provider` on each provider-local date `first..=last` that a session may be
/// booked in: nothing before `bookable_from` (now plus the minimum notice) is free.
///
/// A day or week whose cap is already full has no free time: the engine would start no session
/// in it (a week with minutes left is shown free, for a session that fits them).
///
/// `holidays` is read on the provider's wall clock (pass `BlackoutCalendar::default()` for the
/// US federal holidays alone). Returns one [`FreeDay`] per date, in order; an empty list when
/// `last < first`.
pub fn free_days(
    provider: &ProviderSchedule,
    holidays: &BlackoutCalendar,
    first: NaiveDate,
    last: NaiveDate,
    bookable_from: DateTime<Utc>,
) -> Vec<FreeDay> {
    let zone = provider.zone();
    let Some(window) = Interval::from_seconds(
        zone.start_of_day(first),
        zone.start_of_day(add_days(last, 1)),
    ) else {
        return Vec::new();
    };
    let availability = provider.availability();
    let mut taken = provider.busy().blocked_in(&window);
    let holiday_list = holidays.between(first, last);
    let holiday_spans = holiday_list
        .iter()
        .filter_map(|b| {
            Interval::from_seconds(
                zone.start_of_day(b.date),
                zone.start_of_day(add_days(b.date, 1)),
            )
        })
        .collect();
    taken = taken.union(&IntervalSet::from_intervals(holiday_spans));
    if let Some(too_soon) =
        Interval::from_seconds(window.start_seconds(), bookable_from.timestamp())
    {
        taken = taken.union(&IntervalSet::single(too_soon));
    }
    taken = taken.union(&full_days_and_weeks(provider, &window));
    let free = availability.expand(&window).subtract(&taken);

    let mut days = Vec::new();
    let mut date = first;
    while date <= last {
        let next = add_days(date, 1);
        if let Some(day) = Interval::from_seconds(zone.start_of_day(date), zone.start_of_day(next))
        {
            days.push(FreeDay {
                date,
                free: free.clip(&day).intervals().to_vec(),
                overridden: availability.override_on(date).is_some(),
                has_hours: !availability.hours_on(date).is_empty(),
                time_off: !availability.time_off_in(&day).is_empty(),
                holiday: holiday_list
                    .iter()
                    .find(|b| b.date == date)
                    .map(|b| b.name.clone()),
                sessions: provider.busy().starting_in(&day).count(),
            });
        }
        if next == date {
            break;
        }
        date = next;
    }
    days
}

/// The days and weeks in `window` in which no session may start because the provider's caps are
/// full, counted as the engine counts them (every session starting within a week of `window`).
fn full_days_and_weeks(provider: &ProviderSchedule, window: &Interval) -> IntervalSet {
    let mut ledger = CapLedger::new(provider.caps(), provider.zone());
    let margin = 8 * SECONDS_PER_DAY;
    if let Some(counted) = Interval::from_seconds(
        window.start_seconds() - margin,
        window.end_seconds() + margin,
    ) {
        for session in provider.busy().starting_in(&counted) {
            for worked in session.worked() {
                ledger.record(worked);
            }
        }
    }
    // The shortest session: a week is full when not one more minute fits.
    ledger.blocked_starts(window, 1)
}
