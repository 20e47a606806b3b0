//! The acting person of a use case: who is asking, as established by a verified log-in.
//!
//! An [`Actor`] cannot be made outside this crate except by [`resolve_actor`], which reads a live
//! log-in session. Use cases that take `&Actor` check the role and the record themselves
//! ([`Actor::require`], then the record rules in [`crate::access`]), so an entry point — a server
//! function, a CSV export, a JSON API — cannot reach the data without both checks: it has no
//! other way to name the person.

use crate::accounts::login_sessions::resolve_login_session;
use crate::accounts::{CurrentUser, Role, SessionPolicy, SessionToken};
use crate::{Database, ServiceError};

/// Coordinators and administrators: the people who work every site's requests.
pub const STAFF: &[Role] = &[Role::Coordinator, Role::Admin];

/// The person a use case acts for. Cheap to clone; its fields are read through
/// [`Actor::user`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    user: CurrentUser,
}

impl Actor {
    /// Only from a verified log-in (see the module docs).
    pub(crate) fn verified(user: CurrentUser) -> Self {
        Self { user }
    }

    /// Who the actor is: id, name, role, zone and sites.
    pub fn user(&self) -> &CurrentUser {
        &self.user
    }

    pub fn id(&self) -> i32 {
        self.user.id
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    /// `Ok` when the actor's role is one of `roles`; otherwise [`ServiceError::Forbidden`] with
    /// a sentence naming the role, for the person.
    pub fn require(&self, roles: &[Role]) -> Result<&Self, ServiceError> {
        if self.user.has_role(roles) {
            Ok(self)
        } else {
            Err(ServiceError::Forbidden(format!(
                "Your role ({}) does not give access to this. Ask an administrator if you need it.",
                self.user.role.label()
            )))
        }
    }
}

/// The actor of a live log-in session; `None` for unknown, expired or deactivated sessions.
pub async fn resolve_actor(
    db: &Database,
    token: &SessionToken,
    policy: &SessionPolicy,
) -> Result<Option<Actor>, ServiceError> {
    Ok(resolve_login_session(db, token, policy)
        .await?
        .map(Actor::verified))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor::verified(CurrentUser {
            id: 1,
            email: "x@example.org".into(),
            display_name: "X".into(),
            role,
            time_zone: "America/Chicago".into(),
            site_ids: vec![],
        })
    }

    #[test]
    fn roles_outside_the_list_are_refused_with_the_role_named() {
        assert!(actor(Role::Coordinator).require(STAFF).is_ok());
        assert!(actor(Role::Admin).require(STAFF).is_ok());
        let refused = actor(Role::Provider).require(STAFF).unwrap_err();
        assert!(
            matches!(&refused, ServiceError::Forbidden(m) if m.contains("Provider")),
            "{refused:?}"
        );
    }
}
