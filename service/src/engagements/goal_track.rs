//! Whether a goal is on track: a pure rule on the goal's line and its latest value.
//!
//! The line runs straight from the baseline on the engagement's first day to the target on the
//! goal's due date (and stays at the target after it). A value is on track when it is at least
//! as far toward the target as the line is on the value's own day: at or above the line for a
//! goal that raises its metric, at or below it for one that lowers it. A goal with no value
//! recorded yet stands at its baseline on the first day, which is on the line.

use chrono::NaiveDate;

/// A goal's straight line from the baseline at `start` to the target at `due`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GoalLine {
    pub baseline: f64,
    pub target: f64,
    pub start: NaiveDate,
    pub due: NaiveDate,
}

/// How close to the line still counts as on it (values are typed in decimals, the line is
/// computed): a millionth of the distance from baseline to target.
const TOLERANCE: f64 = 1e-6;

impl GoalLine {
    /// Where the line stands on `day`: the baseline up to the start, the target from the due
    /// date on, a straight line between.
    pub fn expected_on(&self, day: NaiveDate) -> f64 {
        let span = (self.due - self.start).num_days();
        if span <= 0 || day >= self.due {
            return self.target;
        }
        let elapsed = (day - self.start).num_days().max(0);
        // Day counts of an engagement are far below f64's exact-integer range.
        let share = elapsed as f64 / span as f64;
        self.baseline + (self.target - self.baseline) * share
    }

    /// Whether `latest` (the newest recorded value and its day) is at least as far toward the
    /// target as the line on that day; no value yet is on track.
    pub fn on_track(&self, latest: Option<(NaiveDate, f64)>) -> bool {
        let Some((day, value)) = latest else {
            return true;
        };
        let expected = self.expected_on(day);
        let slack = (self.target - self.baseline).abs() * TOLERANCE;
        if self.target > self.baseline {
            value >= expected - slack
        } else {
            value <= expected + slack
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Shootings from 40 a month down to 30, over 100 days from 1 Jan 2027.
    fn fewer_shootings() -> GoalLine {
        GoalLine {
            baseline: 40.0,
            target: 30.0,
            start: day("2027-01-01"),
            due: day("2027-04-11"),
        }
    }

    #[test]
    fn the_line_runs_from_baseline_to_target_and_stays_there() {
        let line = fewer_shootings();
        assert_eq!(line.expected_on(day("2026-12-01")), 40.0);
        assert_eq!(line.expected_on(day("2027-01-01")), 40.0);
        assert!((line.expected_on(day("2027-02-20")) - 35.0).abs() < 1e-9);
        assert_eq!(line.expected_on(day("2027-04-11")), 30.0);
        assert_eq!(line.expected_on(day("2027-12-31")), 30.0);
    }

    #[test]
    fn a_lowering_goal_is_on_track_at_or_below_the_line() {
        let line = fewer_shootings();
        // Day 50: the line is at 35.
        assert!(line.on_track(Some((day("2027-02-20"), 35.0))));
        assert!(line.on_track(Some((day("2027-02-20"), 33.0))));
        assert!(!line.on_track(Some((day("2027-02-20"), 36.0))));
        // Past the due date only the target counts.
        assert!(!line.on_track(Some((day("2027-06-01"), 31.0))));
        assert!(line.on_track(Some((day("2027-06-01"), 30.0))));
    }

    #[test]
    fn a_raising_goal_is_on_track_at_or_above_the_line() {
        let line = GoalLine {
            baseline: 10.0,
            target: 60.0,
            start: day("2027-01-01"),
            due: day("2027-04-11"),
        };
        // Day 20 of 100: the line is at 20.
        assert!(line.on_track(Some((day("2027-01-21"), 20.0))));
        assert!(line.on_track(Some((day("2027-01-21"), 25.5))));
        assert!(!line.on_track(Some((day("2027-01-21"), 19.0))));
        // Computed shares of a decimal line still count a value on the line as on it.
        let decimals = GoalLine {
            baseline: 0.1,
            target: 0.7,
            start: day("2027-01-01"),
            due: day("2027-01-04"),
        };
        assert!(decimals.on_track(Some((day("2027-01-02"), 0.3))));
    }

    #[test]
    fn no_value_yet_is_on_track() {
        assert!(fewer_shootings().on_track(None));
    }
}
