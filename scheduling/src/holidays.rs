//! US federal holidays (5 U.S.C. 6103), computed by rule for any year, with the date on which
//! each is observed: a holiday falling on a Saturday is observed on the Friday before, one
//! falling on a Sunday on the Monday after. New Year's Day on a Saturday is therefore observed on
//! 31 December of the previous year (as for 2028, observed on 2027-12-31).
//!
//! Martin Luther King Jr.'s birthday is included from 1986 and Juneteenth from 2021, the years
//! they were first observed; earlier history (before the Monday-holiday rules of 1971) is not
//! modelled.

use crate::calendar::{add_days, last_weekday, nth_weekday};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// One of the eleven US federal holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FederalHoliday {
    /// 1 January.
    NewYearsDay,
    /// Third Monday in January.
    MartinLutherKingJrDay,
    /// Third Monday in February ("Presidents Day").
    WashingtonsBirthday,
    /// Last Monday in May.
    MemorialDay,
    /// 19 June.
    Juneteenth,
    /// 4 July.
    IndependenceDay,
    /// First Monday in September.
    LaborDay,
    /// Second Monday in October.
    ColumbusDay,
    /// 11 November.
    VeteransDay,
    /// Fourth Thursday in November.
    ThanksgivingDay,
    /// 25 December.
    ChristmasDay,
}

/// A federal holiday in one year: the date it falls on and the date it is observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HolidayDate {
    /// Which holiday.
    pub holiday: FederalHoliday,
    /// The date the holiday falls on.
    pub date: NaiveDate,
    /// The date federal offices close for it (differs from `date` on weekends).
    pub observed: NaiveDate,
}

impl FederalHoliday {
    /// All eleven, in calendar order.
    pub const ALL: [FederalHoliday; 11] = [
        FederalHoliday::NewYearsDay,
        FederalHoliday::MartinLutherKingJrDay,
        FederalHoliday::WashingtonsBirthday,
        FederalHoliday::MemorialDay,
        FederalHoliday::Juneteenth,
        FederalHoliday::IndependenceDay,
        FederalHoliday::LaborDay,
        FederalHoliday::ColumbusDay,
        FederalHoliday::VeteransDay,
        FederalHoliday::ThanksgivingDay,
        FederalHoliday::ChristmasDay,
    ];

    /// The name OPM uses.
    pub fn name(self) -> &'static str {
        match self {
            FederalHoliday::NewYearsDay => "New Year's Day",
            FederalHoliday::MartinLutherKingJrDay => "Birthday of Martin Luther King, Jr.",
            FederalHoliday::WashingtonsBirthday => "Washington's Birthday",
            FederalHoliday::MemorialDay => "Memorial Day",
            FederalHoliday::Juneteenth => "Juneteenth National Independence Day",
            FederalHoliday::IndependenceDay => "Independence Day",
            FederalHoliday::LaborDay => "Labor Day",
            FederalHoliday::ColumbusDay => "Columbus Day",
            FederalHoliday::VeteransDay => "Veterans Day",
            FederalHoliday::ThanksgivingDay => "Thanksgiving Day",
            FederalHoliday::ChristmasDay => "Christmas Day",
        }
    }

    /// The date the holiday falls on in `year`, if it was a federal holiday that year.
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
        match self {
            FederalHoliday::NewYearsDay => fixed(1, 1),
            FederalHoliday::MartinLutherKingJrDay if year >= 1986 => {
                nth_weekday(year, 1, Weekday::Mon, 3)
            }
            FederalHoliday::MartinLutherKingJrDay => None,
            FederalHoliday::WashingtonsBirthday => nth_weekday(year, 2, Weekday::Mon, 3),
            FederalHoliday::MemorialDay => last_weekday(year, 5, Weekday::Mon),
            FederalHoliday::Juneteenth if year >= 2021 => fixed(6, 19),
            FederalHoliday::Juneteenth => None,
            FederalHoliday::IndependenceDay => fixed(7, 4),
            FederalHoliday::LaborDay => nth_weekday(year, 9, Weekday::Mon, 1),
            FederalHoliday::ColumbusDay => nth_weekday(year, 10, Weekday::Mon, 2),
            FederalHoliday::VeteransDay => fixed(11, 11),
            FederalHoliday::ThanksgivingDay => nth_weekday(year, 11, Weekday::Thu, 4),
            FederalHoliday::ChristmasDay => fixed(12, 25),
        }
    }
}

/// The date a holiday falling on `date` is observed.
pub fn observed_date(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => add_days(date, -1),
        Weekday::Sun => add_days(date, 1),
        _ => date,
    }
}

/// The federal holidays whose (actual) date is in `year`, in calendar order. The observed date
/// of New Year's Day may fall in the previous year.
pub fn federal_holidays(year: i32) -> Vec<HolidayDate> {
    FederalHoliday::ALL
        .iter()
        .filter_map(|&holiday| {
            holiday.date_in(year).map(|date| HolidayDate {
                holiday,
                date,
                observed: observed_date(date),
            })
        })
        .collect()
}
