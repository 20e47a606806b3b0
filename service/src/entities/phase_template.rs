//! The phases a new engagement of a kind is laid out with, in months from its start; an
//! administrator can edit them.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "phase_template")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `diagnostic` or `operations`.
    pub kind: String,
    pub position: i32,
    pub name: String,
    /// Months after the engagement's start that the phase begins.
    pub start_month: i32,
    /// Months it lasts.
    pub months: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
