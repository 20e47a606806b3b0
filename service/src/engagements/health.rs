//! The health of an engagement on a given day, as pure rules: where each phase stands and which
//! are overdue, and the calendar quarter sessions are counted in.

use chrono::{Datelike, NaiveDate};

use crate::entities::engagement_phase;

/// Where a phase stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseProgress {
    Finished(NaiveDate),
    UnderWay,
    NotStarted,
}

/// Where `phase` stands on `today`, and whether it is overdue (past its target end and not
/// finished).
pub fn phase_progress(phase: &engagement_phase::Model, today: NaiveDate) -> (PhaseProgress, bool) {
    match phase.actual_end {
        Some(end) => (PhaseProgress::Finished(end), false),
        None if phase.actual_start.is_some() || phase.target_start <= today => {
            (PhaseProgress::UnderWay, phase.target_end < today)
        }
        None => (PhaseProgress::NotStarted, false),
    }
}

/// The first and last day of the calendar quarter holding `day`.
pub fn quarter_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_month = (day.month0() / 3) * 3 + 1;
    let first = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
    let next = if first_month == 10 {
        NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(day.year(), first_month + 3, 1)
    };
    let last = next.and_then(|n| n.pred_opt()).unwrap_or(day);
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn phase(start: &str, end: &str, finished: Option<&str>) -> engagement_phase::Model {
        engagement_phase::Model {
            id: 1,
            engagement_id: 1,
            position: 1,
            name: "Strategic plan".to_owned(),
            target_start: day(start),
            target_end: day(end),
            actual_start: None,
            actual_end: finished.map(day),
        }
    }

    #[test]
    fn a_phase_is_overdue_only_past_its_target_end_and_unfinished() {
        let p = phase("2027-01-01", "2027-03-31", None);
        assert_eq!(
            phase_progress(&p, day("2026-12-31")),
            (PhaseProgress::NotStarted, false)
        );
        assert_eq!(
            phase_progress(&p, day("2027-03-31")),
            (PhaseProgress::UnderWay, false)
        );
        assert_eq!(
            phase_progress(&p, day("2027-04-01")),
            (PhaseProgress::UnderWay, true)
        );
        let done = phase("2027-01-01", "2027-03-31", Some("2027-04-20"));
        assert_eq!(
            phase_progress(&done, day("2027-06-01")),
            (PhaseProgress::Finished(day("2027-04-20")), false)
        );
    }

    #[test]
    fn quarters_are_calendar_quarters() {
        assert_eq!(
            quarter_of(day("2027-02-14")),
            (day("2027-01-01"), day("2027-03-31"))
        );
        assert_eq!(
            quarter_of(day("2027-11-30")),
            (day("2027-10-01"), day("2027-12-31"))
        );
        assert_eq!(
            quarter_of(day("2028-06-30")),
            (day("2028-04-01"), day("2028-06-30"))
        );
    }
}
