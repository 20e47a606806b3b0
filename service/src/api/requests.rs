//! The API's requests: listed with filters a page at a time (by id), read one by one, and made
//! on behalf of a site by its contact (the new-request form's own use case and rules).
//! Coordinators and administrators see every request, a site contact their sites' requests;
//! providers are refused (they see sessions and proposals instead).

use contract::forms::IntakeForm;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::query::{Mistakes, parse_id, parse_status};
use super::{Cursor, Page, PageSize};
use crate::access::{Actor, ensure_site, visible_request};
use crate::accounts::Role;
use crate::entities::tta_request;
use crate::notify::NotifySettings;
use crate::status::RequestStatus;
use crate::{Database, ServiceError};

const READERS: &[Role] = &[Role::SiteContact, Role::Coordinator, Role::Admin];

/// The list's filters, as typed in the query string.
#[derive(Clone, Debug, Default)]
pub struct RequestQuery<'a> {
    pub site_id: Option<&'a str>,
    pub engagement_id: Option<&'a str>,
    pub status: Option<&'a str>,
    pub cursor: Option<&'a str>,
    pub limit: Option<&'a str>,
}

/// One page of the requests the caller may see, oldest first.
pub async fn list_requests(
    db: &Database,
    actor: &Actor,
    query: &RequestQuery<'_>,
) -> Result<Page<tta_request::Model>, ServiceError> {
    let user = actor.require(READERS)?.user();
    let mut mistakes = Mistakes::default();
    let site_id = mistakes.take(parse_id(query.site_id, "site_id"));
    let engagement_id = mistakes.take(parse_id(query.engagement_id, "engagement_id"));
    let status = mistakes.take(parse_status(query.status, RequestStatus::parse));
    let cursor = mistakes.take(Cursor::parse(query.cursor, false));
    let size = mistakes.take(PageSize::parse(query.limit).map(Some));
    mistakes.finish()?;
    let size = size.unwrap_or_default();
    let mut select = tta_request::Entity::find();
    if user.role == Role::SiteContact {
        select = select.filter(tta_request::Column::SiteId.is_in(user.site_ids.clone()));
    }
    if let Some(site_id) = site_id {
        ensure_site(user, site_id)?;
        select = select.filter(tta_request::Column::SiteId.eq(site_id));
    }
    if let Some(engagement_id) = engagement_id {
        select = select.filter(tta_request::Column::EngagementId.eq(engagement_id));
    }
    if let Some(status) = status {
        select = select.filter(tta_request::Column::Status.eq(status.as_str()));
    }
    if let Some(cursor) = cursor {
        select = select.filter(tta_request::Column::Id.gt(cursor.id));
    }
    let rows = select
        .order_by_asc(tta_request::Column::Id)
        .limit(size.get() + 1)
        .all(db.conn())
        .await?;
    Ok(Page::from_rows(rows, size, |r| Cursor::after_id(r.id)))
}

/// One request the caller may see (others: *not found*; providers: refused).
pub async fn read_request(
    db: &Database,
    actor: &Actor,
    request_id: i32,
) -> Result<tta_request::Model, ServiceError> {
    let user = actor.require(READERS)?.user();
    visible_request(db, user, request_id).await
}

/// Submits `form` for site `site_id` as its contact would on the new-request page; returns the
/// new request.
pub async fn create_request(
    db: &Database,
    actor: &Actor,
    site_id: i32,
    form: &IntakeForm,
    notify: &NotifySettings,
) -> Result<tta_request::Model, ServiceError> {
    let id = crate::requests::submit_request(db, actor, site_id, form, notify).await?;
    visible_request(db, actor.user(), id).await
}
