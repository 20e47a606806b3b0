//! Federal holidays for 2024-2030 against OPM's published tables (opm.gov, "Federal Holidays"),
//! written out by hand: the date each holiday is *observed* by federal offices.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use chrono::NaiveDate;
use common::*;
use scheduling::{BlackoutCalendar, FederalHoliday, federal_holidays};

/// (holiday year, [observed dates in calendar order: New Year's, MLK, Washington's Birthday,
/// Memorial, Juneteenth, Independence, Labor, Columbus, Veterans, Thanksgiving, Christmas]).
const OPM: [(i32, [&str; 11]); 7] = [
    (
        2024,
        [
            "2024-01-01",
            "2024-01-15",
            "2024-02-19",
            "2024-05-27",
            "2024-06-19",
            "2024-07-04",
            "2024-09-02",
            "2024-10-14",
            "2024-11-11",
            "2024-11-28",
            "2024-12-25",
        ],
    ),
    (
        2025,
        [
            "2025-01-01",
            "2025-01-20",
            "2025-02-17",
            "2025-05-26",
            "2025-06-19",
            "2025-07-04",
            "2025-09-01",
            "2025-10-13",
            "2025-11-11",
            "2025-11-27",
            "2025-12-25",
        ],
    ),
    (
        2026,
        [
            "2026-01-01",
            "2026-01-19",
            "2026-02-16",
            "2026-05-25",
            "2026-06-19",
            "2026-07-03", // July 4 is a Saturday
            "2026-09-07",
            "2026-10-12",
            "2026-11-11",
            "2026-11-26",
            "2026-12-25",
        ],
    ),
    (
        2027,
        [
            "2027-01-01",
            "2027-01-18",
            "2027-02-15",
            "2027-05-31",
            "2027-06-18", // June 19 is a Saturday
            "2027-07-05", // July 4 is a Sunday
            "2027-09-06",
            "2027-10-11",
            "2027-11-11",
            "2027-11-25",
            "2027-12-24", // December 25 is a Saturday
        ],
    ),
    (
        2028,
        [
            "2027-12-31", // January 1, 2028 is a Saturday: observed the Friday before
            "2028-01-17",
            "2028-02-21",
            "2028-05-29",
            "2028-06-19",
            "2028-07-04",
            "2028-09-04",
            "2028-10-09",
            "2028-11-10", // November 11 is a Saturday
            "2028-11-23",
            "2028-12-25",
        ],
    ),
    (
        2029,
        [
            "2029-01-01",
            "2029-01-15",
            "2029-02-19",
            "2029-05-28",
            "2029-06-19",
            "2029-07-04",
            "2029-09-03",
            "2029-10-08",
            "2029-11-12", // November 11 is a Sunday
            "2029-11-22",
            "2029-12-25",
        ],
    ),
    (
        2030,
        [
            "2030-01-01",
            "2030-01-21",
            "2030-02-18",
            "2030-05-27",
            "2030-06-19",
            "2030-07-04",
            "2030-09-02",
            "2030-10-14",
            "2030-11-11",
            "2030-11-28",
            "2030-12-25",
        ],
    ),
];

#[test]
fn observed_dates_match_opm_2024_to_2030() {
    for (year, expected) in OPM {
        let computed: Vec<NaiveDate> = federal_holidays(year).iter().map(|h| h.observed).collect();
        let expected: Vec<NaiveDate> = expected.iter().map(|d| date(d)).collect();
        assert_eq!(computed, expected, "observed federal holidays for {year}");
    }
}

#[test]
fn holidays_come_in_calendar_order_with_opm_names() {
    let names: Vec<&str> = federal_holidays(2027)
        .iter()
        .map(|h| h.holiday.name())
        .collect();
    assert_eq!(names.len(), 11);
    assert_eq!(names[1], "Birthday of Martin Luther King, Jr.");
    assert_eq!(names[4], "Juneteenth National Independence Day");
    assert_eq!(FederalHoliday::ALL.len(), 11);
}

#[test]
fn juneteenth_and_mlk_start_in_their_first_years() {
    assert!(FederalHoliday::Juneteenth.date_in(2020).is_none());
    assert!(FederalHoliday::Juneteenth.date_in(2021).is_some());
    assert!(
        FederalHoliday::MartinLutherKingJrDay
            .date_in(1985)
            .is_none()
    );
}

#[test]
fn blackout_calendar_names_both_the_day_and_the_observed_day() {
    let calendar = BlackoutCalendar::default();
    let around = calendar.between(date("2027-12-23"), date("2028-01-03"));
    let listed: Vec<(String, &str)> = around
        .iter()
        .map(|b| (b.date.to_string(), b.name.as_str()))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("2027-12-24".to_owned(), "Christmas Day (observed)"),
            ("2027-12-25".to_owned(), "Christmas Day"),
            ("2027-12-31".to_owned(), "New Year's Day (observed)"),
            ("2028-01-01".to_owned(), "New Year's Day"),
        ]
    );
    let without = BlackoutCalendar::new(false, vec![]);
    assert!(
        without
            .between(date("2027-12-23"), date("2028-01-03"))
            .is_empty()
    );
}
