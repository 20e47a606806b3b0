//! The provider's pages: proposals, sessions, calendar subscription, availability, profile,
//! the engagements they serve and the group events they deliver.

pub mod availability;
pub mod calendar;
pub mod calendars;
pub mod engagements;
pub mod events;
pub mod profile;
pub mod proposals;
pub mod sessions;
