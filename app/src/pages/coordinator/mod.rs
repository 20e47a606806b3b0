//! The coordinator's workspace: the queue, a request's brokering page, batch matching.

pub mod batch;
pub mod queue;
pub mod reports;
pub mod request;
