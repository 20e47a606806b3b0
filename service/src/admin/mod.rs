//! Administration use cases (the admin role; the server functions check the role): accounts
//! and roles, sites with their blackout dates, topics, and the programme-wide scheduling
//! settings. Every change is written to the audit log in the change's own transaction, naming
//! the administrator who made it.
//!
//! Forms come in as text exactly as typed and are parsed into domain values; mistakes come back
//! as one [`ServiceError::Invalid`](crate::ServiceError::Invalid) whose lines read
//! `field: message`, so the page can show each message next to its field.

pub mod blackouts;
mod fields;
pub mod settings;
pub mod sites;
pub mod topics;
pub mod users;

pub use fields::FieldErrors;

use crate::accounts::{ClientInfo, CurrentUser};

/// Who makes an administrative change, for the audit log.
#[derive(Clone, Copy, Debug)]
pub struct Actor<'a> {
    pub user: &'a CurrentUser,
    pub client: &'a ClientInfo,
}

impl<'a> Actor<'a> {
    pub fn new(user: &'a CurrentUser, client: &'a ClientInfo) -> Self {
        Self { user, client }
    }

    pub(crate) fn entry(
        &self,
        action: &'a str,
        subject_type: &'a str,
        subject_id: impl ToString,
        detail: serde_json::Value,
    ) -> crate::accounts::audit::AuditEntry<'a> {
        crate::accounts::audit::AuditEntry {
            actor_user_id: Some(self.user.id),
            action,
            subject_type,
            subject_id: Some(subject_id.to_string()),
            detail,
            ip: self.client.ip.as_deref(),
        }
    }
}
