//! Weekly wall-clock hours in a zone, and the overlap of a provider's working hours with a site's
//! preferred hours.
//!
//! The overlap is measured on real instants: both sides are placed on the calendar of two
//! *reference weeks*, the weeks beginning Monday 2025-01-13 (northern winter) and Monday
//! 2025-07-14 (northern summer), converted to UTC with each side's own zone, intersected, and the
//! two weeks averaged. Two weeks, because daylight saving time changes the overlap between, say,
//! America/Phoenix and America/Chicago by an hour in summer; neither week contains a US or EU DST
//! change. The provider's hours are laid out over the weeks before and after as well, so hours
//! that cross a week boundary in UTC still meet. A wall-clock time that does not exist (inside a
//! spring-forward gap) is taken one hour later; one that exists twice takes the earlier instant.

use std::fmt;

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Mondays starting the reference weeks (see the module docs).
pub const REFERENCE_MONDAYS: [(i32, u32, u32); 2] = [(2025, 1, 13), (2025, 7, 14)];

/// Minutes in a day.
const DAY_MINUTES: u16 = 24 * 60;

/// One weekly window of wall-clock time, e.g. Tuesdays 09:00–17:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyWindow {
    weekday: Weekday,
    start_minute: u16,
    end_minute: u16,
}

/// Why a window or a set of hours is invalid.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HoursError {
    /// The window is empty or runs past midnight.
    #[error("a window must start before it ends, within one day (00:00–24:00); got {0}")]
    BadWindow(String),
    /// A time is not `HH:MM`.
    #[error("'{0}' is not a time of day as HH:MM")]
    BadTime(String),
    /// A weekday is not recognised.
    #[error("'{0}' is not a weekday (mon, tue, … sun)")]
    BadWeekday(String),
    /// The zone is not an IANA time zone name.
    #[error("'{0}' is not an IANA time zone name such as America/Chicago")]
    BadZone(String),
}

impl WeeklyWindow {
    /// `start_minute..end_minute` after local midnight on `weekday`; `end_minute` may be 1440.
    pub fn new(weekday: Weekday, start_minute: u16, end_minute: u16) -> Result<Self, HoursError> {
        if start_minute < end_minute && end_minute <= DAY_MINUTES {
            Ok(Self {
                weekday,
                start_minute,
                end_minute,
            })
        } else {
            Err(HoursError::BadWindow(format!(
                "{weekday} {start_minute}–{end_minute} min"
            )))
        }
    }

    /// The weekday.
    pub fn weekday(&self) -> Weekday {
        self.weekday
    }

    /// Minutes after midnight at which the window opens.
    pub fn start_minute(&self) -> u16 {
        self.start_minute
    }

    /// Minutes after midnight at which the window closes (1440 = midnight at the end of the day).
    pub fn end_minute(&self) -> u16 {
        self.end_minute
    }

    /// Length in minutes.
    pub fn minutes(&self) -> u32 {
        u32::from(self.end_minute - self.start_minute)
    }
}

impl fmt::Display for WeeklyWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}–{}",
            self.weekday,
            hhmm(self.start_minute),
            hhmm(self.end_minute)
        )
    }
}

fn hhmm(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Weekly hours as wall-clock windows in one IANA zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawHours", into = "RawHours")]
pub struct WorkingHours {
    zone: Tz,
    windows: Vec<WeeklyWindow>,
}

impl WorkingHours {
    /// Hours in `zone` made of `windows`.
    pub fn new(zone: Tz, windows: Vec<WeeklyWindow>) -> Self {
        Self { zone, windows }
    }

    /// The zone.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// The windows.
    pub fn windows(&self) -> &[WeeklyWindow] {
        &self.windows
    }

    /// UTC minute intervals (since the Unix epoch) of these hours in the week starting `monday`.
    fn utc_intervals(&self, monday: NaiveDate, out: &mut Vec<(i64, i64)>) {
        for w in &self.windows {
            let date = monday + Duration::days(i64::from(w.weekday.num_days_from_monday()));
            let start = utc_minute(self.zone, date, w.start_minute);
            let end = utc_minute(self.zone, date, w.end_minute);
            if start < end {
                out.push((start, end));
            }
        }
    }
}

/// The overlap of a provider's working hours with a site's preferred hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overlap {
    /// Minutes per week in both (average of the reference weeks).
    pub shared_minutes: u32,
    /// Minutes per week of the site's preferred hours (average of the reference weeks).
    pub site_minutes: u32,
}

impl Overlap {
    /// Share of the site's preferred hours the provider works, in `[0, 1]` (1 when the site
    /// states no preferred hours).
    pub fn fraction(&self) -> f64 {
        if self.site_minutes == 0 {
            1.0
        } else {
            (f64::from(self.shared_minutes) / f64::from(self.site_minutes)).min(1.0)
        }
    }
}

/// Measures the weekly overlap of `provider` with `site` (see the module docs).
pub fn overlap(provider: &WorkingHours, site: &WorkingHours) -> Overlap {
    let mut shared = 0i64;
    let mut site_total = 0i64;
    let mut weeks = 0i64;
    for (y, m, d) in REFERENCE_MONDAYS {
        let Some(monday) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        let mut site_iv = Vec::new();
        site.utc_intervals(monday, &mut site_iv);
        let mut prov_iv = Vec::new();
        for offset in [-7, 0, 7] {
            provider.utc_intervals(monday + Duration::days(offset), &mut prov_iv);
        }
        let site_iv = union(site_iv);
        let prov_iv = union(prov_iv);
        site_total += site_iv.iter().map(|(a, b)| b - a).sum::<i64>();
        shared += intersection_length(&site_iv, &prov_iv);
        weeks += 1;
    }
    let weeks = weeks.max(1);
    Overlap {
        shared_minutes: u32::try_from(shared / weeks).unwrap_or(u32::MAX),
        site_minutes: u32::try_from(site_total / weeks).unwrap_or(u32::MAX),
    }
}

/// UTC minute of `minute` after local midnight of `date` in `zone` (gap: one hour later;
/// ambiguous: the earlier instant).
fn utc_minute(zone: Tz, date: NaiveDate, minute: u16) -> i64 {
    let local = NaiveDateTime::from(date) + Duration::minutes(i64::from(minute));
    let resolved = zone.from_local_datetime(&local).earliest().or_else(|| {
        zone.from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
    });
    match resolved {
        Some(t) => t.timestamp().div_euclid(60),
        // No zone has a gap longer than an hour at a whole hour; fall back to reading as UTC.
        None => local.and_utc().timestamp().div_euclid(60),
    }
}

/// Sorted, merged copy of `intervals`.
fn union(mut intervals: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    intervals.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(intervals.len());
    for (a, b) in intervals {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Total length of the intersection of two sorted, merged interval lists.
fn intersection_length(a: &[(i64, i64)], b: &[(i64, i64)]) -> i64 {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        total += (hi - lo).max(0);
        if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
    }
    total
}

/// The JSON form: `{"zone": "America/Chicago", "windows": [{"day": "tue", "start": "09:00",
/// "end": "17:00"}]}`; `"24:00"` is accepted as an end.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHours {
    zone: String,
    windows: Vec<RawWindow>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    day: String,
    start: String,
    end: String,
}

impl TryFrom<RawHours> for WorkingHours {
    type Error = HoursError;
    fn try_from(raw: RawHours) -> Result<Self, Self::Error> {
        let zone: Tz = raw
            .zone
            .parse()
            .map_err(|_| HoursError::BadZone(raw.zone.clone()))?;
        let windows = raw
            .windows
            .iter()
            .map(|w| {
                let day: Weekday = w
                    .day
                    .parse()
                    .map_err(|_| HoursError::BadWeekday(w.day.clone()))?;
                WeeklyWindow::new(day, parse_minute(&w.start)?, parse_minute(&w.end)?)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { zone, windows })
    }
}

impl From<WorkingHours> for RawHours {
    fn from(hours: WorkingHours) -> Self {
        Self {
            zone: hours.zone.name().to_owned(),
            windows: hours
                .windows
                .iter()
                .map(|w| RawWindow {
                    day: w.weekday.to_string().to_lowercase(),
                    start: hhmm(w.start_minute),
                    end: hhmm(w.end_minute),
                })
                .collect(),
        }
    }
}

/// Parses `HH:MM` (00:00–24:00) into minutes after midnight.
fn parse_minute(text: &str) -> Result<u16, HoursError> {
    let bad = || HoursError::BadTime(text.to_owned());
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn hours(zone: Tz, start: u16, end: u16) -> WorkingHours {
        let windows = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|d| WeeklyWindow::new(d, start * 60, end * 60).unwrap())
        .collect();
        WorkingHours::new(zone, windows)
    }

    #[test]
    fn same_zone_same_hours_overlap_fully() {
        let o = overlap(
            &hours(Tz::America__Chicago, 9, 17),
            &hours(Tz::America__Chicago, 9, 17),
        );
        assert_eq!(o.shared_minutes, 5 * 8 * 60);
        assert_eq!(o.fraction(), 1.0);
    }

    #[test]
    fn phoenix_shifts_with_the_season() {
        // Site 09:00–17:00 Chicago; provider 09:00–17:00 Phoenix.
        // Winter: Phoenix is 1 h behind Chicago → 7 h shared; summer: 2 h behind → 6 h.
        let o = overlap(
            &hours(Tz::America__Phoenix, 9, 17),
            &hours(Tz::America__Chicago, 9, 17),
        );
        assert_eq!(o.shared_minutes, 5 * 390);
        assert_eq!(o.site_minutes, 5 * 480);
    }

    #[test]
    fn honolulu_morning_misses_new_york_morning() {
        // Honolulu 08–12 is 18–22 UTC; New York 09–12 is 14–17 UTC (winter), 13–16 UTC (summer).
        let o = overlap(
            &hours(Tz::Pacific__Honolulu, 8, 12),
            &hours(Tz::America__New_York, 9, 12),
        );
        assert_eq!(o.shared_minutes, 0);
        assert_eq!(o.fraction(), 0.0);
    }

    #[test]
    fn json_round_trip_and_errors() {
        let json =
            r#"{"zone":"America/Denver","windows":[{"day":"tue","start":"09:30","end":"24:00"}]}"#;
        let h: WorkingHours = serde_json::from_str(json).unwrap();
        assert_eq!(h.windows()[0].minutes(), 14 * 60 + 30);
        assert_eq!(serde_json::to_string(&h).unwrap(), json);
        let bad = r#"{"zone":"Mars/Base","windows":[]}"#;
        assert!(serde_json::from_str::<WorkingHours>(bad).is_err());
        let bad = r#"{"zone":"UTC","windows":[{"day":"tue","start":"10:00","end":"09:00"}]}"#;
        assert!(serde_json::from_str::<WorkingHours>(bad).is_err());
    }
}
