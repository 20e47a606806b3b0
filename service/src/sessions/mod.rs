//! Scheduled sessions: booking (never double), moving and cancelling, and reading them.

mod booking;
mod changes;
mod queries;

pub use booking::{NewSession, book_series};
pub(crate) use booking::{explain_double_booking, insert_sessions};
pub use changes::{cancel_rest_of_series, cancel_session, reschedule_session};
pub use queries::{provider_sessions, site_sessions};
