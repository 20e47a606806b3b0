//! Dates on which no session may be held, read in the site's zone: US federal holidays (both the
//! date a holiday falls on and its observed weekday) and the site's own blackout dates.

use crate::calendar::{add_days, is_weekend};
use crate::holidays::federal_holidays;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A date on which no session may be held, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blackout {
    /// The site-local date.
    pub date: NaiveDate,
    /// Why ("Independence Day (observed)", "City budget hearings").
    pub name: String,
}

/// The blackout dates that apply to a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "BlackoutCalendarFields", into = "BlackoutCalendarFields")]
pub struct BlackoutCalendar {
    federal_holidays: bool,
    site_dates: Vec<Blackout>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlackoutCalendarFields {
    #[serde(default = "yes")]
    federal_holidays: bool,
    #[serde(default)]
    dates: Vec<Blackout>,
}

fn yes() -> bool {
    true
}

impl Default for BlackoutCalendar {
    fn default() -> Self {
        BlackoutCalendar::new(true, Vec::new())
    }
}

impl BlackoutCalendar {
    /// Federal holidays (when `federal_holidays`) plus `site_dates`.
    pub fn new(federal_holidays: bool, mut site_dates: Vec<Blackout>) -> Self {
        site_dates.sort();
        BlackoutCalendar {
            federal_holidays,
            site_dates,
        }
    }

    /// Whether federal holidays are blacked out.
    pub fn includes_federal_holidays(&self) -> bool {
        self.federal_holidays
    }

    /// The site's own dates.
    pub fn site_dates(&self) -> &[Blackout] {
        &self.site_dates
    }

    /// Every blackout on the dates `first..=last`, sorted by date (a date may appear twice
    /// when it has two reasons).
    pub fn between(&self, first: NaiveDate, last: NaiveDate) -> Vec<Blackout> {
        let mut found: Vec<Blackout> = self
            .site_dates
            .iter()
            .filter(|b| first <= b.date && b.date <= last)
            .cloned()
            .collect();
        if self.federal_holidays {
            // Observed dates may fall in the neighbouring year (New Year's Day on a Saturday).
            for year in first.year().saturating_sub(1)..=last.year().saturating_add(1) {
                for holiday in federal_holidays(year) {
                    let name = holiday.holiday.name();
                    if first <= holiday.date && holiday.date <= last {
                        found.push(Blackout {
                            date: holiday.date,
                            name: name.to_owned(),
                        });
                    }
                    if holiday.observed != holiday.date
                        && first <= holiday.observed
                        && holiday.observed <= last
                    {
                        found.push(Blackout {
                            date: holiday.observed,
                            name: format!("{name} (observed)"),
                        });
                    }
                }
            }
        }
        found.sort();
        found
    }

    /// The first blackout on `date`, if any.
    pub fn on(&self, date: NaiveDate) -> Option<Blackout> {
        self.between(date, date).into_iter().next()
    }
}

/// The blackouts of one calendar over a span of dates, looked up by binary search (built once
/// per question instead of recomputing holidays date by date).
#[derive(Debug, Clone)]
pub(crate) struct BlackoutIndex {
    first: NaiveDate,
    last: NaiveDate,
    blackouts: Vec<Blackout>,
    calendar: BlackoutCalendar,
}

impl BlackoutIndex {
    /// The blackouts of `calendar` on `first..=last`; dates outside are looked up directly.
    pub(crate) fn new(calendar: &BlackoutCalendar, first: NaiveDate, last: NaiveDate) -> Self {
        BlackoutIndex {
            first,
            last,
            blackouts: calendar.between(first, last),
            calendar: calendar.clone(),
        }
    }

    /// The first blackout on `date`, if any.
    pub(crate) fn on(&self, date: NaiveDate) -> Option<Blackout> {
        if date < self.first || date > self.last {
            return self.calendar.on(date);
        }
        let index = self.blackouts.partition_point(|b| b.date < date);
        self.blackouts
            .get(index)
            .filter(|b| b.date == date)
            .cloned()
    }

    /// Blackouts on `first..=last`.
    pub(crate) fn between(&self, first: NaiveDate, last: NaiveDate) -> Vec<Blackout> {
        if first < self.first || last > self.last {
            return self.calendar.between(first, last);
        }
        let from = self.blackouts.partition_point(|b| b.date < first);
        self.blackouts[from..]
            .iter()
            .take_while(|b| b.date <= last)
            .cloned()
            .collect()
    }

    /// Whether `date` is a business day: Monday to Friday and not blacked out.
    pub(crate) fn is_business_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && self.on(date).is_none()
    }

    /// The date `count` business days before (negative) or after (positive) `date`.
    pub(crate) fn business_days_from(&self, date: NaiveDate, count: i32) -> NaiveDate {
        let step = if count < 0 { -1 } else { 1 };
        let mut remaining = count.unsigned_abs();
        let mut current = date;
        // Bounded: any 2,000 days hold far more business days than a tolerance may ask for.
        let mut steps = 0;
        while remaining > 0 && steps < 2_000 {
            current = add_days(current, step);
            if self.is_business_day(current) {
                remaining -= 1;
            }
            steps += 1;
        }
        current
    }
}

impl From<BlackoutCalendarFields> for BlackoutCalendar {
    fn from(fields: BlackoutCalendarFields) -> Self {
        BlackoutCalendar::new(fields.federal_holidays, fields.dates)
    }
}

impl From<BlackoutCalendar> for BlackoutCalendarFields {
    fn from(calendar: BlackoutCalendar) -> Self {
        BlackoutCalendarFields {
            federal_holidays: calendar.federal_holidays,
            dates: calendar.site_dates,
        }
    }
}
