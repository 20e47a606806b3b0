//! Engagements: a site's Diagnostic assessment or its three-year Operations coaching, the unit
//! the Public Safety Partnership runs. Every TTA request belongs to one: a request joins the
//! site's engagement of its type that is not closed, or opens one laid out from the phase
//! templates ([`engagement_for_request_in`]).
//!
//! Use cases (each takes the acting person and checks role, then record):
//! - [`portfolio`]: every engagement with its health at a glance (coordinators, administrators);
//! - [`engagement_page`]: one engagement's phases, requests, teams and recommendations (staff,
//!   the site's contacts, and the providers on its TTA team);
//! - [`add_team_member`], [`remove_team_member`], [`set_site_lead`], [`team_choices`]: the
//!   site's team and the TTA team (staff); [`provider_engagements`]: the engagements a provider
//!   serves, their role and next session;
//! - [`add_recommendation`], [`update_recommendation`], [`link_request`] (staff) and
//!   [`set_recommendation_status`] (staff and the site's contacts): the plan's recommendations;
//! - [`site_engagements`]: the engagements of the sites a contact speaks for;
//! - [`open_engagement`] (administrators), [`record_phase_dates`] and [`close_engagement`]
//!   (staff): an engagement's life, from a newly selected site to closing;
//! - [`add_goal`], [`record_progress`], [`goals_of`]: measurable goals and the values recorded
//!   toward them, each on track or not ([`GoalLine`]);
//! - [`cadence_choices`], [`preview_cadence`], [`send_cadence`] (staff): an engagement's cadence
//!   planned in one step, a request and a proposal per line;
//! - [`engagement_timeline`]: the next sessions and the three-year timeline of sessions
//!   delivered against planned per quarter, with the phases along it (as the page's readers);
//! - [`operations_offer`], [`open_operations_from_plan`] (staff): the site's Operations
//!   engagement opened from its Diagnostic's plan, carrying the recommendations still to do.

mod cadence;
mod cadence_line;
mod cadence_plan;
mod cadence_team;
mod from_diagnostic;
mod goal_forms;
mod goal_track;
mod goals;
mod health;
mod lifecycle;
mod open;
mod pages;
mod portfolio_filter;
mod recommendations;
mod serving;
mod team;
mod timeline;

pub use cadence::{cadence_choices, preview_cadence, send_cadence};
pub use cadence_line::{CadenceLine, LineBounds};
pub use cadence_plan::{LineInput, PlannedLine, plan_cadence, plan_cadence_lines};
pub use from_diagnostic::{open_operations_from_plan, operations_offer};
pub use goal_track::GoalLine;
pub use goals::{add_goal, goals_of, record_progress};
pub use health::{PhaseProgress, phase_progress, quarter_of};
pub use lifecycle::{close_engagement, open_engagement, record_phase_dates};
pub use open::{engagement_for_request_in, planned_months};
pub use pages::{engagement_page, portfolio, site_engagements};
pub use portfolio_filter::{filtered_portfolio, needs_attention, portfolio_csv};
pub use recommendations::{
    add_recommendation, link_request, set_recommendation_status, update_recommendation,
};
pub use serving::provider_engagements;
pub use team::{
    add_team_member, remove_team_member, required_roles, set_site_lead, team_choices,
    unstaffed_roles,
};
pub use timeline::engagement_timeline;
