//! What the engagement pages show: the coordinators' portfolio of every engagement with its
//! health at a glance, and one engagement's phases as its site and team see them.

use serde::{Deserialize, Serialize};

use crate::status::EngagementStatus;
use crate::vocabulary::{CoreArea, RecommendationStatus, TeamRole};

mod from_diagnostic;
mod phase_templates;
mod timeline;

pub use from_diagnostic::OperationsOffer;
pub use phase_templates::{PhaseTemplateKind, PhaseTemplateLine, PhaseTemplatesView};
pub use timeline::{EngagementTimeline, NextSessionLine, TimelinePhase, TimelineQuarter};

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
    /// Goals whose latest value is behind the straight line from baseline to target.
    pub goals_off_track: u32,
    /// Sessions of this quarter (on the site's calendar) delivered and planned in all.
    pub delivered_this_quarter: u32,
    pub planned_this_quarter: u32,
    pub requests: u32,
    /// TTA roles the engagement needs and nobody holds (`Strategic site liaison` …): an
    /// Operations engagement needs a liaison and a subject-matter expert at least, a Diagnostic
    /// a liaison and a crime analyst.
    pub unstaffed_roles: Vec<String>,
}

/// One phase as a page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseLine {
    pub id: i32,
    pub position: i32,
    pub name: String,
    /// `Mar 2027 – Feb 2028`.
    pub target: String,
    /// `Finished 3 Apr 2027`, `Under way`, `Not started`.
    pub progress: String,
    /// Past its target end and not finished.
    pub overdue: bool,
}

/// One person on an engagement's team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMemberLine {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub role: TeamRole,
}

/// One recommendation of an engagement's plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationLine {
    pub id: i32,
    pub core_area: CoreArea,
    pub text: String,
    /// The person at the site who owns it.
    pub owner: String,
    pub status: RecommendationStatus,
    /// The TTA requests that answer it: `(id, title)`.
    pub requests: Vec<(i32, String)>,
    /// The engagement whose plan it was carried over from (an Operations engagement opened
    /// from a Diagnostic's plan), if any.
    #[serde(default)]
    pub carried_from: Option<i32>,
}

/// An engagement a provider serves, as their own page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServingLine {
    pub engagement_id: i32,
    /// `Memphis, TN`.
    pub site: String,
    /// `Operations` or `Diagnostic`.
    pub kind: String,
    pub status: EngagementStatus,
    pub role: TeamRole,
    /// The provider's next session in this engagement (in their zone), if any is planned.
    pub next_session: Option<String>,
}

/// An engagement's two teams, as a change to them answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLists {
    /// The site's contacts on the team, the lead first.
    pub site_team: Vec<TeamMemberLine>,
    /// The providers, by role.
    pub tta_team: Vec<TeamMemberLine>,
}

/// Whom a coordinator may add to an engagement's team: `(user id, name)` each.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChoices {
    /// Active providers not yet on the team.
    pub providers: Vec<(i32, String)>,
    /// The site's contacts not yet on the team.
    pub site_contacts: Vec<(i32, String)>,
}

/// One engagement's page (not `Eq`: its goals hold measured numbers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// The site's team (its contacts, the lead first) and the TTA team (providers by role).
    pub site_team: Vec<TeamMemberLine>,
    pub tta_team: Vec<TeamMemberLine>,
    /// The plan's recommendations, in the order they were made.
    pub recommendations: Vec<RecommendationLine>,
    /// Whether the reader may change the teams and add or edit recommendations (staff).
    pub can_manage_team: bool,
    /// Whether the reader may record phase dates and close the engagement (staff).
    pub can_steer: bool,
    /// Whether the reader may move a recommendation's status (staff and the site's contacts).
    pub can_update_recommendations: bool,
    pub notes: String,
    /// The engagement's measurable goals, in the order they were set.
    pub goals: Vec<GoalView>,
    /// Whether the reader may add a goal (coordinators and administrators).
    pub can_add_goal: bool,
    /// Whether the reader may record a goal's progress (the site's contacts and staff).
    pub can_record_progress: bool,
}

/// One measurable goal of an engagement with the values recorded toward it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalView {
    pub id: i32,
    /// `Fewer non-fatal shootings`.
    pub name: String,
    /// `Non-fatal shootings per month`.
    pub metric: String,
    /// `shootings`, `%`.
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    /// `Wed 30 Jun 2027`.
    pub due: String,
    /// Days from the engagement's start to the due date: the chart's time axis runs from 0
    /// (the baseline) to here (the target).
    pub due_day: i32,
    /// Whether the latest value is at least as far toward the target as the straight line from
    /// the baseline at the start to the target on the due date puts it on that value's day (no
    /// value yet: on track).
    pub on_track: bool,
    /// The recorded values, oldest first.
    pub progress: Vec<GoalPoint>,
}

/// One recorded value of a goal's metric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalPoint {
    /// `Tue 9 Mar 2027`.
    pub on: String,
    /// Days from the engagement's start (the chart's time axis).
    pub day: i32,
    pub value: f64,
    pub note: String,
}
