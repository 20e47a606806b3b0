//! A provider's own sessions with what the calendar pages show beside each: the request's title
//! and the site with its zone (so each time can be written on both wall clocks).

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, Select};
use std::collections::HashMap;

use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{site, tta_request, tta_session};
use crate::paging::{Keyset, PAGE_SIZE, Page, Position, Slice};
use crate::status::SessionStatus;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// One session of the provider, with its request and site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderSession {
    pub session: tta_session::Model,
    pub request_title: String,
    /// `Kansas City, MO`.
    pub site: String,
    pub site_zone: TimeZone,
}

/// The acting provider's tentative, confirmed and completed sessions that end after `from` and
/// start before `until`, in time order (cancelled ones are left out). Providers only, and only
/// their own.
pub async fn provider_sessions_with_sites(
    db: &Database,
    actor: &Actor,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<ProviderSession>, ServiceError> {
    let sessions = own_sessions(actor, from, until)?
        .order_by_asc(tta_session::Column::StartsAt)
        .order_by_asc(tta_session::Column::Id)
        .all(db.conn())
        .await?;
    with_sites(db, sessions).await
}

/// Where a session stands in a provider's list: its start, then its id.
pub type SessionsPosition = Position<DateTime<Utc>, i32>;

/// Which page of a provider's session list.
pub type SessionsPage = Page<DateTime<Utc>, i32>;

/// One page ([`PAGE_SIZE`] sessions) of what [`provider_sessions_with_sites`] lists, in time
/// order (`order` ascending: the upcoming list) or newest first (descending: the past list),
/// with the count of the whole list and where the pages beside it start. Providers only, and
/// only their own.
pub async fn provider_sessions_page(
    db: &Database,
    actor: &Actor,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    order: Order,
    page: &SessionsPage,
) -> Result<Slice<ProviderSession, DateTime<Utc>, i32>, ServiceError> {
    let query = own_sessions(actor, from, until)?;
    let keyset = Keyset {
        key: tta_session::Column::StartsAt,
        id: tta_session::Column::Id,
        order,
    };
    let slice = crate::paging::fetch(db.conn(), query, keyset, page, PAGE_SIZE, |s| {
        SessionsPosition {
            key: s.starts_at,
            id: s.id,
        }
    })
    .await?;
    Ok(Slice {
        rows: with_sites(db, slice.rows).await?,
        total: slice.total,
        next: slice.next,
        previous: slice.previous,
    })
}

/// The acting provider's own sessions, not cancelled, overlapping `from..until` (unordered).
fn own_sessions(
    actor: &Actor,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Select<tta_session::Entity>, ServiceError> {
    let provider_id = actor.require(&[Role::Provider])?.id();
    Ok(tta_session::Entity::find()
        .filter(tta_session::Column::ProviderId.eq(provider_id))
        .filter(tta_session::Column::Status.is_in([
            SessionStatus::Tentative.as_str(),
            SessionStatus::Confirmed.as_str(),
            SessionStatus::Completed.as_str(),
        ]))
        .filter(tta_session::Column::EndsAt.gt(from))
        .filter(tta_session::Column::StartsAt.lt(until)))
}

/// Each session with its request's title and its site (two queries for the lot).
async fn with_sites(
    db: &Database,
    sessions: Vec<tta_session::Model>,
) -> Result<Vec<ProviderSession>, ServiceError> {
    let mut request_ids: Vec<i32> = sessions.iter().map(|s| s.request_id).collect();
    request_ids.sort_unstable();
    request_ids.dedup();
    let requests: HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(request_ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let mut site_ids: Vec<i32> = requests.values().map(|r| r.site_id).collect();
    site_ids.sort_unstable();
    site_ids.dedup();
    let sites: HashMap<i32, site::Model> = site::Entity::find()
        .filter(site::Column::Id.is_in(site_ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    sessions
        .into_iter()
        .map(|session| {
            let request = requests.get(&session.request_id).ok_or_else(|| {
                ServiceError::Internal(format!("session {}: no request", session.id))
            })?;
            let site = sites.get(&request.site_id).ok_or_else(|| {
                ServiceError::Internal(format!("request {}: no site", request.id))
            })?;
            let site_zone = TimeZone::parse(&site.time_zone)
                .map_err(|e| ServiceError::Internal(format!("site {}: {e}", site.id)))?;
            Ok(ProviderSession {
                request_title: request.title.clone(),
                site: format!("{}, {}", site.name, site.state),
                site_zone,
                session,
            })
        })
        .collect()
}
