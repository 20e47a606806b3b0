//! What a site asks for: how long, how many, how often, between which dates, at what local time,
//! with how much notice, on what grid, and how far one occurrence may move.
//!
//! JSON (see the crate README for the full query format):
//! `{"length_minutes": 90, "count": 12, "cadence": "biweekly", "earliest_date": "2025-03-01",
//! "latest_date": "2025-09-30", "local_start_time": "10:00", "minimum_notice_hours": 72,
//! "granularity_minutes": 15, "tolerance_business_days": 3}`.

use crate::cadence::Cadence;
use crate::error::InputError;
use crate::local_time::{LocalTime, MINUTES_PER_DAY};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Length of one session, 5 minutes to 12 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct SessionLength(u32);

/// Step between candidate start times on the site's wall clock; divides a day evenly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Granularity(u32);

/// How many business days (site-local Monday to Friday, not blacked out) an occurrence may move
/// either side of its anchor date. Zero still allows another time on the anchor date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Tolerance(u32);

/// A site's request for one session or a series of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SessionRequestFields", into = "SessionRequestFields")]
pub struct SessionRequest {
    length: SessionLength,
    count: u32,
    cadence: Cadence,
    earliest_date: NaiveDate,
    latest_date: NaiveDate,
    first_date: NaiveDate,
    local_start_time: LocalTime,
    minimum_notice_minutes: u32,
    granularity: Granularity,
    tolerance: Tolerance,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionRequestFields {
    length_minutes: SessionLength,
    #[serde(default = "one")]
    count: u32,
    #[serde(default)]
    cadence: Cadence,
    earliest_date: NaiveDate,
    latest_date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    first_date: Option<NaiveDate>,
    local_start_time: LocalTime,
    #[serde(default)]
    minimum_notice_hours: u32,
    #[serde(default)]
    granularity_minutes: Granularity,
    #[serde(default)]
    tolerance_business_days: Tolerance,
}

fn one() -> u32 {
    1
}

/// Most sessions one request may ask for (ten years of weekly sessions).
pub const MAX_SESSIONS: u32 = 520;
/// Longest date window of one request, in days (about ten years).
pub const MAX_WINDOW_DAYS: i64 = 3_700;
/// Longest minimum notice, in hours (a year).
const MAX_NOTICE_HOURS: u32 = 8_760;
/// Widest tolerance, in business days.
const MAX_TOLERANCE_DAYS: u32 = 60;

fn out_of_range(what: &'static str, value: impl ToString, min: i64, max: i64) -> InputError {
    InputError::OutOfRange {
        what,
        value: value.to_string(),
        min,
        max,
    }
}

impl SessionLength {
    /// A session of `minutes` minutes (5 to 720).
    pub fn from_minutes(minutes: u32) -> Result<Self, InputError> {
        if (5..=720).contains(&minutes) {
            Ok(SessionLength(minutes))
        } else {
            Err(out_of_range("session length in minutes", minutes, 5, 720))
        }
    }

    /// The length in minutes.
    pub fn minutes(&self) -> u32 {
        self.0
    }

    pub(crate) fn seconds(&self) -> i64 {
        i64::from(self.0) * 60
    }
}

impl Granularity {
    /// A grid of `minutes` (1 to 1440, dividing 1440).
    pub fn from_minutes(minutes: u32) -> Result<Self, InputError> {
        if minutes == 0 || minutes > MINUTES_PER_DAY {
            Err(out_of_range("granularity in minutes", minutes, 1, 1440))
        } else if !MINUTES_PER_DAY.is_multiple_of(minutes) {
            Err(InputError::GranularityNotDivisor(minutes))
        } else {
            Ok(Granularity(minutes))
        }
    }

    /// The step in minutes.
    pub fn minutes(&self) -> u32 {
        self.0
    }

    pub(crate) fn seconds(&self) -> i64 {
        i64::from(self.0) * 60
    }
}

impl Default for Granularity {
    /// A quarter of an hour.
    fn default() -> Self {
        Granularity(15)
    }
}

impl Tolerance {
    /// Up to `business_days` business days either side (at most 60).
    pub fn business_days(business_days: u32) -> Result<Self, InputError> {
        if business_days <= MAX_TOLERANCE_DAYS {
            Ok(Tolerance(business_days))
        } else {
            Err(out_of_range(
                "tolerance in business days",
                business_days,
                0,
                i64::from(MAX_TOLERANCE_DAYS),
            ))
        }
    }

    /// The number of business days.
    pub fn days(&self) -> u32 {
        self.0
    }
}

/// The parts of a [`SessionRequest`], to be checked by [`SessionRequest::new`].
#[derive(Debug, Clone)]
pub struct SessionRequestParts {
    /// Length of each session.
    pub length: SessionLength,
    /// Number of sessions (1 for `Cadence::Once`).
    pub count: u32,
    /// How often.
    pub cadence: Cadence,
    /// First site-local date any session may be on.
    pub earliest_date: NaiveDate,
    /// Last site-local date any session may be on.
    pub latest_date: NaiveDate,
    /// Anchor date of the first occurrence (defaults to `earliest_date`).
    pub first_date: Option<NaiveDate>,
    /// Site wall-clock time every occurrence is anchored to.
    pub local_start_time: LocalTime,
    /// Sessions start no sooner than this many minutes after "now".
    pub minimum_notice_minutes: u32,
    /// Grid of candidate start times.
    pub granularity: Granularity,
    /// How far one occurrence may move.
    pub tolerance: Tolerance,
}

impl SessionRequest {
    /// Checks and builds a request.
    pub fn new(parts: SessionRequestParts) -> Result<Self, InputError> {
        let SessionRequestParts {
            length,
            count,
            cadence,
            earliest_date,
            latest_date,
            first_date,
            local_start_time,
            minimum_notice_minutes,
            granularity,
            tolerance,
        } = parts;
        if count == 0 || count > MAX_SESSIONS {
            return Err(out_of_range(
                "count of sessions",
                count,
                1,
                i64::from(MAX_SESSIONS),
            ));
        }
        if cadence == Cadence::Once && count != 1 {
            return Err(InputError::OnceWithCount(count));
        }
        if latest_date < earliest_date {
            return Err(InputError::InvertedDates {
                what: "the request's date window",
                first: earliest_date,
                last: latest_date,
            });
        }
        let window_days = (latest_date - earliest_date).num_days();
        if window_days > MAX_WINDOW_DAYS {
            return Err(out_of_range(
                "days between earliest and latest date",
                window_days,
                0,
                MAX_WINDOW_DAYS,
            ));
        }
        if minimum_notice_minutes > MAX_NOTICE_HOURS * 60 {
            return Err(out_of_range(
                "minimum notice in minutes",
                minimum_notice_minutes,
                0,
                i64::from(MAX_NOTICE_HOURS) * 60,
            ));
        }
        if !local_start_time
            .minute_of_day()
            .is_multiple_of(granularity.minutes())
        {
            return Err(InputError::StartTimeOffGrid {
                time: local_start_time.to_string(),
                granularity: granularity.minutes(),
            });
        }
        let first_date = first_date.unwrap_or(earliest_date);
        if first_date < earliest_date || first_date > latest_date {
            return Err(InputError::FirstDateOutsideWindow {
                first: first_date,
                earliest: earliest_date,
                latest: latest_date,
            });
        }
        Ok(SessionRequest {
            length,
            count,
            cadence,
            earliest_date,
            latest_date,
            first_date,
            local_start_time,
            minimum_notice_minutes,
            granularity,
            tolerance,
        })
    }

    /// Length of each session.
    pub fn length(&self) -> SessionLength {
        self.length
    }
    /// Number of sessions.
    pub fn count(&self) -> u32 {
        self.count
    }
    /// How often.
    pub fn cadence(&self) -> Cadence {
        self.cadence
    }
    /// First site-local date any session may be on.
    pub fn earliest_date(&self) -> NaiveDate {
        self.earliest_date
    }
    /// Last site-local date any session may be on.
    pub fn latest_date(&self) -> NaiveDate {
        self.latest_date
    }
    /// Anchor date of the first occurrence.
    pub fn first_date(&self) -> NaiveDate {
        self.first_date
    }
    /// Site wall-clock start time of every occurrence.
    pub fn local_start_time(&self) -> LocalTime {
        self.local_start_time
    }
    /// Minimum notice in minutes.
    pub fn minimum_notice_minutes(&self) -> u32 {
        self.minimum_notice_minutes
    }
    /// Grid of candidate start times.
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }
    /// How far one occurrence may move.
    pub fn tolerance(&self) -> Tolerance {
        self.tolerance
    }
}

impl TryFrom<u32> for SessionLength {
    type Error = InputError;
    fn try_from(minutes: u32) -> Result<Self, Self::Error> {
        SessionLength::from_minutes(minutes)
    }
}

impl From<SessionLength> for u32 {
    fn from(length: SessionLength) -> Self {
        length.0
    }
}

impl TryFrom<u32> for Granularity {
    type Error = InputError;
    fn try_from(minutes: u32) -> Result<Self, Self::Error> {
        Granularity::from_minutes(minutes)
    }
}

impl From<Granularity> for u32 {
    fn from(granularity: Granularity) -> Self {
        granularity.0
    }
}

impl TryFrom<u32> for Tolerance {
    type Error = InputError;
    fn try_from(days: u32) -> Result<Self, Self::Error> {
        Tolerance::business_days(days)
    }
}

impl From<Tolerance> for u32 {
    fn from(tolerance: Tolerance) -> Self {
        tolerance.0
    }
}

impl TryFrom<SessionRequestFields> for SessionRequest {
    type Error = InputError;
    fn try_from(fields: SessionRequestFields) -> Result<Self, Self::Error> {
        let notice_minutes = fields.minimum_notice_hours.checked_mul(60).ok_or_else(|| {
            out_of_range(
                "minimum notice in hours",
                fields.minimum_notice_hours,
                0,
                i64::from(MAX_NOTICE_HOURS),
            )
        })?;
        SessionRequest::new(SessionRequestParts {
            length: fields.length_minutes,
            count: fields.count,
            cadence: fields.cadence,
            earliest_date: fields.earliest_date,
            latest_date: fields.latest_date,
            first_date: fields.first_date,
            local_start_time: fields.local_start_time,
            minimum_notice_minutes: notice_minutes,
            granularity: fields.granularity_minutes,
            tolerance: fields.tolerance_business_days,
        })
    }
}

impl From<SessionRequest> for SessionRequestFields {
    fn from(request: SessionRequest) -> Self {
        SessionRequestFields {
            length_minutes: request.length,
            count: request.count,
            cadence: request.cadence,
            earliest_date: request.earliest_date,
            latest_date: request.latest_date,
            first_date: Some(request.first_date),
            local_start_time: request.local_start_time,
            minimum_notice_hours: request.minimum_notice_minutes / 60,
            granularity_minutes: request.granularity,
            tolerance_business_days: request.tolerance,
        }
    }
}
