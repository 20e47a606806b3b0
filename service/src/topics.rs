//! The PSP core areas offered as request topics and provider expertise. Administrators add,
//! rename and retire topics ([`crate::admin::topics`]); a retired topic is not offered on the
//! intake form but stays on the requests that name it.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::topic;
use crate::{Database, ServiceError};

/// Every topic (retired ones too), by name.
pub async fn list_topics(db: &Database) -> Result<Vec<topic::Model>, ServiceError> {
    Ok(topic::Entity::find()
        .order_by_asc(topic::Column::Name)
        .all(db.conn())
        .await?)
}

/// The topics offered on the intake form (not retired), by name.
pub async fn offered_topics(db: &Database) -> Result<Vec<topic::Model>, ServiceError> {
    Ok(topic::Entity::find()
        .filter(topic::Column::RetiredAt.is_null())
        .order_by_asc(topic::Column::Name)
        .all(db.conn())
        .await?)
}
