//! A length of time in words: `1 day`, `90 minutes`, `2 hours 30 minutes`.

use chrono::TimeDelta;

/// `length` in whole days, hours and minutes, in words, each unit named once and in the
/// singular for one: `1 day`, `3 hours`, `2 hours 30 minutes`, `1 day 1 hour`. Under two hours
/// a length that is not a whole hour is said in minutes, the way sessions are (`90 minutes`,
/// `45 minutes`). The sign is ignored (callers say `earlier` or `later`); seconds are dropped.
pub fn duration(length: TimeDelta) -> String {
    let minutes = length.num_minutes().unsigned_abs();
    if minutes < 120 && !minutes.is_multiple_of(60) {
        return count(minutes, "minute");
    }
    let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let parts: Vec<String> = [(days, "day"), (hours, "hour"), (rest, "minute")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| count(n, unit))
        .collect();
    if parts.is_empty() {
        return count(0, "minute");
    }
    parts.join(" ")
}

/// An age counted in whole days: `less than a day`, `1 day`, `12 days`.
pub fn whole_days(days: i64) -> String {
    match days {
        ..=0 => "less than a day".to_owned(),
        days => count(days.unsigned_abs(), "day"),
    }
}

/// `1 hour`, `2 hours`, `0 minutes`.
fn count(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_days_say_one_day_and_less_than_a_day() {
        assert_eq!(whole_days(0), "less than a day");
        assert_eq!(whole_days(1), "1 day");
        assert_eq!(whole_days(12), "12 days");
    }

    fn minutes(n: i64) -> String {
        duration(TimeDelta::minutes(n))
    }

    #[test]
    fn lengths_read_as_people_say_them() {
        assert_eq!(minutes(1440), "1 day");
        assert_eq!(minutes(90), "90 minutes");
        assert_eq!(minutes(150), "2 hours 30 minutes");
        assert_eq!(minutes(60), "1 hour");
        assert_eq!(minutes(1), "1 minute");
        assert_eq!(minutes(45), "45 minutes");
        assert_eq!(minutes(0), "0 minutes");
        assert_eq!(minutes(2 * 1440 + 60), "2 days 1 hour");
        assert_eq!(minutes(1440 + 90), "1 day 1 hour 30 minutes");
        assert_eq!(duration(TimeDelta::hours(2160)), "90 days");
    }

    #[test]
    fn the_sign_and_seconds_are_dropped() {
        assert_eq!(minutes(-150), "2 hours 30 minutes");
        assert_eq!(duration(TimeDelta::seconds(5459)), "90 minutes");
    }
}
