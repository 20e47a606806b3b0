//! IANA time zones and the engine's one rule for turning a wall-clock time into an instant.
//!
//! # Wall-clock times that do not exist or exist twice
//!
//! Every conversion from a local date and time to UTC in this crate goes through
//! [`Zone::resolve`], which applies one policy (the same as RFC 5545 and `rrule`):
//!
//! * **Gap** (spring forward; e.g. 02:30 on 2025-03-09 in America/Chicago does not exist): the
//!   time is read with the UTC offset in force *before* the transition, which moves it forward by
//!   the length of the gap. 02:30 becomes 03:30 CDT (08:30 UTC). On Australia/Lord_Howe, whose
//!   clocks jump 30 minutes, 02:15 becomes 02:45.
//! * **Fold** (fall back; e.g. 01:30 on 2025-11-02 in America/Chicago happens twice): the
//!   *earlier* instant is taken, i.e. again the offset in force before the transition. 01:30
//!   becomes 01:30 CDT (06:30 UTC), not 01:30 CST (07:30 UTC).
//!
//! Ranges follow from this: weekly hours 01:00-04:00 on spring-forward day are two real hours
//! long, on fall-back day four real hours. A range lying wholly inside a gap (02:00-02:30 in
//! Chicago) becomes 03:00-03:30 CDT. Zones without DST (America/Phoenix, Pacific/Honolulu) never
//! meet either case.

use crate::calendar::{SECONDS_PER_DAY, instant};
use crate::error::InputError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An IANA time zone such as `America/Chicago`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zone(Tz);

/// How a wall-clock time was turned into an instant (see the module docs for the policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Resolution {
    /// The wall-clock time exists exactly once.
    Exact,
    /// The wall-clock time fell in a spring-forward gap and was moved forward by the gap.
    ShiftedForward {
        /// Length of the gap, in minutes.
        minutes: i64,
    },
    /// The wall-clock time happens twice (fall back); the earlier instant was taken.
    EarlierOfTwo,
}

/// An instant as a person in one zone reads it: local date and time, offset and abbreviation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalStamp {
    /// The wall-clock date and time.
    pub local: NaiveDateTime,
    /// Offset from UTC in seconds (east positive).
    pub offset_seconds: i32,
    /// The zone's abbreviation at that instant (`CST`, `CDT`, `MST`, or `+1030` where the
    /// database has no letters).
    pub abbreviation: String,
    /// The IANA name of the zone.
    pub zone: &'static str,
}

impl Zone {
    /// Parses an IANA zone name (case-sensitive, e.g. `Europe/London`).
    pub fn parse(name: &str) -> Result<Self, InputError> {
        name.trim()
            .parse::<Tz>()
            .map(Zone)
            .map_err(|_| InputError::UnknownZone(name.to_owned()))
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The underlying `chrono-tz` zone.
    pub fn tz(&self) -> Tz {
        self.0
    }

    /// Offset from UTC, in seconds, at the instant `utc_seconds` after the epoch.
    pub(crate) fn offset_at(&self, utc_seconds: i64) -> i64 {
        let naive = instant(utc_seconds).naive_utc();
        i64::from(
            self.0
                .offset_from_utc_datetime(&naive)
                .fix()
                .local_minus_utc(),
        )
    }

    /// The local date at the instant `utc_seconds` after the epoch.
    pub(crate) fn local_date_at(&self, utc_seconds: i64) -> NaiveDate {
        instant(utc_seconds + self.offset_at(utc_seconds)).date_naive()
    }

    /// The first local date whose wall-clock ranges can reach the instant `utc_seconds`: its
    /// own local date, or the day before when the offset changed during the last day (a range
    /// ending at 24:00 just before a gap at midnight is shifted forward past that midnight).
    pub(crate) fn first_date_reaching(&self, utc_seconds: i64) -> NaiveDate {
        let date = self.local_date_at(utc_seconds);
        if self.offset_at(utc_seconds) == self.offset_at(utc_seconds - SECONDS_PER_DAY) {
            date
        } else {
            crate::calendar::add_days(date, -1)
        }
    }

    /// The wall-clock date and time at `at`.
    pub fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.0).naive_local()
    }

    /// The instant at which the wall clock reads `local`, with the gap/fold policy applied.
    pub fn resolve(&self, local: NaiveDateTime) -> (DateTime<Utc>, Resolution) {
        let (seconds, resolution) = self.resolve_seconds(local);
        (instant(seconds), resolution)
    }

    /// [`Zone::resolve`] without the explanation.
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        self.resolve(local).0
    }

    /// Seconds since the epoch at which the wall clock reads `minute_of_day` minutes after the
    /// start of `date` (1440 means midnight at the end of the day).
    pub(crate) fn local_minute_to_seconds(&self, date: NaiveDate, minute_of_day: u32) -> i64 {
        let midnight = date.and_time(NaiveTime::MIN);
        let local = midnight + chrono::TimeDelta::minutes(i64::from(minute_of_day));
        self.resolve_seconds(local).0
    }

    /// The instant at which local `date` begins (its first existing moment).
    pub(crate) fn start_of_day(&self, date: NaiveDate) -> i64 {
        self.local_minute_to_seconds(date, 0)
    }

    fn resolve_seconds(&self, local: NaiveDateTime) -> (i64, Resolution) {
        use chrono::LocalResult;
        let wall = local.and_utc().timestamp();
        match self.0.offset_from_local_datetime(&local) {
            LocalResult::Single(offset) => (
                wall - i64::from(offset.fix().local_minus_utc()),
                Resolution::Exact,
            ),
            LocalResult::Ambiguous(first, second) => {
                let a = wall - i64::from(first.fix().local_minus_utc());
                let b = wall - i64::from(second.fix().local_minus_utc());
                (a.min(b), Resolution::EarlierOfTwo)
            }
            LocalResult::None => {
                // A day before, the offset in force before the transition still applies (no
                // zone changes its offset twice within a day).
                let offset_before = self.offset_at(wall - SECONDS_PER_DAY);
                let seconds = wall - offset_before;
                let offset_after = self.offset_at(seconds);
                let minutes = (offset_after - offset_before) / 60;
                (seconds, Resolution::ShiftedForward { minutes })
            }
        }
    }

    /// The zone's abbreviation at `at` (`CDT`; `+1030` where the database has none).
    pub fn abbreviation(&self, at: DateTime<Utc>) -> String {
        let offset = self.0.offset_from_utc_datetime(&at.naive_utc());
        match offset.abbreviation() {
            Some(letters) => letters.to_owned(),
            None => format_offset(i64::from(offset.fix().local_minus_utc())),
        }
    }

    /// `at` as read in this zone.
    pub fn stamp(&self, at: DateTime<Utc>) -> LocalStamp {
        let offset = self.0.offset_from_utc_datetime(&at.naive_utc());
        LocalStamp {
            local: at.with_timezone(&self.0).naive_local(),
            offset_seconds: offset.fix().local_minus_utc(),
            abbreviation: self.abbreviation(at),
            zone: self.name(),
        }
    }
}

/// `+1030`, `-0500`: an offset written the way tzdata writes numeric abbreviations.
fn format_offset(seconds: i64) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for LocalStamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            self.local.format("%a %Y-%m-%d %H:%M"),
            self.abbreviation
        )
    }
}

impl TryFrom<String> for Zone {
    type Error = InputError;
    fn try_from(name: String) -> Result<Self, Self::Error> {
        Zone::parse(&name)
    }
}

impl From<Tz> for Zone {
    /// Every `chrono-tz` zone is a known IANA zone.
    fn from(tz: Tz) -> Self {
        Zone(tz)
    }
}

impl From<Zone> for String {
    fn from(zone: Zone) -> Self {
        zone.name().to_owned()
    }
}

impl std::str::FromStr for Zone {
    type Err = InputError;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Zone::parse(name)
    }
}
