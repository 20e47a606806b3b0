//! The one error type for bad input: every way a caller's data can fail to parse into the
//! engine's domain types. Each message names the offending value so that a person reading it
//! (in the JSON door's output, or in a form error) can find and fix it.

use chrono::NaiveDate;

/// Input that does not describe a valid scheduling question.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// A time-zone name that is not in the IANA database bundled with `chrono-tz`.
    #[error("unknown time zone {0:?}: expected an IANA name such as \"America/Chicago\"")]
    UnknownZone(String),

    /// A wall-clock time that is not `HH:MM`.
    #[error("invalid local time {0:?}: expected \"HH:MM\" from 00:00 to 23:59")]
    InvalidLocalTime(String),

    /// A wall-clock range that is not `HH:MM-HH:MM` with the start before the end.
    #[error(
        "invalid time range {0:?}: expected \"HH:MM-HH:MM\" with the start before the end \
         (use 24:00 for midnight at the end of the day; ranges may not cross midnight)"
    )]
    InvalidTimeRange(String),

    /// A weekday key that is not one of the seven day names.
    #[error("unknown weekday {0:?}: expected mon, tue, wed, thu, fri, sat or sun")]
    UnknownWeekday(String),

    /// Two ranges given for one day overlap.
    #[error("overlapping time ranges on {day}: {first} and {second}")]
    OverlappingRanges {
        /// The weekday or date the ranges belong to.
        day: String,
        /// The first of the two ranges.
        first: String,
        /// The second of the two ranges.
        second: String,
    },

    /// A date range whose end is before its start.
    #[error("{what} runs from {first} until {last}: the end is before the start")]
    InvertedDates {
        /// What the dates belong to.
        what: &'static str,
        /// The first date given.
        first: NaiveDate,
        /// The last date given.
        last: NaiveDate,
    },

    /// An instant range whose end is not after its start.
    #[error("{what} ends at {end} which is not after its start {start}")]
    InvertedInstants {
        /// What the instants belong to.
        what: String,
        /// The start given (RFC 3339).
        start: String,
        /// The end given (RFC 3339).
        end: String,
    },

    /// Two sets of weekly hours claim the same date.
    #[error("weekly hours valid {first} overlap weekly hours valid {second}")]
    OverlappingSchedules {
        /// Validity of the first schedule.
        first: String,
        /// Validity of the second schedule.
        second: String,
    },

    /// Two overrides for one date.
    #[error("two date overrides for {0}")]
    DuplicateOverride(NaiveDate),

    /// A time-off entry that is neither a date range nor an instant range.
    #[error(
        "time off {0}: give either \"first_date\" and \"last_date\" (provider-local dates) \
         or \"start\" and \"end\" (UTC instants), not both and not neither"
    )]
    AmbiguousTimeOff(String),

    /// A number outside its allowed range.
    #[error("{what} must be from {min} to {max}, got {value}")]
    OutOfRange {
        /// The quantity and its unit.
        what: &'static str,
        /// The value given.
        value: String,
        /// The smallest allowed value.
        min: i64,
        /// The largest allowed value.
        max: i64,
    },

    /// A slot granularity that does not divide a day into whole steps.
    #[error("granularity of {0} minutes does not divide a day (1440 minutes) evenly")]
    GranularityNotDivisor(u32),

    /// An unknown cadence name.
    #[error("unknown cadence {0:?}: expected once, weekly, biweekly, monthly or quarterly")]
    UnknownCadence(String),

    /// A one-off request asking for more than one session.
    #[error("a request with cadence \"once\" asks for exactly 1 session, got count {0}")]
    OnceWithCount(u32),

    /// A start time that is not on the request's own grid.
    #[error("local start time {time} is not on the {granularity}-minute grid")]
    StartTimeOffGrid {
        /// The start time given.
        time: String,
        /// The granularity in minutes.
        granularity: u32,
    },

    /// A first occurrence outside the request's date window.
    #[error("first date {first} is outside the request's window {earliest} to {latest}")]
    FirstDateOutsideWindow {
        /// The first occurrence's date.
        first: NaiveDate,
        /// The window's first date.
        earliest: NaiveDate,
        /// The window's last date.
        latest: NaiveDate,
    },
}
