//! The forms of `/admin/phases` and of opening an Operations engagement from a Diagnostic's plan.

use serde::{Deserialize, Serialize};

/// A phase template as typed: `kind` is read only when a phase is added.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhaseTemplateForm {
    /// `diagnostic` or `operations`.
    pub kind: String,
    pub name: String,
    /// Months after the engagement's start that the phase begins (`0`: at the kick-off).
    pub start_month: String,
    /// Months it lasts (1 to 36).
    pub months: String,
}

/// Opening the site's Operations engagement from a Diagnostic's plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OperationsFromPlanForm {
    pub diagnostic_id: String,
    /// `YYYY-MM-DD`: the Operations kick-off.
    pub starts_on: String,
}
