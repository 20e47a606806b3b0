//! Saturating date and instant arithmetic shared by the engine, so that no computation on a
//! date near the ends of chrono's range can panic.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};

/// Seconds in a day of 24 hours (UTC arithmetic; local days may be 23 or 25 hours long).
pub(crate) const SECONDS_PER_DAY: i64 = 86_400;

/// `date` moved by `days` (negative moves back), saturating at chrono's limits.
pub(crate) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let magnitude = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// The Monday that starts the (ISO) week containing `date`.
pub(crate) fn week_start(date: NaiveDate) -> NaiveDate {
    add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

/// The instant `seconds` after the Unix epoch, saturating at chrono's limits.
pub(crate) fn instant(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or(if seconds >= 0 {
        DateTime::<Utc>::MAX_UTC
    } else {
        DateTime::<Utc>::MIN_UTC
    })
}

/// Whether `date` falls on Saturday or Sunday.
pub(crate) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The `n`-th (1-based) `weekday` of `year`-`month`, if the month has one.
pub(crate) fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// The last `weekday` of `year`-`month`.
pub(crate) fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    nth_weekday(year, month, weekday, 5).or_else(|| nth_weekday(year, month, weekday, 4))
}

/// The month `months` after `year`-`month` (1-based month), as (year, month).
pub(crate) fn add_months(year: i32, month: u32, months: u32) -> (i32, u32) {
    let zero_based = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(months);
    let new_year = i32::try_from(zero_based.div_euclid(12)).unwrap_or(i32::MAX);
    // rem_euclid(12) is in 0..12, so the cast cannot truncate.
    let new_month = zero_based.rem_euclid(12) as u32 + 1;
    (new_year, new_month)
}
