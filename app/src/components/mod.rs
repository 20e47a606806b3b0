//! Reusable pieces of the user interface.

pub mod clock;
pub mod engagement;
pub mod forms;
pub mod layout;
pub mod page;
