//! A configurable evaluation form: who answers it and the fields government forms carry.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_form")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    /// `participant`, `requester` (the host site's contacts) or `consultant` (the provider).
    pub audience: String,
    /// OMB control number (empty: not shown).
    pub omb_number: String,
    pub omb_expires_on: Option<Date>,
    /// The burden statement (empty: not shown).
    #[sea_orm(column_type = "Text")]
    pub burden_statement: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
