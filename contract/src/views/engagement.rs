//! What the engagement pages show: the coordinators' portfolio of every engagement with its
//! health at a glance, and one engagement's phases as its site and team see them.

use serde::{Deserialize, Serialize};

use crate::status::EngagementStatus;

/// One engagement in the coordinators' portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioRow {
    pub id: i32,
    /// `Memphis, TN`.
    pub site: String,
    /// `Operations` or `Diagnostic`.
    pub kind: String,
    pub status: EngagementStatus,
    /// `15 Mar 2027`.
    pub starts: String,
    pub planned_end: String,
    /// The phase under way today (the first not finished), if any.
    pub current_phase: Option<String>,
    /// Phases past their target end and not finished.
    pub overdue_phases: u32,
    /// Sessions of this quarter (on the site's calendar) delivered and planned in all.
    pub delivered_this_quarter: u32,
    pub planned_this_quarter: u32,
    pub requests: u32,
}

/// One phase as a page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseLine {
    pub position: i32,
    pub name: String,
    /// `Mar 2027 – Feb 2028`.
    pub target: String,
    /// `Finished 3 Apr 2027`, `Under way`, `Not started`.
    pub progress: String,
    /// Past its target end and not finished.
    pub overdue: bool,
}

/// One engagement's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementPage {
    pub id: i32,
    pub site: String,
    pub kind: String,
    pub status: EngagementStatus,
    pub starts: String,
    pub planned_end: String,
    pub phases: Vec<PhaseLine>,
    /// The engagement's requests: `(id, title)`.
    pub requests: Vec<(i32, String)>,
    pub notes: String,
}
