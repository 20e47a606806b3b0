//! A person on an engagement's team: a site contact (lead or member) or a provider with a TTA
//! role. Once per engagement and person; at most one site lead per engagement.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "engagement_member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub engagement_id: i32,
    pub user_id: i32,
    /// `site` or `tta` (`contract::vocabulary::TeamSide`).
    pub side: String,
    /// `contract::vocabulary::TeamRole`'s stored text.
    pub role: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
