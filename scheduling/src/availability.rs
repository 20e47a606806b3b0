//! A provider's availability: weekly hours in the provider's zone (each set valid over a span of
//! dates), date overrides and time off, and its expansion into UTC intervals.
//!
//! Expansion works date by date in the provider's zone: the hours that apply to a local date
//! (its override if it has one, else the weekly hours valid on it) are resolved to instants with
//! [`Zone::resolve`]'s gap/fold policy, merged, and time off is subtracted. The result is a
//! sorted, disjoint, non-adjacent [`IntervalSet`], correct on DST days: on a 23-hour day a range
//! spanning the gap is an hour shorter in real time, on a 25-hour day an hour longer.

use crate::calendar::add_days;
use crate::error::InputError;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::local_time::{LocalTimeRange, sorted_without_overlaps};
use crate::time_off::TimeOff;
use crate::weekly_hours::WeeklyHours;
use crate::zone::Zone;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// When a provider can work, in the provider's own zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AvailabilityFields", into = "AvailabilityFields")]
pub struct Availability {
    zone: Zone,
    schedules: Vec<WeeklySchedule>,
    overrides: Vec<DateOverride>,
    time_off: Vec<TimeOff>,
}

/// Weekly hours that apply from `valid_from` until `valid_until` (both inclusive; open when
/// absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WeeklyScheduleFields", into = "WeeklyScheduleFields")]
pub struct WeeklySchedule {
    hours: WeeklyHours,
    valid_from: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
}

/// Other hours (possibly none) for one provider-local date, replacing the weekly hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DateOverrideFields", into = "DateOverrideFields")]
pub struct DateOverride {
    date: NaiveDate,
    hours: Vec<LocalTimeRange>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AvailabilityFields {
    zone: Zone,
    #[serde(default)]
    weekly_hours: Vec<WeeklySchedule>,
    #[serde(default)]
    overrides: Vec<DateOverride>,
    #[serde(default)]
    time_off: Vec<TimeOff>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeeklyScheduleFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid_until: Option<NaiveDate>,
    hours: WeeklyHours,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateOverrideFields {
    date: NaiveDate,
    hours: Vec<LocalTimeRange>,
}

impl WeeklySchedule {
    /// `hours` valid on the dates `valid_from..=valid_until` (open-ended where `None`).
    pub fn new(
        hours: WeeklyHours,
        valid_from: Option<NaiveDate>,
        valid_until: Option<NaiveDate>,
    ) -> Result<Self, InputError> {
        if let (Some(first), Some(last)) = (valid_from, valid_until)
            && last < first
        {
            return Err(InputError::InvertedDates {
                what: "weekly hours validity",
                first,
                last,
            });
        }
        Ok(WeeklySchedule {
            hours,
            valid_from,
            valid_until,
        })
    }

    /// Weekly hours valid on every date.
    pub fn always(hours: WeeklyHours) -> Self {
        WeeklySchedule {
            hours,
            valid_from: None,
            valid_until: None,
        }
    }

    /// The hours.
    pub fn hours(&self) -> &WeeklyHours {
        &self.hours
    }

    fn first_date(&self) -> NaiveDate {
        self.valid_from.unwrap_or(NaiveDate::MIN)
    }

    fn last_date(&self) -> NaiveDate {
        self.valid_until.unwrap_or(NaiveDate::MAX)
    }

    fn applies_on(&self, date: NaiveDate) -> bool {
        self.first_date() <= date && date <= self.last_date()
    }

    fn validity(&self) -> String {
        let from = self
            .valid_from
            .map_or("always".to_owned(), |d| d.to_string());
        let until = self
            .valid_until
            .map_or("onward".to_owned(), |d| d.to_string());
        format!("from {from} until {until}")
    }
}

impl DateOverride {
    /// `hours` on `date` instead of the weekly hours; no hours means unavailable that day.
    pub fn new(date: NaiveDate, hours: Vec<LocalTimeRange>) -> Result<Self, InputError> {
        let hours = sorted_without_overlaps(hours, &date)?;
        Ok(DateOverride { date, hours })
    }

    /// The date overridden.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The hours on that date.
    pub fn hours(&self) -> &[LocalTimeRange] {
        &self.hours
    }
}

impl Availability {
    /// Availability in `zone`. Weekly schedules may not claim the same date twice, and a date
    /// may have only one override.
    pub fn new(
        zone: Zone,
        mut schedules: Vec<WeeklySchedule>,
        mut overrides: Vec<DateOverride>,
        time_off: Vec<TimeOff>,
    ) -> Result<Self, InputError> {
        schedules.sort_by_key(WeeklySchedule::first_date);
        for pair in schedules.windows(2) {
            if let [earlier, later] = pair
                && later.first_date() <= earlier.last_date()
            {
                return Err(InputError::OverlappingSchedules {
                    first: earlier.validity(),
                    second: later.validity(),
                });
            }
        }
        overrides.sort_by_key(DateOverride::date);
        for pair in overrides.windows(2) {
            if let [first, second] = pair
                && first.date == second.date
            {
                return Err(InputError::DuplicateOverride(first.date));
            }
        }
        Ok(Availability {
            zone,
            schedules,
            overrides,
            time_off,
        })
    }

    /// The provider's zone, in which all hours and dates are read.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The weekly schedules, weekly overrides and time off this availability was built from.
    pub fn into_parts(self) -> (Vec<WeeklySchedule>, Vec<DateOverride>, Vec<TimeOff>) {
        (self.schedules, self.overrides, self.time_off)
    }

    /// The provider's time off.
    pub fn time_off(&self) -> &[TimeOff] {
        &self.time_off
    }

    /// The override of the provider-local `date`, if it has one.
    pub fn override_on(&self, date: NaiveDate) -> Option<&DateOverride> {
        self.overrides
            .binary_search_by_key(&date, DateOverride::date)
            .ok()
            .and_then(|index| self.overrides.get(index))
    }

    /// The wall-clock hours on the provider-local `date`: its override if any, else the weekly
    /// hours valid on that date for its weekday, else none.
    pub fn hours_on(&self, date: NaiveDate) -> &[LocalTimeRange] {
        if let Some(found) = self.override_on(date) {
            return &found.hours;
        }
        self.schedules
            .iter()
            .find(|schedule| schedule.applies_on(date))
            .map_or(&[], |schedule| schedule.hours.on(date.weekday()))
    }

    /// Working hours (weekly hours and overrides, before time off) that fall in `window`.
    pub fn working_hours(&self, window: &Interval) -> IntervalSet {
        let first = self.zone.first_date_reaching(window.start_seconds());
        let last = self.zone.local_date_at(window.end_seconds() - 1);
        let mut spans = Vec::new();
        let mut date = first;
        while date <= last {
            for range in self.hours_on(date) {
                let start = self
                    .zone
                    .local_minute_to_seconds(date, range.start_minute());
                let end = self.zone.local_minute_to_seconds(date, range.end_minute());
                spans.extend(Interval::from_seconds(start, end));
            }
            date = add_days(date, 1);
        }
        IntervalSet::from_intervals(spans).clip(window)
    }

    /// Time off that falls in `window`.
    pub fn time_off_in(&self, window: &Interval) -> IntervalSet {
        let spans = self
            .time_off
            .iter()
            .filter_map(|off| off.interval_in(self.zone))
            .filter_map(|span| span.intersection(window))
            .collect();
        IntervalSet::from_intervals(spans)
    }

    /// The entry of time off that covers part of `span`, if any.
    pub fn time_off_overlapping(&self, span: &Interval) -> Option<&TimeOff> {
        self.time_off.iter().find(|off| {
            off.interval_in(self.zone)
                .is_some_and(|covered| covered.overlaps(span))
        })
    }

    /// Available time in `window`: working hours minus time off, sorted, disjoint and
    /// non-adjacent.
    pub fn expand(&self, window: &Interval) -> IntervalSet {
        let working = self.working_hours(window);
        if self.time_off.is_empty() {
            working
        } else {
            working.subtract(&self.time_off_in(window))
        }
    }
}

impl TryFrom<AvailabilityFields> for Availability {
    type Error = InputError;
    fn try_from(fields: AvailabilityFields) -> Result<Self, Self::Error> {
        Availability::new(
            fields.zone,
            fields.weekly_hours,
            fields.overrides,
            fields.time_off,
        )
    }
}

impl From<Availability> for AvailabilityFields {
    fn from(availability: Availability) -> Self {
        AvailabilityFields {
            zone: availability.zone,
            weekly_hours: availability.schedules,
            overrides: availability.overrides,
            time_off: availability.time_off,
        }
    }
}

impl TryFrom<WeeklyScheduleFields> for WeeklySchedule {
    type Error = InputError;
    fn try_from(fields: WeeklyScheduleFields) -> Result<Self, Self::Error> {
        WeeklySchedule::new(fields.hours, fields.valid_from, fields.valid_until)
    }
}

impl From<WeeklySchedule> for WeeklyScheduleFields {
    fn from(schedule: WeeklySchedule) -> Self {
        WeeklyScheduleFields {
            valid_from: schedule.valid_from,
            valid_until: schedule.valid_until,
            hours: schedule.hours,
        }
    }
}

impl TryFrom<DateOverrideFields> for DateOverride {
    type Error = InputError;
    fn try_from(fields: DateOverrideFields) -> Result<Self, Self::Error> {
        DateOverride::new(fields.date, fields.hours)
    }
}

impl From<DateOverride> for DateOverrideFields {
    fn from(date_override: DateOverride) -> Self {
        DateOverrideFields {
            date: date_override.date,
            hours: date_override.hours,
        }
    }
}
