//! The coordinator's pages: the queue ([`queue_page`]), one request ([`request_page`]), its
//! ranked candidates ([`candidates_page`], [`request_candidates_page`]) and the series planned with one of them
//! ([`plan_page`]), batch matching ([`batch_page`], [`send_batch`]), the providers
//! ([`providers_page`]) and one provider's hand-over page ([`reassign_page`]). Coordinators and
//! administrators only.

mod batch;
mod candidates;
mod flags;
mod move_times;
mod plan;
mod providers;
mod queue;
pub(crate) mod queue_cache;
mod request;

pub use batch::{batch_page, send_batch};
pub use candidates::{candidate_view, candidates_page, excluded_view, request_candidates_page};
pub use flags::{can_approve, can_change_session, can_propose, can_return_or_reject, can_withdraw};
pub use move_times::move_times_page;
pub use plan::plan_page;
pub use providers::{providers_page, reassign_page};
pub use queue::{QueueQuery, queue_page};
pub use request::request_page;
