//! Reusable pieces of the user interface.

pub mod clock;
pub mod engagement;
pub mod engagement_cadence;
pub mod engagement_goals;
pub mod engagement_steering;
pub mod engagement_team;
pub mod engagement_timeline;
pub mod evaluation;
pub mod event_table;
pub mod forms;
pub mod layout;
pub mod meeting_link;
pub mod open_engagement;
pub mod operations_from_plan;
pub mod page;
pub mod pager;
pub mod peer_site;
