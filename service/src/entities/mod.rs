//! sea-orm entities: one module per table. Only `service` uses them.

pub mod email_attempt;
pub mod email_outbox;
pub mod proposal;
pub mod request_status_change;
pub mod request_topic;
pub mod site;
pub mod topic;
pub mod tta_request;
pub mod tta_session;
