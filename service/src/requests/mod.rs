//! TTA requests: submission by a site, status changes with history, and the views of them.

mod close;
mod history;
mod page;
mod queries;
mod queue;
mod submit;
mod transition;

pub use close::close_request;
pub use history::PROVIDER_UNAVAILABLE;
pub use page::{RequestPage, request_page};
pub use queries::{RequestSummary, RequestView, StatusChange, request_view, site_requests};
pub use queue::{QUEUE_LIMIT, Queue, QueueFilter, QueueRow, WAITING, queue};
pub(crate) use submit::seed_request;
pub use submit::submit_request;
pub use transition::transition;
pub(crate) use transition::transition_in;
