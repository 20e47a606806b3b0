//! Administration use cases (administrators only: every use case takes the verified
//! [`Actor`](crate::access::Actor) and checks the role itself, first): accounts and roles, sites
//! with their blackout dates, topics, and the programme-wide scheduling settings. Every change is
//! written to the audit log in the change's own transaction, naming the administrator who made
//! it and the address the change came from.
//!
//! Forms come in as text exactly as typed and are parsed into domain values; mistakes come back
//! as one [`ServiceError::Invalid`](crate::ServiceError::Invalid) whose lines read
//! `field: message`, so the page can show each message next to its field.

pub mod blackouts;
mod fields;
pub mod phases;
pub mod settings;
pub mod sites;
pub mod topics;
pub mod users;

pub use fields::{FieldErrors, FinishFields};

use crate::ServiceError;
use crate::access::Actor;
use crate::accounts::{ClientInfo, Role};

/// The one role the administration use cases serve.
pub(crate) const ADMIN: &[Role] = &[Role::Admin];

/// Who makes an administrative change and from where, as the audit log names them: built inside
/// a use case from the verified [`Actor`] once its role was checked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AuditActor<'a> {
    actor: &'a Actor,
    client: &'a ClientInfo,
}

impl<'a> AuditActor<'a> {
    /// `actor` as an administrator (others: [`ServiceError::Forbidden`]), with the client the
    /// change came from.
    pub(crate) fn admin(actor: &'a Actor, client: &'a ClientInfo) -> Result<Self, ServiceError> {
        actor.require(ADMIN)?;
        Ok(Self { actor, client })
    }

    pub(crate) fn id(&self) -> i32 {
        self.actor.id()
    }

    pub(crate) fn entry(
        &self,
        action: &'a str,
        subject_type: &'a str,
        subject_id: impl ToString,
        detail: serde_json::Value,
    ) -> crate::accounts::audit::AuditEntry<'a> {
        crate::accounts::audit::AuditEntry {
            actor_user_id: Some(self.actor.id()),
            action,
            subject_type,
            subject_id: Some(subject_id.to_string()),
            detail,
            ip: self.client.ip.as_deref(),
        }
    }
}
