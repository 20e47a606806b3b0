//! The API's engagements: listed a page at a time (by id) and read one by one. Coordinators and
//! administrators see every engagement; a site contact their sites'; a provider those they serve
//! on (as a team member).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};

use super::query::{Mistakes, parse_id, parse_status};
use super::{Cursor, Page, PageSize};
use crate::access::{Actor, ensure_site, is_staff};
use crate::accounts::Role;
use crate::entities::{engagement, engagement_member};
use crate::status::EngagementStatus;
use crate::{Database, ServiceError};

/// The list's filters, as typed in the query string.
#[derive(Clone, Debug, Default)]
pub struct EngagementQuery<'a> {
    pub site_id: Option<&'a str>,
    pub status: Option<&'a str>,
    pub cursor: Option<&'a str>,
    pub limit: Option<&'a str>,
}

fn served_by(provider_id: i32) -> sea_orm::sea_query::SelectStatement {
    engagement_member::Entity::find()
        .select_only()
        .column(engagement_member::Column::EngagementId)
        .filter(engagement_member::Column::UserId.eq(provider_id))
        .into_query()
}

/// One page of the engagements the caller may see, oldest first.
pub async fn list_engagements(
    db: &Database,
    actor: &Actor,
    query: &EngagementQuery<'_>,
) -> Result<Page<engagement::Model>, ServiceError> {
    let user = actor.user();
    let mut mistakes = Mistakes::default();
    let site_id = mistakes.take(parse_id(query.site_id, "site_id"));
    let status = mistakes.take(parse_status(query.status, EngagementStatus::parse));
    let cursor = mistakes.take(Cursor::parse(query.cursor, false));
    let size = mistakes.take(PageSize::parse(query.limit).map(Some));
    mistakes.finish()?;
    let size = size.unwrap_or_default();
    let mut select = engagement::Entity::find();
    match user.role {
        Role::Coordinator | Role::Admin => {}
        Role::SiteContact => {
            select = select.filter(engagement::Column::SiteId.is_in(user.site_ids.clone()));
        }
        Role::Provider => {
            select = select.filter(engagement::Column::Id.in_subquery(served_by(user.id)));
        }
    }
    if let Some(site_id) = site_id {
        if user.role != Role::Provider {
            ensure_site(user, site_id)?;
        }
        select = select.filter(engagement::Column::SiteId.eq(site_id));
    }
    if let Some(status) = status {
        select = select.filter(engagement::Column::Status.eq(status.as_str()));
    }
    if let Some(cursor) = cursor {
        select = select.filter(engagement::Column::Id.gt(cursor.id));
    }
    let rows = select
        .order_by_asc(engagement::Column::Id)
        .limit(size.get() + 1)
        .all(db.conn())
        .await?;
    Ok(Page::from_rows(rows, size, |e| Cursor::after_id(e.id)))
}

/// One engagement the caller may see (others: *not found*).
pub async fn read_engagement(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
) -> Result<engagement::Model, ServiceError> {
    let user = actor.user();
    let not_found = || ServiceError::NotFound(format!("Engagement #{engagement_id}"));
    let found = engagement::Entity::find_by_id(engagement_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    let visible = match user.role {
        _ if is_staff(user) => true,
        Role::SiteContact => user.site_ids.contains(&found.site_id),
        Role::Provider => engagement_member::Entity::find()
            .filter(engagement_member::Column::EngagementId.eq(engagement_id))
            .filter(engagement_member::Column::UserId.eq(user.id))
            .one(db.conn())
            .await?
            .is_some(),
        _ => false,
    };
    if visible { Ok(found) } else { Err(not_found()) }
}
