//! A provider's time off: whole provider-local dates, or an exact span of UTC time.
//!
//! JSON: `{"first_date": "2025-07-01", "last_date": "2025-07-04", "label": "leave"}` or
//! `{"start": "2025-07-01T15:00:00Z", "end": "2025-07-01T18:00:00Z"}`.

use crate::calendar::add_days;
use crate::error::InputError;
use crate::interval::Interval;
use crate::zone::Zone;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A stretch during which the provider is away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TimeOffFields", into = "TimeOffFields")]
pub struct TimeOff {
    span: TimeOffSpan,
    label: Option<String>,
}

/// The two ways to give time off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOffSpan {
    /// Whole dates, inclusive, in the provider's zone.
    Dates {
        /// The first day off.
        first: NaiveDate,
        /// The last day off.
        last: NaiveDate,
    },
    /// An exact span of time.
    Instants(Interval),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeOffFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    first_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

impl TimeOff {
    /// Whole provider-local dates `first..=last`.
    pub fn dates(
        first: NaiveDate,
        last: NaiveDate,
        label: Option<String>,
    ) -> Result<Self, InputError> {
        if last < first {
            return Err(InputError::InvertedDates {
                what: "time off",
                first,
                last,
            });
        }
        Ok(TimeOff {
            span: TimeOffSpan::Dates { first, last },
            label,
        })
    }

    /// An exact span of UTC time.
    pub fn instants(interval: Interval, label: Option<String>) -> Self {
        TimeOff {
            span: TimeOffSpan::Instants(interval),
            label,
        }
    }

    /// What the time off covers.
    pub fn span(&self) -> TimeOffSpan {
        self.span
    }

    /// The provider's note, if any ("annual leave").
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The UTC span covered, with dates read in `zone`.
    pub(crate) fn interval_in(&self, zone: Zone) -> Option<Interval> {
        match self.span {
            TimeOffSpan::Dates { first, last } => Interval::from_seconds(
                zone.start_of_day(first),
                zone.start_of_day(add_days(last, 1)),
            ),
            TimeOffSpan::Instants(interval) => Some(interval),
        }
    }
}

impl TryFrom<TimeOffFields> for TimeOff {
    type Error = InputError;
    fn try_from(fields: TimeOffFields) -> Result<Self, Self::Error> {
        let label = fields.label;
        match (
            fields.first_date,
            fields.last_date,
            fields.start,
            fields.end,
        ) {
            (Some(first), Some(last), None, None) => TimeOff::dates(first, last, label),
            (None, None, Some(start), Some(end)) => Interval::new(start, end)
                .map(|interval| TimeOff::instants(interval, label))
                .map_err(|_| InputError::InvertedInstants {
                    what: "time off".to_owned(),
                    start: start.to_rfc3339(),
                    end: end.to_rfc3339(),
                }),
            _ => Err(InputError::AmbiguousTimeOff(
                label.unwrap_or_else(|| "(unlabelled)".to_owned()),
            )),
        }
    }
}

impl From<TimeOff> for TimeOffFields {
    fn from(time_off: TimeOff) -> Self {
        let mut fields = TimeOffFields {
            first_date: None,
            last_date: None,
            start: None,
            end: None,
            label: time_off.label,
        };
        match time_off.span {
            TimeOffSpan::Dates { first, last } => {
                fields.first_date = Some(first);
                fields.last_date = Some(last);
            }
            TimeOffSpan::Instants(interval) => {
                fields.start = Some(interval.start());
                fields.end = Some(interval.end());
            }
        }
        fields
    }
}
