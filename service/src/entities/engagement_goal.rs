//! A measurable goal of an engagement: a metric moved from its baseline to a target by a date.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "engagement_goal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub engagement_id: i32,
    /// What the site means to achieve: `Fewer non-fatal shootings`.
    pub name: String,
    /// How it is measured: `Non-fatal shootings per month`.
    pub metric: String,
    /// What the metric counts: `shootings`, `%`.
    pub unit: String,
    /// The metric's value when the goal was set (at the engagement's start).
    pub baseline: f64,
    /// The value to reach by `due_on`; never the baseline.
    pub target: f64,
    pub due_on: Date,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
