//! Scheduled sessions: booking (never double), moving (one or the rest of a series, checked
//! against the engine's rules) and cancelling, handing a leaving
//! provider's sessions to another, and reading them.

mod booking;
mod changes;
mod joint;
mod move_choice;
mod moves;
mod queries;
mod reassign;

pub use booking::{NewSession, book_series, explain_double_booking, insert_sessions};
pub(crate) use changes::{cancel_in, cancel_quietly_in, cancel_rest_in, reschedule_refused};
pub use changes::{cancel_rest_of_series, cancel_session, reschedule_session};
pub use move_choice::{ANOTHER_TIME, chosen_date_time};
pub use moves::{MoveScope, SessionMove, move_sessions};
pub(crate) use moves::{apply_moves_in, plan_moves};
pub use queries::{provider_sessions, site_sessions};
pub use reassign::{Handover, reassign_engagement};
