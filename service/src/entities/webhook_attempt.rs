//! One attempt to deliver a webhook: status code, duration, response excerpt, error.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_attempt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub delivery_id: i64,
    pub attempt: i32,
    pub claimed_by: String,
    pub started_at: DateTimeUtc,
    pub finished_at: DateTimeUtc,
    pub duration_ms: i64,
    pub status_code: Option<i32>,
    /// `delivered`, `retry` or `failed`.
    pub outcome: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub response_excerpt: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
