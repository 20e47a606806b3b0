//! The provider's pages: proposals, sessions, calendar subscription, availability, profile.

pub mod availability;
pub mod calendar;
pub mod profile;
pub mod proposals;
pub mod sessions;
