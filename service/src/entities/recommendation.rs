//! A site-specific recommendation of an engagement's plan, under one PSP core area, owned by a
//! person at the site.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub engagement_id: i32,
    /// `contract::vocabulary::CoreArea`'s stored text.
    pub core_area: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub owner: String,
    /// `open`, `in_progress`, `done` or `dropped`.
    pub status: String,
    pub created_at: DateTimeUtc,
    /// The recommendation of another engagement's plan this one was copied from (an Operations
    /// engagement opened from its Diagnostic's plan), if any.
    pub carried_from: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
