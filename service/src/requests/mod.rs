//! TTA requests: submission by a site, status changes with history, and the views of them.

mod close;
mod history;
mod page;
mod queries;
mod queue;
mod site_forms;
mod submit;
mod transition;

pub use close::close_request;
pub use history::PROVIDER_UNAVAILABLE;
pub use page::{RequestPage, SessionActions, request_page};
pub use queries::{
    RequestSummary, RequestView, StatusChange, request_view, site_requests, staff_request_view,
};
pub use queue::{
    QUEUE_PAGE, Queue, QueueFilter, QueuePage, QueuePosition, QueueRow, WAITING, queue,
};
pub(crate) use queue::{QueueNames, queue_named, status_counts};
pub use site_forms::{
    IntakeChoices, SiteRequest, describe_form, intake_choices, my_requests, submit_request,
};
pub(crate) use submit::store_request_in;
pub use submit::{seed_request, store_request};
pub use transition::{transition, transition_in};
