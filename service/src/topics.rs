//! The PSP core areas offered as request topics and provider expertise.

use sea_orm::{EntityTrait, QueryOrder};

use crate::entities::topic;
use crate::{Database, ServiceError};

/// Every topic, by name.
pub async fn list_topics(db: &Database) -> Result<Vec<topic::Model>, ServiceError> {
    Ok(topic::Entity::find()
        .order_by_asc(topic::Column::Name)
        .all(db.conn())
        .await?)
}
