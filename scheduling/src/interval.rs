//! A half-open span of UTC time `[start, end)` at one-second precision, the unit every
//! computation in the engine works in.

use crate::calendar::instant;
use crate::error::InputError;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A non-empty half-open span of UTC time `[start, end)`, at one-second precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "IntervalFields", into = "IntervalFields")]
pub struct Interval {
    start: i64,
    end: i64,
}

/// The JSON shape of an [`Interval`]: `{"start": "...Z", "end": "...Z"}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntervalFields {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Interval {
    /// The span from `start` to `end`; the end must be after the start. Sub-second parts are
    /// dropped.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, InputError> {
        Self::from_seconds(start.timestamp(), end.timestamp()).ok_or_else(|| {
            InputError::InvertedInstants {
                what: "interval".to_owned(),
                start: start.to_rfc3339(),
                end: end.to_rfc3339(),
            }
        })
    }

    /// The span `[start, end)` in seconds since the epoch, or `None` when it is empty.
    pub(crate) fn from_seconds(start: i64, end: i64) -> Option<Self> {
        (start < end).then_some(Interval { start, end })
    }

    /// The first instant in the span.
    pub fn start(&self) -> DateTime<Utc> {
        instant(self.start)
    }

    /// The first instant after the span.
    pub fn end(&self) -> DateTime<Utc> {
        instant(self.end)
    }

    /// Length of the span.
    pub fn duration(&self) -> TimeDelta {
        TimeDelta::seconds(self.end - self.start)
    }

    pub(crate) fn start_seconds(&self) -> i64 {
        self.start
    }

    pub(crate) fn end_seconds(&self) -> i64 {
        self.end
    }

    /// Whether the two spans share at least one instant.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The common part of the two spans, if any.
    pub fn intersection(&self, other: &Interval) -> Option<Interval> {
        Interval::from_seconds(self.start.max(other.start), self.end.min(other.end))
    }

    /// The span widened by `before` seconds at the start and `after` seconds at the end.
    pub(crate) fn widened(&self, before: i64, after: i64) -> Interval {
        Interval {
            start: self.start - before,
            end: self.end + after,
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}",
            self.start().format("%Y-%m-%dT%H:%MZ"),
            self.end().format("%Y-%m-%dT%H:%MZ")
        )
    }
}

impl TryFrom<IntervalFields> for Interval {
    type Error = InputError;
    fn try_from(fields: IntervalFields) -> Result<Self, Self::Error> {
        Interval::new(fields.start, fields.end)
    }
}

impl From<Interval> for IntervalFields {
    fn from(interval: Interval) -> Self {
        IntervalFields {
            start: interval.start(),
            end: interval.end(),
        }
    }
}
