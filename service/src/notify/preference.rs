//! Each coordinator's choice of how notices of what waits for them arrive: an e-mail per event
//! (immediate, the default) or one daily digest ([`crate::mail::digest`]).

use chrono::Utc;
use contract::views::home::Delivery;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::access::{Actor, STAFF};
use crate::entities::notification_preference as preference;
use crate::{Database, ServiceError};

/// How `user_id`'s notices arrive (immediate when they never chose).
pub async fn delivery_of<C: ConnectionTrait>(
    conn: &C,
    user_id: i32,
) -> Result<Delivery, ServiceError> {
    Ok(preference::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .and_then(|row| Delivery::parse(&row.delivery))
        .unwrap_or_default())
}

/// Everyone who chose the daily digest.
pub(crate) async fn daily_readers<C: ConnectionTrait>(conn: &C) -> Result<Vec<i32>, ServiceError> {
    Ok(preference::Entity::find()
        .filter(preference::Column::Delivery.eq(Delivery::Daily.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| row.user_id)
        .collect())
}

/// The acting coordinator or administrator chooses how their notices arrive (`immediate` or
/// `daily`; anything else is refused, 400). Others: 403.
pub async fn set_notice_delivery(
    db: &Database,
    actor: &Actor,
    delivery: &str,
) -> Result<Delivery, ServiceError> {
    actor.require(STAFF)?;
    let delivery = Delivery::parse(delivery).ok_or_else(|| {
        ServiceError::field("delivery", "Choose immediate e-mails or a daily digest.")
    })?;
    preference::Entity::insert(preference::ActiveModel {
        user_id: Set(actor.id()),
        delivery: Set(delivery.as_str().to_owned()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(preference::Column::UserId)
            .update_columns([preference::Column::Delivery, preference::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db.conn())
    .await?;
    Ok(delivery)
}
