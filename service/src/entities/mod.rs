//! sea-orm entities: one module per table. Only `service` uses them.

pub mod app_user;
pub mod audit_event;
pub mod invitation;
pub mod login_session;
pub mod login_throttle;
pub mod password_reset;
pub mod site;
pub mod site_contact;
pub mod topic;
