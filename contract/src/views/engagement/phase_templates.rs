//! What `/admin/phases` shows: the programme's phases per engagement type, in order, as new
//! engagements are laid out from them.

use serde::{Deserialize, Serialize};

/// Both types' phase templates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseTemplatesView {
    /// Operations first, then Diagnostic.
    pub kinds: Vec<PhaseTemplateKind>,
}

/// One engagement type's phases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseTemplateKind {
    /// `operations` or `diagnostic` (the form's value).
    pub kind: String,
    /// `Operations`.
    pub label: String,
    /// How long an engagement of the type is planned to run: phases end within it.
    pub planned_months: i32,
    pub phases: Vec<PhaseTemplateLine>,
}

/// One phase template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseTemplateLine {
    pub id: i32,
    /// 1, 2, … within its type.
    pub position: i32,
    pub name: String,
    /// Months after the engagement's start that the phase begins.
    pub start_month: i32,
    /// Months it lasts.
    pub months: i32,
}
