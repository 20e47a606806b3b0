//! A provider's free time, day by day on the provider's own wall clock: what a coordinator's
//! ranking can still book, shown to the provider as a calendar.
//!
//! Free time on a provider-local date = the hours that apply to it (its override, else the weekly
//! hours valid on it) − time off − existing tentative and confirmed sessions widened by their
//! buffers − US federal holidays (read in the provider's zone) − everything before `now`. It is
//! the provider's share of [`crate::PreparedRequest::provider_free_in`]; the site's preferred
//! hours and blackout dates are a request's business and are not applied here.
//!
//! Days are cut at the provider's local midnights, so a 23- or 25-hour day (a DST change in the
//! provider's zone) holds exactly its own instants.

use crate::blackout::BlackoutCalendar;
use crate::calendar::add_days;
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

/// Free time of `provider` on each provider-local date `first..=last`, as of `now`.
///
/// `holidays` is read on the provider's wall clock (pass `BlackoutCalendar::default()` for the
/// US federal holidays alone). Returns one [`FreeDay`] per date, in order; an empty list when
/// `last < first`.
pub fn free_days(
    provider: &ProviderSchedule,
    holidays: &BlackoutCalendar,
    first: NaiveDate,
    last: NaiveDate,
    now: DateTime<Utc>,
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
    if let Some(past) = Interval::from_seconds(window.start_seconds(), now.timestamp()) {
        taken = taken.union(&IntervalSet::single(past));
    }
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
