//! One range of a provider's weekly hours, wall-clock minutes in the provider's zone.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "weekly_hours")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub provider_id: i32,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: i16,
    pub start_minute: i32,
    pub end_minute: i32,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
