//! A provider's existing sessions and the buffers kept around them.
//!
//! A session `[start, end)` blocks `[start - before, end + after)`: a new session may not
//! overlap that widened span. The same rule applies to occurrences a series has already placed.

use crate::error::InputError;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A session the provider already holds (tentative or confirmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BusySessionFields", into = "BusySessionFields")]
pub struct BusySession {
    id: String,
    interval: Interval,
    /// The hours worked within `interval` when they are not all of it: each day of a multi-day
    /// on-site visit (empty: the whole interval is worked). Counted against the caps day by
    /// day; not part of the serialized form (an engine input written as JSON keeps the span).
    days: Vec<Interval>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BusySessionFields {
    id: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// Minutes kept free before and after every session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BuffersFields", into = "BuffersFields")]
pub struct Buffers {
    before_minutes: u32,
    after_minutes: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuffersFields {
    #[serde(default)]
    before_minutes: u32,
    #[serde(default)]
    after_minutes: u32,
}

/// Longest buffer accepted, in minutes (one day).
const MAX_BUFFER_MINUTES: u32 = 1_440;

impl BusySession {
    /// A session named `id` (shown in conflict explanations) over `interval`.
    pub fn new(id: impl Into<String>, interval: Interval) -> Self {
        BusySession {
            id: id.into(),
            interval,
            days: Vec::new(),
        }
    }

    /// A multi-day session (an on-site visit) over `interval` whose worked hours are `days`
    /// (e.g. 08:30–17:00 on each of two days): it blocks the whole interval, and the caps count
    /// each day on its own date with its own hours. Days outside `interval` are dropped.
    pub fn with_days(id: impl Into<String>, interval: Interval, days: Vec<Interval>) -> Self {
        let days = days
            .into_iter()
            .filter(|day| interval.contains(day))
            .collect();
        BusySession {
            id: id.into(),
            interval,
            days,
        }
    }

    /// The session's identifier.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// When the session runs.
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// The hours the session is worked, as the caps count them: each day of a multi-day visit,
    /// else the whole session.
    pub fn worked(&self) -> &[Interval] {
        if self.days.is_empty() {
            std::slice::from_ref(&self.interval)
        } else {
            &self.days
        }
    }
}

impl Buffers {
    /// Buffers of `before_minutes` and `after_minutes` (each at most a day).
    pub fn new(before_minutes: u32, after_minutes: u32) -> Result<Self, InputError> {
        for (what, value) in [
            ("buffer before, in minutes,", before_minutes),
            ("buffer after, in minutes,", after_minutes),
        ] {
            if value > MAX_BUFFER_MINUTES {
                return Err(InputError::OutOfRange {
                    what,
                    value: value.to_string(),
                    min: 0,
                    max: i64::from(MAX_BUFFER_MINUTES),
                });
            }
        }
        Ok(Buffers {
            before_minutes,
            after_minutes,
        })
    }

    /// Minutes kept free before a session.
    pub fn before_minutes(&self) -> u32 {
        self.before_minutes
    }

    /// Minutes kept free after a session.
    pub fn after_minutes(&self) -> u32 {
        self.after_minutes
    }

    /// `session` widened by the buffers.
    pub fn widen(&self, session: &Interval) -> Interval {
        session.widened(
            i64::from(self.before_minutes) * 60,
            i64::from(self.after_minutes) * 60,
        )
    }
}

/// Existing sessions, sorted by start, with the buffers that widen them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusyCalendar {
    sessions: Vec<BusySession>,
    buffers: Buffers,
    longest_widened_seconds: i64,
}

impl BusyCalendar {
    /// The calendar of `sessions` (any order) kept apart by `buffers`.
    pub fn new(mut sessions: Vec<BusySession>, buffers: Buffers) -> Self {
        sessions.sort_by_key(|s| (s.interval, s.id.clone()));
        let longest_widened_seconds = sessions
            .iter()
            .map(|s| buffers.widen(&s.interval).duration().num_seconds())
            .max()
            .unwrap_or(0);
        BusyCalendar {
            sessions,
            buffers,
            longest_widened_seconds,
        }
    }

    /// The sessions, sorted by start.
    pub fn sessions(&self) -> &[BusySession] {
        &self.sessions
    }

    /// The buffers.
    pub fn buffers(&self) -> Buffers {
        self.buffers
    }

    /// Sessions whose buffer-widened span overlaps `span`.
    pub fn conflicts<'a>(&'a self, span: &Interval) -> impl Iterator<Item = &'a BusySession> + 'a {
        let reach = self.longest_widened_seconds;
        let lowest_start = span.start_seconds() - reach;
        let first = self
            .sessions
            .partition_point(|s| s.interval.start_seconds() < lowest_start);
        let span = *span;
        let buffers = self.buffers;
        self.sessions[first..]
            .iter()
            .take_while(move |s| s.interval.start_seconds() < span.end_seconds() + reach)
            .filter(move |s| buffers.widen(&s.interval).overlaps(&span))
    }

    /// Sessions that start inside `window` (for counting against caps).
    pub fn starting_in<'a>(
        &'a self,
        window: &Interval,
    ) -> impl Iterator<Item = &'a BusySession> + 'a {
        let first = self
            .sessions
            .partition_point(|s| s.interval.start_seconds() < window.start_seconds());
        let end = window.end_seconds();
        self.sessions[first..]
            .iter()
            .take_while(move |s| s.interval.start_seconds() < end)
    }

    /// The buffer-widened spans of sessions that reach into `window`, merged.
    pub fn blocked_in(&self, window: &Interval) -> IntervalSet {
        let spans = self
            .conflicts(window)
            .map(|s| self.buffers.widen(&s.interval))
            .collect();
        IntervalSet::from_intervals(spans)
    }
}

impl TryFrom<BusySessionFields> for BusySession {
    type Error = InputError;
    fn try_from(fields: BusySessionFields) -> Result<Self, Self::Error> {
        Interval::new(fields.start, fields.end)
            .map(|interval| BusySession::new(fields.id.clone(), interval))
            .map_err(|_| InputError::InvertedInstants {
                what: format!("busy session {:?}", fields.id),
                start: fields.start.to_rfc3339(),
                end: fields.end.to_rfc3339(),
            })
    }
}

impl From<BusySession> for BusySessionFields {
    fn from(session: BusySession) -> Self {
        BusySessionFields {
            start: session.interval.start(),
            end: session.interval.end(),
            id: session.id,
        }
    }
}

impl TryFrom<BuffersFields> for Buffers {
    type Error = InputError;
    fn try_from(fields: BuffersFields) -> Result<Self, Self::Error> {
        Buffers::new(fields.before_minutes, fields.after_minutes)
    }
}

impl From<Buffers> for BuffersFields {
    fn from(buffers: Buffers) -> Self {
        BuffersFields {
            before_minutes: buffers.before_minutes,
            after_minutes: buffers.after_minutes,
        }
    }
}
