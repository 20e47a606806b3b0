//! Reading sessions: a provider's or a site's, over a period.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{tta_request, tta_session};
use crate::{Database, ServiceError};

/// The provider's sessions starting in `from..until`, in time order (cancelled ones included).
pub async fn provider_sessions(
    db: &Database,
    provider_id: i32,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    Ok(tta_session::Entity::find()
        .filter(tta_session::Column::ProviderId.eq(provider_id))
        .filter(tta_session::Column::StartsAt.gte(from))
        .filter(tta_session::Column::StartsAt.lt(until))
        .order_by_asc(tta_session::Column::StartsAt)
        .all(db.conn())
        .await?)
}

/// The site's sessions (of all its requests) starting in `from..until`, in time order.
pub async fn site_sessions(
    db: &Database,
    site_id: i32,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    let request_ids: Vec<i32> = tta_request::Entity::find()
        .filter(tta_request::Column::SiteId.eq(site_id))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    Ok(tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.is_in(request_ids))
        .filter(tta_session::Column::StartsAt.gte(from))
        .filter(tta_session::Column::StartsAt.lt(until))
        .order_by_asc(tta_session::Column::StartsAt)
        .all(db.conn())
        .await?)
}
