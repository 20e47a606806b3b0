//! Use cases and persistence of TTA Scheduler.
//!
//! `service` owns the database (sea-orm entities and queries), and every operation the web UI and
//! the command line perform on it. It knows nothing of Leptos or HTTP: callers hand it parsed
//! domain values and get domain values or a [`ServiceError`] back. Pure scheduling computations
//! are delegated to the `scheduling` crate.

pub mod access;
pub mod accounts;
pub mod admin;
pub mod api;
pub mod backup;
pub mod calendar;
pub mod calendar_feed;
pub mod certificates;
pub mod change_requests;
pub mod database;
pub mod engagements;
pub mod engine;
pub mod entities;
pub mod error;
pub mod events;
pub mod feedback;
pub mod intake;
pub mod mail;
pub mod meeting;
pub mod notify;
pub mod outbound;
pub mod paging;
pub mod pdf;
pub mod peer_exchanges;
pub mod proposals;
pub mod provider_calendars;
pub mod providers;
pub mod reports;
pub mod requests;
pub mod secrets;
pub mod sessions;
pub mod sites;
pub mod teams;
pub use contract::status;
pub mod timefmt;
pub mod topics;
pub mod views;
pub mod waiting;
pub mod webhooks;
pub mod zone;

pub use database::{Database, DatabaseUrl};
pub use error::ServiceError;
