//! Wall-clock times of day and ranges of them, without a date or a zone: the building blocks of
//! weekly hours, date overrides and a site's preferred hours. Written as `HH:MM` and
//! `HH:MM-HH:MM`; `24:00` may end a range and means midnight at the end of the day.

use crate::error::InputError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Minutes in a day of 24 hours.
pub(crate) const MINUTES_PER_DAY: u32 = 1_440;

/// A wall-clock time of day, `00:00` to `23:59`, at minute precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LocalTime {
    minute_of_day: u32,
}

/// A wall-clock range `[start, end)` within one day, with `start < end <= 24:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LocalTimeRange {
    start: u32,
    end: u32,
}

impl LocalTime {
    /// Parses `HH:MM` (`9:05` is accepted too).
    pub fn parse(text: &str) -> Result<Self, InputError> {
        match parse_minutes(text.trim()) {
            Some(minute_of_day) if minute_of_day < MINUTES_PER_DAY => {
                Ok(LocalTime { minute_of_day })
            }
            _ => Err(InputError::InvalidLocalTime(text.to_owned())),
        }
    }

    /// The time `hours`:`minutes`, if it is a valid time of day.
    pub fn from_hm(hours: u32, minutes: u32) -> Result<Self, InputError> {
        Self::parse(&format!("{hours:02}:{minutes:02}"))
    }

    /// Minutes since local midnight.
    pub fn minute_of_day(&self) -> u32 {
        self.minute_of_day
    }
}

impl LocalTimeRange {
    /// Parses `HH:MM-HH:MM`, e.g. `09:00-17:00` or `20:00-24:00`.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        let invalid = || InputError::InvalidTimeRange(text.to_owned());
        let (start, end) = text.split_once('-').ok_or_else(invalid)?;
        let start = parse_minutes(start.trim()).ok_or_else(invalid)?;
        let end = parse_minutes(end.trim()).ok_or_else(invalid)?;
        if start < end && end <= MINUTES_PER_DAY {
            Ok(LocalTimeRange { start, end })
        } else {
            Err(invalid())
        }
    }

    /// The range from `start` to `end` minutes after local midnight.
    pub fn from_minutes(start: u32, end: u32) -> Result<Self, InputError> {
        if start < end && end <= MINUTES_PER_DAY {
            Ok(LocalTimeRange { start, end })
        } else {
            Err(InputError::InvalidTimeRange(format!(
                "{}-{}",
                format_minutes(start),
                format_minutes(end)
            )))
        }
    }

    /// Minutes after local midnight at which the range starts.
    pub fn start_minute(&self) -> u32 {
        self.start
    }

    /// Minutes after local midnight at which the range ends (at most 1440).
    pub fn end_minute(&self) -> u32 {
        self.end
    }

    /// Whether the wall-clock minute `minute_of_day` lies in `[start, end)`.
    pub fn contains_minute(&self, minute_of_day: u32) -> bool {
        self.start <= minute_of_day && minute_of_day < self.end
    }
}

/// Sorts `ranges` and rejects any two that overlap (touching ranges are allowed).
pub(crate) fn sorted_without_overlaps(
    mut ranges: Vec<LocalTimeRange>,
    day: &dyn fmt::Display,
) -> Result<Vec<LocalTimeRange>, InputError> {
    ranges.sort_unstable();
    for pair in ranges.windows(2) {
        if let [first, second] = pair
            && second.start < first.end
        {
            return Err(InputError::OverlappingRanges {
                day: day.to_string(),
                first: first.to_string(),
                second: second.to_string(),
            });
        }
    }
    Ok(ranges)
}

/// `HH:MM` → minutes since midnight; hours up to 24 (the caller bounds the result).
fn parse_minutes(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let hours: u32 = hours.parse().ok()?;
    let minutes: u32 = minutes.parse().ok()?;
    if hours > 24 || minutes > 59 || (hours == 24 && minutes > 0) {
        return None;
    }
    Some(hours * 60 + minutes)
}

pub(crate) fn format_minutes(minute_of_day: u32) -> String {
    format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_minutes(self.minute_of_day))
    }
}

impl fmt::Display for LocalTimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            format_minutes(self.start),
            format_minutes(self.end)
        )
    }
}

impl TryFrom<String> for LocalTime {
    type Error = InputError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        LocalTime::parse(&text)
    }
}

impl From<LocalTime> for String {
    fn from(time: LocalTime) -> Self {
        time.to_string()
    }
}

impl TryFrom<String> for LocalTimeRange {
    type Error = InputError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        LocalTimeRange::parse(&text)
    }
}

impl From<LocalTimeRange> for String {
    fn from(range: LocalTimeRange) -> Self {
        range.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges_and_names_the_bad_one() {
        let range = LocalTimeRange::parse("09:00-17:30");
        assert_eq!(
            range.map(|r| (r.start_minute(), r.end_minute())),
            Ok((540, 1050))
        );
        assert_eq!(
            LocalTimeRange::parse("20:00-24:00").map(|r| r.end_minute()),
            Ok(1440)
        );
        let error = LocalTimeRange::parse("17:00-09:00")
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|m| m.contains("17:00-09:00")));
        assert!(LocalTimeRange::parse("24:00-24:00").is_err());
        assert!(LocalTimeRange::parse("9-17").is_err());
        assert!(LocalTime::parse("24:00").is_err());
        assert!(LocalTime::parse("10:60").is_err());
    }

    #[test]
    fn rejects_overlapping_ranges_but_allows_touching_ones() {
        let parse = |t: &str| LocalTimeRange::parse(t);
        let touching: Result<Vec<_>, _> = vec![parse("12:00-13:00"), parse("09:00-12:00")]
            .into_iter()
            .collect();
        let touching = touching.map(|r| sorted_without_overlaps(r, &"mon"));
        assert!(matches!(touching, Ok(Ok(ref r)) if r.len() == 2));
        let overlapping: Result<Vec<_>, _> = vec![parse("09:00-12:00"), parse("11:00-13:00")]
            .into_iter()
            .collect();
        let error = overlapping.map(|r| sorted_without_overlaps(r, &"mon"));
        assert!(matches!(
            error,
            Ok(Err(InputError::OverlappingRanges { .. }))
        ));
    }
}
