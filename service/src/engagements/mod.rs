//! Engagements: a site's Diagnostic assessment or its three-year Operations coaching, the unit
//! the Public Safety Partnership runs. Every TTA request belongs to one: a request joins the
//! site's engagement of its type that is not closed, or opens one laid out from the phase
//! templates ([`engagement_for_request_in`]).
//!
//! Use cases (each takes the acting person and checks role, then record):
//! - [`portfolio`]: every engagement with its health at a glance (coordinators, administrators);
//! - [`engagement_page`]: one engagement's phases and requests (staff, and the site's contacts);
//! - [`site_engagements`]: the engagements of the sites a contact speaks for;
//! - [`add_goal`], [`record_progress`], [`goals_of`]: measurable goals and the values recorded
//!   toward them, each on track or not ([`GoalLine`]).

mod goal_forms;
mod goal_track;
mod goals;
mod health;
mod open;
mod pages;

pub use goal_track::GoalLine;
pub use goals::{add_goal, goals_of, record_progress};
pub use health::{PhaseProgress, phase_progress, quarter_of};
pub use open::engagement_for_request_in;
pub use pages::{engagement_page, portfolio, site_engagements};
