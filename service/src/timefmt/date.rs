//! One day (`Tue 9 Mar 2027`) and one moment (`Tue 9 Mar 2027, 10:00 CST`).

use chrono::{DateTime, NaiveDate, Utc};

use crate::zone::TimeZone;

/// How every date is written: `Tue 9 Mar 2027`.
pub(super) const DATE: &str = "%a %-d %b %Y";

/// `Tue 9 Mar 2027`.
pub fn date(day: NaiveDate) -> String {
    day.format(DATE).to_string()
}

/// `Tue 12 Jan 2027, 08:00 MST`: `at` on `zone`'s wall clock.
pub fn instant(at: DateTime<Utc>, zone: impl Into<TimeZone>) -> String {
    let zone = zone.into();
    format!(
        "{}, {} {}",
        zone.local(at).format(DATE),
        zone.local(at).format("%H:%M"),
        zone.abbreviation(at)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn a_date_names_its_weekday() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 9).unwrap();
        assert_eq!(date(day), "Tue 9 Mar 2027");
    }

    #[test]
    fn an_instant_carries_the_abbreviation_in_force_then() {
        let late = Utc.with_ymd_and_hms(2027, 1, 12, 5, 30, 0).unwrap();
        assert_eq!(
            instant(late, chrono_tz::Pacific::Honolulu),
            "Mon 11 Jan 2027, 19:30 HST"
        );
        let ny = TimeZone::parse("America/New_York").unwrap();
        // 2027-03-14: New York springs forward at 02:00 EST to 03:00 EDT.
        let before = Utc.with_ymd_and_hms(2027, 3, 14, 6, 59, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2027, 3, 14, 7, 0, 0).unwrap();
        assert_eq!(instant(before, ny), "Sun 14 Mar 2027, 01:59 EST");
        assert_eq!(instant(after, ny), "Sun 14 Mar 2027, 03:00 EDT");
        let phoenix = TimeZone::parse("America/Phoenix").unwrap();
        assert_eq!(instant(after, phoenix), "Sun 14 Mar 2027, 00:00 MST");
    }
}
