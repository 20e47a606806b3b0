//! Record-level access rules, applied by every use case a server function calls after the role
//! check: a site contact sees only their own sites' requests and sessions, a provider only their
//! own profile, availability, proposals and sessions; coordinators and admins see everything
//! operational. Records a person may not see are reported as not found, so their existence
//! stays private.

mod actor;
mod visiting;

pub use actor::{Actor, STAFF, resolve_actor};
pub use visiting::{Reading, readable_request, visited_request_ids, visiting_site_of};

use sea_orm::EntityTrait;

use crate::accounts::{CurrentUser, Role};
use crate::entities::{tta_request, tta_session};
use crate::{Database, ServiceError};

/// Whether `user` works for every site (coordinators, admins).
pub fn is_staff(user: &CurrentUser) -> bool {
    matches!(user.role, Role::Coordinator | Role::Admin)
}

/// `Ok` when `user` may act for `site_id`: staff, or a contact of that site.
pub fn ensure_site(user: &CurrentUser, site_id: i32) -> Result<(), ServiceError> {
    if is_staff(user) || (user.role == Role::SiteContact && user.site_ids.contains(&site_id)) {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("Site #{site_id}")))
    }
}

/// `Ok` when `user` is the provider `provider_id`, or staff.
pub fn ensure_provider(user: &CurrentUser, provider_id: i32) -> Result<(), ServiceError> {
    if is_staff(user) || (user.role == Role::Provider && user.id == provider_id) {
        Ok(())
    } else {
        Err(ServiceError::NotFound(format!("Provider #{provider_id}")))
    }
}

/// The request, when `user` may see it (staff, or a contact of its site).
pub async fn visible_request(
    db: &Database,
    user: &CurrentUser,
    request_id: i32,
) -> Result<tta_request::Model, ServiceError> {
    let request = tta_request::Entity::find_by_id(request_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Request #{request_id}")))?;
    ensure_site(user, request.site_id)
        .map_err(|_| ServiceError::NotFound(format!("Request #{request_id}")))?;
    Ok(request)
}

/// The session, when `user` may see it (staff, its provider, or a contact of its site).
pub async fn visible_session(
    db: &Database,
    user: &CurrentUser,
    session_id: i32,
) -> Result<tta_session::Model, ServiceError> {
    let not_found = || ServiceError::NotFound(format!("Session #{session_id}"));
    let session = tta_session::Entity::find_by_id(session_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    if is_staff(user) || (user.role == Role::Provider && user.id == session.provider_id) {
        return Ok(session);
    }
    let request = tta_request::Entity::find_by_id(session.request_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    ensure_site(user, request.site_id).map_err(|_| not_found())?;
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, id: i32, site_ids: Vec<i32>) -> CurrentUser {
        CurrentUser {
            id,
            email: "x@example.org".into(),
            display_name: "X".into(),
            role,
            time_zone: "America/Chicago".into(),
            site_ids,
        }
    }

    #[test]
    fn site_rules_by_role() {
        assert!(ensure_site(&user(Role::Coordinator, 1, vec![]), 3).is_ok());
        assert!(ensure_site(&user(Role::Admin, 1, vec![]), 3).is_ok());
        assert!(ensure_site(&user(Role::SiteContact, 1, vec![3]), 3).is_ok());
        assert!(matches!(
            ensure_site(&user(Role::SiteContact, 1, vec![8]), 3),
            Err(ServiceError::NotFound(_))
        ));
        assert!(ensure_site(&user(Role::Provider, 1, vec![]), 3).is_err());
    }

    #[test]
    fn providers_reach_only_themselves() {
        assert!(ensure_provider(&user(Role::Provider, 7, vec![]), 7).is_ok());
        assert!(ensure_provider(&user(Role::Provider, 7, vec![]), 8).is_err());
        assert!(ensure_provider(&user(Role::SiteContact, 7, vec![]), 7).is_err());
        assert!(ensure_provider(&user(Role::Coordinator, 1, vec![]), 8).is_ok());
    }
}
