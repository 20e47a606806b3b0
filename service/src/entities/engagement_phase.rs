//! One phase of an engagement, with its target dates and, once it happens, its actual dates.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "engagement_phase")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub engagement_id: i32,
    /// 1, 2, … in the order the phases are shown.
    pub position: i32,
    pub name: String,
    pub target_start: Date,
    pub target_end: Date,
    pub actual_start: Option<Date>,
    pub actual_end: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
