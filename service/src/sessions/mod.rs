//! Scheduled sessions: booking (never double), and the status changes of a session.

mod booking;

pub use booking::{NewSession, book_series};
pub(crate) use booking::{explain_double_booking, insert_sessions};
