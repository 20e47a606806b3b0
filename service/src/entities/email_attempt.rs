//! One delivery attempt of an outbox message, with its outcome and error.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_attempt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub outbox_id: i64,
    pub attempt: i32,
    pub claimed_by: String,
    pub started_at: DateTimeUtc,
    pub finished_at: DateTimeUtc,
    /// `sent`, `retry` or `failed`.
    pub outcome: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
