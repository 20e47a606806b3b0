//! The coordinator's workspace: the queue and a request's brokering page.

pub mod queue;
pub mod request;
