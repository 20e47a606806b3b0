//! The period of a semiannual TTA report: calendar days on each site's own clock, from the first
//! to the last day inclusive. Without dates it is the current half year (1 January – 30 June or
//! 1 July – 31 December) on the reader's clock; any other span up to ten years may be asked for.

use chrono::{Datelike, NaiveDate};
use contract::FieldErrors;

use crate::ServiceError;

/// The longest period a report covers, in days (ten years).
const LONGEST_DAYS: i64 = 3660;

/// First and last calendar day of a report, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportPeriod {
    first: NaiveDate,
    last: NaiveDate,
}

impl ReportPeriod {
    /// The half year holding `today`: January–June or July–December.
    pub fn half_year_of(today: NaiveDate) -> Self {
        let year = today.year();
        let (first, last) = if today.month() <= 6 {
            ((year, 1, 1), (year, 6, 30))
        } else {
            ((year, 7, 1), (year, 12, 31))
        };
        let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(today);
        Self {
            first: day(first),
            last: day(last),
        }
    }

    /// The period the reader typed (`YYYY-MM-DD` each; both empty: the half year holding
    /// `today`). Every mistake is named beside its field (`from`, `to`).
    pub fn parse(from: &str, to: &str, today: NaiveDate) -> Result<Self, ServiceError> {
        let (from, to) = (from.trim(), to.trim());
        if from.is_empty() && to.is_empty() {
            return Ok(Self::half_year_of(today));
        }
        let mut errors = FieldErrors::new();
        let mut day = |field: &str, text: &str, what: &str| -> Option<NaiveDate> {
            if text.is_empty() {
                errors.add(
                    field,
                    format!("Enter the {what} day of the period, for example 2027-01-01."),
                );
                return None;
            }
            let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            if parsed.is_none() {
                errors.add(
                    field,
                    format!("Enter the {what} day as a date (YYYY-MM-DD), for example 2027-01-01."),
                );
            }
            parsed
        };
        let first = day("from", from, "first");
        let last = day("to", to, "last");
        if let (Some(first), Some(last)) = (first, last) {
            if last < first {
                errors.add(
                    "to",
                    "The last day is before the first day; choose a later last day.",
                );
            } else if (last - first).num_days() > LONGEST_DAYS {
                errors.add(
                    "to",
                    "A report covers at most ten years; choose an earlier last day.",
                );
            }
        }
        match (first, last) {
            (Some(first), Some(last)) if errors.is_empty() => Ok(Self { first, last }),
            _ => Err(ServiceError::InvalidFields(errors)),
        }
    }

    pub fn first(&self) -> NaiveDate {
        self.first
    }

    pub fn last(&self) -> NaiveDate {
        self.last
    }

    /// Whether `day` is in the period.
    pub fn holds(&self, day: NaiveDate) -> bool {
        day >= self.first && day <= self.last
    }

    /// `1 Jan 2027 – 30 Jun 2027`.
    pub fn label(&self) -> String {
        format!(
            "{} – {}",
            self.first.format("%-d %b %Y"),
            self.last.format("%-d %b %Y")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn empty_dates_mean_the_current_half_year() {
        let first = ReportPeriod::parse("", " ", day(2027, 3, 9)).unwrap();
        assert_eq!(
            (first.first(), first.last()),
            (day(2027, 1, 1), day(2027, 6, 30))
        );
        let second = ReportPeriod::parse("", "", day(2027, 7, 1)).unwrap();
        assert_eq!(
            (second.first(), second.last()),
            (day(2027, 7, 1), day(2027, 12, 31))
        );
        assert_eq!(second.label(), "1 Jul 2027 – 31 Dec 2027");
    }

    #[test]
    fn mistakes_are_named_beside_their_field() {
        let today = day(2027, 3, 9);
        let ServiceError::InvalidFields(errors) =
            ReportPeriod::parse("2027-13-01", "", today).unwrap_err()
        else {
            panic!("field errors expected");
        };
        assert!(errors.message_for("from").unwrap().contains("YYYY-MM-DD"));
        assert!(errors.message_for("to").unwrap().contains("last day"));
        let ServiceError::InvalidFields(errors) =
            ReportPeriod::parse("2027-06-30", "2027-01-01", today).unwrap_err()
        else {
            panic!("field errors expected");
        };
        assert!(
            errors
                .message_for("to")
                .unwrap()
                .contains("before the first day")
        );
        assert!(ReportPeriod::parse("2020-01-01", "2031-01-01", today).is_err());
        let any = ReportPeriod::parse("2027-02-03", "2027-02-03", today).unwrap();
        assert!(any.holds(day(2027, 2, 3)) && !any.holds(day(2027, 2, 4)));
    }
}
