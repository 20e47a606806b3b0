//! An engagement: a site's Diagnostic assessment or its three-year Operations coaching, the unit
//! the programme runs; every TTA request belongs to one.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "engagement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: i32,
    /// `diagnostic` or `operations`.
    pub kind: String,
    /// `planned`, `active`, `closing` or `closed`.
    pub status: String,
    pub starts_on: Date,
    pub planned_end: Date,
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
