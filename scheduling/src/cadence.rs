//! How often a series repeats, and the anchor dates that follow from its first date.
//!
//! Weekly and biweekly series keep the weekday. Monthly and quarterly series keep the weekday
//! *of the month*: a first date on the 2nd Tuesday gives the 2nd Tuesday of every month (or every
//! third month); a first date in the last seven days of a month that is the 5th such weekday
//! gives the *last* such weekday of each month (not every month has a 5th Tuesday). A 4th
//! weekday stays the 4th.

use crate::calendar::{add_days, add_months, last_weekday, nth_weekday};
use crate::error::InputError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How often the sessions of a series repeat.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Cadence {
    /// A single session.
    #[default]
    Once,
    /// Every 7 days.
    Weekly,
    /// Every 14 days.
    Biweekly,
    /// The same weekday of every month (e.g. 2nd Tuesday).
    Monthly,
    /// The same weekday of the month every three months.
    Quarterly,
}

impl Cadence {
    /// Parses `once`, `weekly`, `biweekly`, `monthly` or `quarterly`.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "once" => Ok(Cadence::Once),
            "weekly" => Ok(Cadence::Weekly),
            "biweekly" | "fortnightly" => Ok(Cadence::Biweekly),
            "monthly" => Ok(Cadence::Monthly),
            "quarterly" => Ok(Cadence::Quarterly),
            _ => Err(InputError::UnknownCadence(text.to_owned())),
        }
    }

    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Cadence::Once => "once",
            Cadence::Weekly => "weekly",
            Cadence::Biweekly => "biweekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
        }
    }

    /// The anchor dates of `count` occurrences starting on `first` (site-local dates).
    pub fn anchor_dates(self, first: NaiveDate, count: u32) -> Vec<NaiveDate> {
        let step_days = |days: i64| {
            (0..i64::from(count))
                .map(|k| add_days(first, k * days))
                .collect()
        };
        match self {
            Cadence::Once => vec![first],
            Cadence::Weekly => step_days(7),
            Cadence::Biweekly => step_days(14),
            Cadence::Monthly => same_weekday_of_month(first, count, 1),
            Cadence::Quarterly => same_weekday_of_month(first, count, 3),
        }
    }
}

/// `count` dates, `months_apart` months apart, on the weekday-of-month of `first`.
fn same_weekday_of_month(first: NaiveDate, count: u32, months_apart: u32) -> Vec<NaiveDate> {
    let weekday = first.weekday();
    let ordinal = (first.day0() / 7 + 1) as u8;
    (0..count)
        .filter_map(|k| {
            let (year, month) = add_months(first.year(), first.month(), k * months_apart);
            if ordinal >= 5 {
                last_weekday(year, month, weekday)
            } else {
                nth_weekday(year, month, weekday, ordinal)
            }
        })
        .collect()
}

impl TryFrom<String> for Cadence {
    type Error = InputError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Cadence::parse(&text)
    }
}

impl From<Cadence> for &'static str {
    fn from(cadence: Cadence) -> Self {
        cadence.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn monthly_keeps_the_weekday_of_the_month() {
        // 2025-01-14 is the 2nd Tuesday of January.
        let dates = Cadence::Monthly.anchor_dates(date("2025-01-14"), 4);
        let expected: Vec<_> = ["2025-01-14", "2025-02-11", "2025-03-11", "2025-04-08"]
            .iter()
            .map(|d| date(d))
            .collect();
        assert_eq!(dates, expected);
    }

    #[test]
    fn fifth_weekday_becomes_last_weekday() {
        // 2025-01-29 is the 5th Wednesday; February 2025 has only four.
        let dates = Cadence::Monthly.anchor_dates(date("2025-01-29"), 3);
        let expected: Vec<_> = ["2025-01-29", "2025-02-26", "2025-03-26"]
            .iter()
            .map(|d| date(d))
            .collect();
        assert_eq!(dates, expected);
    }

    #[test]
    fn quarterly_and_biweekly() {
        let quarterly = Cadence::Quarterly.anchor_dates(date("2025-01-06"), 3);
        assert_eq!(
            quarterly,
            vec![date("2025-01-06"), date("2025-04-07"), date("2025-07-07")]
        );
        let biweekly = Cadence::Biweekly.anchor_dates(date("2025-03-04"), 3);
        assert_eq!(
            biweekly,
            vec![date("2025-03-04"), date("2025-03-18"), date("2025-04-01")]
        );
        assert!(Cadence::parse("daily").is_err_and(|e| e.to_string().contains("daily")));
    }
}
