//! One busy span imported from a provider's calendar, as UTC instants (migration 30).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_busy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub calendar_id: i32,
    pub provider_id: i32,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
