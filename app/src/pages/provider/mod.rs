//! The provider's pages: proposals, sessions, calendar subscription, availability, profile,
//! and the engagements they serve.

pub mod availability;
pub mod calendar;
pub mod calendars;
pub mod engagements;
pub mod profile;
pub mod proposals;
pub mod sessions;
