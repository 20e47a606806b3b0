//! What the visiting site's contacts read of the exchanges they visit, and the one sentence
//! every reader of an exchange sees.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::access::{Actor, visited_request_ids, visiting_site_of};
use crate::accounts::Role;
use crate::entities::{peer_exchange, site, tta_request};
use crate::requests::{RequestSummary, SiteRequest};
use crate::status::RequestStatus;
use crate::{Database, ServiceError};

fn site_text(site: &site::Model) -> String {
    format!("{}, {}", site.name, site.state)
}

/// `Peer exchange: Houston, TX visits Memphis, TN.` for a request that is one, else `None`.
pub async fn exchange_line(
    db: &Database,
    request: &tta_request::Model,
) -> Result<Option<String>, ServiceError> {
    Ok(exchange_lines(db, &[request.id]).await?.remove(&request.id))
}

/// [`exchange_line`] for each of `request_ids` that is a peer exchange, by request id.
pub async fn exchange_lines(
    db: &Database,
    request_ids: &[i32],
) -> Result<HashMap<i32, String>, ServiceError> {
    if request_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let exchanges = peer_exchange::Entity::find()
        .filter(peer_exchange::Column::RequestId.is_in(request_ids.to_vec()))
        .all(db.conn())
        .await?;
    if exchanges.is_empty() {
        return Ok(HashMap::new());
    }
    let hosts: HashMap<i32, i32> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(exchanges.iter().map(|e| e.request_id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r.site_id))
        .collect();
    let names: HashMap<i32, String> = site::Entity::find()
        .all(db.conn())
        .await?
        .iter()
        .map(|s| (s.id, site_text(s)))
        .collect();
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();
    Ok(exchanges
        .iter()
        .filter_map(|e| {
            let host = hosts.get(&e.request_id)?;
            Some((
                e.request_id,
                format!(
                    "Peer exchange: {} visits {}.",
                    name(e.visiting_site_id),
                    name(*host)
                ),
            ))
        })
        .collect())
}

/// The names of the active contacts of the visiting site of `request_id` (none for a request
/// that is not a peer exchange): they are e-mailed about its sessions too.
pub async fn visiting_contacts(
    db: &Database,
    request_id: i32,
) -> Result<Vec<String>, ServiceError> {
    match visiting_site_of(db.conn(), request_id).await? {
        Some(visiting) => crate::sites::site_contact_names(db, visiting).await,
        None => Ok(Vec::new()),
    }
}

/// The exchanges the contact's sites visit, each with its host site, newest first. Site
/// contacts only.
pub async fn visiting_rows(db: &Database, actor: &Actor) -> Result<Vec<SiteRequest>, ServiceError> {
    actor.require(&[Role::SiteContact])?;
    let ids = visited_request_ids(db.conn(), &actor.user().site_ids).await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let requests = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(ids))
        .all(db.conn())
        .await?;
    let hosts: HashMap<i32, site::Model> = site::Entity::find()
        .filter(site::Column::Id.is_in(requests.iter().map(|r| r.site_id)))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut rows = Vec::new();
    for r in requests {
        let Some(host) = hosts.get(&r.site_id) else {
            continue;
        };
        let status = RequestStatus::parse(&r.status)
            .map_err(|e| ServiceError::Internal(format!("request {}: {e}", r.id)))?;
        rows.push(SiteRequest {
            site: host.clone(),
            request: RequestSummary {
                id: r.id,
                site_id: r.site_id,
                title: r.title,
                status,
                session_count: r.session_count,
                cadence: r.cadence,
                earliest_date: r.earliest_date,
                latest_date: r.latest_date,
                created_at: r.created_at,
            },
        });
    }
    rows.sort_by(|a, b| {
        b.request
            .created_at
            .cmp(&a.request.created_at)
            .then(b.request.id.cmp(&a.request.id))
    });
    Ok(rows)
}
