//! Reading a typed goal and a typed progress value: every mistake at once, each in words
//! beside its field. The fields are named `goal_…` (`goal_name`, `goal_metric`, `goal_unit`,
//! `goal_baseline`, `goal_target`, `goal_due_on`) and `progress_…` (`progress_recorded_on`,
//! `progress_value`, `progress_note`) so that their inputs' ids cannot meet another form's on
//! the engagement's page.

use chrono::NaiveDate;
use contract::FieldErrors;
use contract::forms::{GoalForm, ProgressForm};

use crate::timefmt;

/// The longest name or metric, and unit, the table holds.
const MAX_TEXT: usize = 200;
const MAX_UNIT: usize = 50;
/// The longest note on a value.
const MAX_NOTE: usize = 1000;

/// A goal as read from its form.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct NewGoal {
    pub name: String,
    pub metric: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub due_on: NaiveDate,
}

/// A progress value as read from its form.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct NewProgress {
    pub recorded_on: NaiveDate,
    pub value: f64,
    pub note: String,
}

/// The engagement's run a goal's due date must fall in: after `starts_on`, by `planned_end`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Run {
    pub starts_on: NaiveDate,
    pub planned_end: NaiveDate,
}

/// Reads `form` as a goal of an engagement that runs `run`.
pub(super) fn read_goal(form: &GoalForm, run: Run) -> Result<NewGoal, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = required_text(
        &mut errors,
        "goal_name",
        &form.name,
        MAX_TEXT,
        "Enter a name for the goal, such as “Fewer non-fatal shootings”.",
    );
    let metric = required_text(
        &mut errors,
        "goal_metric",
        &form.metric,
        MAX_TEXT,
        "Enter the metric that measures the goal, such as “Non-fatal shootings per month”.",
    );
    let unit = required_text(
        &mut errors,
        "goal_unit",
        &form.unit,
        MAX_UNIT,
        "Enter the unit the metric counts, such as “shootings” or “%”.",
    );
    let baseline = number(&mut errors, "goal_baseline", &form.baseline, "baseline");
    let target = number(&mut errors, "goal_target", &form.target, "target");
    if let (Some(baseline), Some(target)) = (baseline, target)
        && baseline == target
    {
        errors.add(
            "goal_target",
            "The target must differ from the baseline: a goal moves its metric.",
        );
    }
    let due_on = match date(&form.due_on) {
        None => {
            errors.add(
                "goal_due_on",
                "Enter the due date as a date, such as 2027-06-30.",
            );
            None
        }
        Some(day) if day <= run.starts_on || day > run.planned_end => {
            errors.add(
                "goal_due_on",
                format!(
                    "The due date must fall within the engagement's run: after {} and by {}.",
                    timefmt::date(run.starts_on),
                    timefmt::date(run.planned_end)
                ),
            );
            None
        }
        Some(day) => Some(day),
    };
    match (name, metric, unit, baseline, target, due_on) {
        (Some(name), Some(metric), Some(unit), Some(baseline), Some(target), Some(due_on))
            if errors.is_empty() =>
        {
            Ok(NewGoal {
                name,
                metric,
                unit,
                baseline,
                target,
                due_on,
            })
        }
        _ => Err(errors),
    }
}

/// Reads `form` as a value recorded on the site's calendar, where it is `today`, for an
/// engagement that began on `starts_on`.
pub(super) fn read_progress(
    form: &ProgressForm,
    starts_on: NaiveDate,
    today: NaiveDate,
) -> Result<NewProgress, FieldErrors> {
    let mut errors = FieldErrors::new();
    let recorded_on = match date(&form.recorded_on) {
        None => {
            errors.add(
                "progress_recorded_on",
                "Enter the day the value is for as a date, such as 2027-03-31.",
            );
            None
        }
        Some(day) if day > today => {
            errors.add(
                "progress_recorded_on",
                format!(
                    "{} is in the future on the site's calendar (today is {}): record a value \
                     once its day has come.",
                    timefmt::date(day),
                    timefmt::date(today)
                ),
            );
            None
        }
        Some(day) if day < starts_on => {
            errors.add(
                "progress_recorded_on",
                format!(
                    "{} is before the engagement began on {}: the baseline stands for that.",
                    timefmt::date(day),
                    timefmt::date(starts_on)
                ),
            );
            None
        }
        Some(day) => Some(day),
    };
    let value = number(&mut errors, "progress_value", &form.value, "value");
    let note = form.note.trim();
    if note.chars().count() > MAX_NOTE {
        errors.add(
            "progress_note",
            format!("Keep the note to {MAX_NOTE} characters or fewer."),
        );
    }
    match (recorded_on, value) {
        (Some(recorded_on), Some(value)) if errors.is_empty() => Ok(NewProgress {
            recorded_on,
            value,
            note: note.to_owned(),
        }),
        _ => Err(errors),
    }
}

fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    max: usize,
    missing: &str,
) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        errors.add(field, missing);
        return None;
    }
    if text.chars().count() > max {
        errors.add(field, format!("Keep this to {max} characters or fewer."));
        return None;
    }
    Some(text.to_owned())
}

/// A typed number: `42`, `3.5`, `-2`, `1,200` (thousands separators allowed); finite only.
fn number(errors: &mut FieldErrors, field: &str, text: &str, called: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        errors.add(field, format!("Enter the {called} as a number."));
        return None;
    }
    match text.replace(',', "").parse::<f64>() {
        Ok(number) if number.is_finite() => Some(number),
        _ => {
            errors.add(
                field,
                format!("Enter the {called} as a number, such as 42 or 3.5 (you typed “{text}”)."),
            );
            None
        }
    }
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn run() -> Run {
        Run {
            starts_on: day("2027-01-01"),
            planned_end: day("2030-01-01"),
        }
    }

    fn goal() -> GoalForm {
        GoalForm {
            name: "Fewer non-fatal shootings".into(),
            metric: "Non-fatal shootings per month".into(),
            unit: "shootings".into(),
            baseline: "40".into(),
            target: "30".into(),
            due_on: "2027-12-31".into(),
        }
    }

    #[test]
    fn a_complete_goal_is_read() {
        let read = read_goal(&goal(), run()).unwrap();
        assert_eq!(read.baseline, 40.0);
        assert_eq!(read.target, 30.0);
        assert_eq!(read.due_on, day("2027-12-31"));
        let spaced = GoalForm {
            baseline: " 1,200.5 ".into(),
            ..goal()
        };
        assert_eq!(read_goal(&spaced, run()).unwrap().baseline, 1200.5);
    }

    #[test]
    fn every_mistake_of_a_goal_is_named_at_once() {
        let errors = read_goal(
            &GoalForm {
                name: " ".into(),
                metric: String::new(),
                unit: String::new(),
                baseline: "forty".into(),
                target: "NaN".into(),
                due_on: "soon".into(),
            },
            run(),
        )
        .unwrap_err();
        for field in [
            "goal_name",
            "goal_metric",
            "goal_unit",
            "goal_baseline",
            "goal_target",
            "goal_due_on",
        ] {
            assert!(errors.message_for(field).is_some(), "{field}: {errors:?}");
        }
        assert!(
            errors
                .message_for("goal_baseline")
                .unwrap()
                .contains("“forty”")
        );
    }

    #[test]
    fn a_target_equal_to_its_baseline_or_a_due_date_outside_the_run_is_refused() {
        let same = read_goal(
            &GoalForm {
                target: "40.0".into(),
                ..goal()
            },
            run(),
        )
        .unwrap_err();
        assert!(same.message_for("goal_target").unwrap().contains("differ"));
        for due in ["2027-01-01", "2026-06-30", "2030-01-02"] {
            let errors = read_goal(
                &GoalForm {
                    due_on: due.into(),
                    ..goal()
                },
                run(),
            )
            .unwrap_err();
            assert_eq!(
                errors.message_for("goal_due_on"),
                Some(
                    "The due date must fall within the engagement's run: after Fri 1 Jan 2027 \
                     and by Tue 1 Jan 2030."
                ),
                "{due}"
            );
        }
        assert!(
            read_goal(
                &GoalForm {
                    due_on: "2030-01-01".into(),
                    ..goal()
                },
                run()
            )
            .is_ok()
        );
    }

    #[test]
    fn progress_must_be_dated_within_the_engagement_up_to_today() {
        let start = day("2027-01-01");
        let today = day("2027-03-09");
        let form = |on: &str, value: &str| ProgressForm {
            recorded_on: on.into(),
            value: value.into(),
            note: " From the police department's monthly report ".into(),
        };
        let read = read_progress(&form("2027-03-09", "36"), start, today).unwrap();
        assert_eq!(read.value, 36.0);
        assert_eq!(read.note, "From the police department's monthly report");
        let future = read_progress(&form("2027-03-10", "36"), start, today).unwrap_err();
        assert!(
            future
                .message_for("progress_recorded_on")
                .unwrap()
                .starts_with("Wed 10 Mar 2027 is in the future")
        );
        let early = read_progress(&form("2026-12-31", "36"), start, today).unwrap_err();
        assert!(
            early
                .message_for("progress_recorded_on")
                .unwrap()
                .contains("before the engagement began on Fri 1 Jan 2027")
        );
        let unreadable = read_progress(&form("9 March", "about 36"), start, today).unwrap_err();
        assert!(unreadable.message_for("progress_recorded_on").is_some());
        assert!(unreadable.message_for("progress_value").is_some());
    }
}
