//! A provider's or an engagement's meeting-link setting (migration 31): a fixed link or a
//! generated room per session occurrence. Exactly one of `provider_id` and `engagement_id` is set.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_setting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub provider_id: Option<i32>,
    #[sea_orm(unique)]
    pub engagement_id: Option<i32>,
    /// `fixed` or `generated`.
    pub mode: String,
    /// The fixed link (https); empty for generated rooms.
    #[sea_orm(column_type = "Text")]
    pub link: String,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
