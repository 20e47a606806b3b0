//! Signed webhooks: administrators register endpoints and choose events; every event a domain
//! change raises is queued for each subscribed endpoint **in the change's own transaction**
//! ([`emit`]), so a rolled-back change sends nothing, and a worker delivers the queue.
//!
//! - [`endpoints`]: the administrators' use cases (register with a validated URL, enable,
//!   disable, rotate the secret — shown once), and the page's read model;
//! - [`deliveries`]: replaying a delivery (same `webhook-id`, same body);
//! - [`signature`]: Standard Webhooks signing (`webhook-id`, `webhook-timestamp`,
//!   `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`);
//! - [`claim`] and [`worker`]: the durable queue, modelled on the e-mail outbox — one delivery
//!   claimed at a time with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several
//!   instances never send one attempt twice), POSTed with a timeout and no redirects followed,
//!   every attempt recorded, retried on a back-off schedule, and the endpoint disabled (with a
//!   notice on the page and an e-mail to the administrators) after repeated failure.

pub mod claim;
pub mod deliveries;
pub mod endpoints;
mod events;
pub mod payloads;
mod retry;
pub mod signature;
pub mod worker;

pub use events::{WebhookEvent, emit};
pub use retry::RetrySchedule;
pub use worker::{WebhookWorker, WebhookWorkerSettings};
