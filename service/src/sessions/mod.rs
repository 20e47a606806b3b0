//! Scheduled sessions: booking (never double), moving and cancelling, handing a leaving
//! provider's sessions to another, and reading them.

mod booking;
mod changes;
mod queries;
mod reassign;

pub use booking::{NewSession, book_series};
pub(crate) use booking::{explain_double_booking, insert_sessions};
pub(crate) use changes::{cancel_in, cancel_rest_in, reschedule_in, reschedule_refused};
pub use changes::{cancel_rest_of_series, cancel_session, reschedule_session};
pub use queries::{provider_sessions, site_sessions};
pub use reassign::{Handover, reassign_engagement};
