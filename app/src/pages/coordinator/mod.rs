//! The coordinator's workspace: the queue, a request's brokering page, batch matching, reports,
//! the sites' change requests, and providers who leave.

pub mod batch;
mod cancel_confirm;
pub mod changes;
pub mod engagements;
pub mod evaluations;
pub mod events;
mod move_times;
pub mod peer_exchange;
pub mod provider_calendars;
pub mod providers;
pub mod queue;
mod ranked;
pub mod reassign;
pub mod reports;
pub mod request;
mod team;
pub mod tta_report;
