//! A provider's profile: organisation, home zone, modalities, travel, capacity.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "provider_profile")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub organisation: String,
    pub home_zone: String,
    /// JSON array of modality names.
    #[sea_orm(column_type = "Text")]
    pub modalities: String,
    /// JSON array of region names.
    #[sea_orm(column_type = "Text")]
    pub travel_regions: String,
    pub weekly_hour_capacity: i32,
    pub engagement_capacity: i32,
    #[sea_orm(column_type = "Text")]
    pub bio: String,
    pub updated_at: DateTimeUtc,
    /// When a coordinator marked the provider as leaving (no longer ranked); `None` while active.
    pub departed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
