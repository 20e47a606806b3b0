//! Reusable pieces of the user interface.

pub mod clock;
pub mod engagement;
pub mod engagement_goals;
pub mod forms;
pub mod layout;
pub mod page;
