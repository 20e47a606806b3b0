//! Scheduled sessions: booking (never double), and the status changes of a session.

mod booking;

pub use booking::{NewSession, book_series};
