//! The API's coaching sessions: listed by period, site, provider and status, a page at a time in
//! time order, and read one by one. Coordinators and administrators see every session; a
//! provider only their own; a site contact those of their sites' requests. A site or provider
//! the caller may not see is *not found*.

use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};

use super::query::{Mistakes, actor_zone, parse_id, parse_instant, parse_status};
use super::{Cursor, Page, PageSize};
use crate::access::{Actor, ensure_provider, ensure_site, visible_session};
use crate::accounts::Role;
use crate::entities::{tta_request, tta_session};
use crate::status::SessionStatus;
use crate::{Database, ServiceError};

/// A session with what the API shows beside it: its request's site and title.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiSession {
    pub session: tta_session::Model,
    pub site_id: i32,
    pub title: String,
}

/// The list's filters, as typed in the query string.
#[derive(Clone, Debug, Default)]
pub struct SessionQuery<'a> {
    /// An RFC 3339 instant or a `YYYY-MM-DD` date (midnight in the caller's zone): sessions
    /// ending after it.
    pub from: Option<&'a str>,
    /// Sessions starting before it.
    pub to: Option<&'a str>,
    pub site_id: Option<&'a str>,
    pub provider_id: Option<&'a str>,
    pub status: Option<&'a str>,
    pub cursor: Option<&'a str>,
    pub limit: Option<&'a str>,
}

/// One page of the sessions the caller may see, in time order (start, then id).
pub async fn list_sessions(
    db: &Database,
    actor: &Actor,
    query: &SessionQuery<'_>,
) -> Result<Page<ApiSession>, ServiceError> {
    let user = actor.user();
    let zone = actor_zone(actor)?;
    let mut mistakes = Mistakes::default();
    let from = mistakes.take(parse_instant(query.from, "from", zone));
    let to = mistakes.take(parse_instant(query.to, "to", zone));
    let site_id = mistakes.take(parse_id(query.site_id, "site_id"));
    let provider_id = mistakes.take(parse_id(query.provider_id, "provider_id"));
    let status = mistakes.take(parse_status(query.status, SessionStatus::parse));
    let cursor = mistakes.take(Cursor::parse(query.cursor, true));
    let size = mistakes.take(PageSize::parse(query.limit).map(Some));
    mistakes.finish()?;
    if let (Some(from), Some(to)) = (from, to)
        && to <= from
    {
        return Err(ServiceError::field("to", "to is after from."));
    }
    let size = size.unwrap_or_default();

    let mut select = tta_session::Entity::find();
    let mut sites: Option<Vec<i32>> = None;
    match user.role {
        Role::Coordinator | Role::Admin => {}
        Role::Provider => {
            select = select.filter(tta_session::Column::ProviderId.eq(user.id));
        }
        Role::SiteContact => sites = Some(user.site_ids.clone()),
    }
    if let Some(site_id) = site_id {
        ensure_site(user, site_id).or_else(|e| {
            // A provider may narrow their own sessions to a site.
            if user.role == Role::Provider {
                Ok(())
            } else {
                Err(e)
            }
        })?;
        sites = Some(vec![site_id]);
    }
    if let Some(provider_id) = provider_id {
        if user.role != Role::SiteContact {
            ensure_provider(user, provider_id)?;
        }
        select = select.filter(tta_session::Column::ProviderId.eq(provider_id));
    }
    if let Some(sites) = sites {
        select = select.filter(
            tta_session::Column::RequestId.in_subquery(
                tta_request::Entity::find()
                    .select_only()
                    .column(tta_request::Column::Id)
                    .filter(tta_request::Column::SiteId.is_in(sites))
                    .into_query(),
            ),
        );
    }
    if let Some(from) = from {
        select = select.filter(tta_session::Column::EndsAt.gt(from));
    }
    if let Some(to) = to {
        select = select.filter(tta_session::Column::StartsAt.lt(to));
    }
    if let Some(status) = status {
        select = select.filter(tta_session::Column::Status.eq(status.as_str()));
    }
    if let Some(cursor) = cursor
        && let Some(at) = cursor.instant()
    {
        select = select.filter(
            Condition::any()
                .add(Expr::col(tta_session::Column::StartsAt).gt(at))
                .add(
                    Condition::all()
                        .add(Expr::col(tta_session::Column::StartsAt).eq(at))
                        .add(Expr::col(tta_session::Column::Id).gt(cursor.id)),
                ),
        );
    }
    let rows = select
        .order_by_asc(tta_session::Column::StartsAt)
        .order_by_asc(tta_session::Column::Id)
        .limit(size.get() + 1)
        .all(db.conn())
        .await?;
    let page = Page::from_rows(rows, size, |s| Cursor::after(s.starts_at, s.id));
    let items = with_requests(db, page.items).await?;
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// One session the caller may see (others: *not found*).
pub async fn read_session(
    db: &Database,
    actor: &Actor,
    session_id: i32,
) -> Result<ApiSession, ServiceError> {
    let session = visible_session(db, actor.user(), session_id).await?;
    with_requests(db, vec![session])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ServiceError::NotFound(format!("Session #{session_id}")))
}

async fn with_requests(
    db: &Database,
    sessions: Vec<tta_session::Model>,
) -> Result<Vec<ApiSession>, ServiceError> {
    let ids: Vec<i32> = sessions.iter().map(|s| s.request_id).collect();
    let requests: std::collections::HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    sessions
        .into_iter()
        .map(|session| {
            let request = requests.get(&session.request_id).ok_or_else(|| {
                ServiceError::Internal(format!("session {} without its request", session.id))
            })?;
            Ok(ApiSession {
                site_id: request.site_id,
                title: request.title.clone(),
                session,
            })
        })
        .collect()
}
