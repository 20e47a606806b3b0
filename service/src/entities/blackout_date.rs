//! A date on which no session is scheduled, for one site or (no site) for all.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "blackout_date")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: Option<i32>,
    pub date: Date,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
