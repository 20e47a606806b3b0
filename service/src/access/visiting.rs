//! The one widening of the record rules: the contacts of a peer exchange's **visiting** site may
//! *read* the exchange's request and its sessions (never act on them). Acting use cases keep
//! [`super::visible_request`] and [`super::visible_session`], which know only the host; pages
//! that a visiting contact may read call [`readable_request`] and learn how the reader reads it.
//! A third site's contacts, and providers, get *not found* exactly as before.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{ensure_site, is_staff};
use crate::accounts::{CurrentUser, Role};
use crate::entities::{peer_exchange, tta_request};
use crate::{Database, ServiceError};

/// How a reader may read a request they can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Staff, or a contact of the request's (host) site: reads and acts.
    Host,
    /// A contact of the visiting site of a peer exchange: reads only.
    Visiting,
}

/// The visiting site of request `request_id`, when it is a peer exchange.
pub async fn visiting_site_of<C: ConnectionTrait>(
    conn: &C,
    request_id: i32,
) -> Result<Option<i32>, ServiceError> {
    Ok(peer_exchange::Entity::find_by_id(request_id)
        .one(conn)
        .await?
        .map(|p| p.visiting_site_id))
}

/// The requests that `site_ids` visit as the visiting site of a peer exchange.
pub async fn visited_request_ids<C: ConnectionTrait>(
    conn: &C,
    site_ids: &[i32],
) -> Result<Vec<i32>, ServiceError> {
    if site_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(peer_exchange::Entity::find()
        .filter(peer_exchange::Column::VisitingSiteId.is_in(site_ids.to_vec()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.request_id)
        .collect())
}

/// The request, when `user` may read it: whoever [`super::visible_request`] lets through (as
/// [`Reading::Host`]), and a site contact of its peer exchange's visiting site (as
/// [`Reading::Visiting`]). Anyone else: not found.
pub async fn readable_request(
    db: &Database,
    user: &CurrentUser,
    request_id: i32,
) -> Result<(tta_request::Model, Reading), ServiceError> {
    let not_found = || ServiceError::NotFound(format!("Request #{request_id}"));
    let request = tta_request::Entity::find_by_id(request_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    if ensure_site(user, request.site_id).is_ok() {
        return Ok((request, Reading::Host));
    }
    if is_staff(user) || user.role != Role::SiteContact {
        return Err(not_found());
    }
    match visiting_site_of(db.conn(), request_id).await? {
        Some(visiting) if user.site_ids.contains(&visiting) => Ok((request, Reading::Visiting)),
        _ => Err(not_found()),
    }
}
