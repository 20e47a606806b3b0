//! One value of a goal's metric, as the site recorded it for a day.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "goal_progress")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub goal_id: i32,
    /// The day the value stands for, on the site's calendar.
    pub recorded_on: Date,
    pub value: f64,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    /// Who recorded it (null once that person is removed).
    pub recorded_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
