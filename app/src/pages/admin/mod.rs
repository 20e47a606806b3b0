//! Administration pages (admin role): the e-mail outbox and the audit log.

pub mod audit;
pub mod outbox;
