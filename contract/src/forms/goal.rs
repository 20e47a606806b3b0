//! An engagement's measurable goal and a value recorded toward it, as typed.

use serde::{Deserialize, Serialize};

/// A new goal as the coordinator typed it (every field as text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalForm {
    /// What the site means to achieve: `Fewer non-fatal shootings`.
    pub name: String,
    /// How it is measured: `Non-fatal shootings per month`.
    pub metric: String,
    /// What the metric counts: `shootings`, `%`.
    pub unit: String,
    /// The metric's value today, a number.
    pub baseline: String,
    /// The value to reach, a number other than the baseline.
    pub target: String,
    /// `YYYY-MM-DD`, within the engagement's run.
    pub due_on: String,
}

/// A value of a goal's metric as the site typed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgressForm {
    /// `YYYY-MM-DD` on the site's calendar: not in the future, not before the engagement began.
    pub recorded_on: String,
    /// The metric's value that day, a number.
    pub value: String,
    /// Optional: where the number comes from, what moved it.
    pub note: String,
}
