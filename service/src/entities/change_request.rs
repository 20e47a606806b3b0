//! A site contact's ask to reschedule or cancel a session (or the rest of its series).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub request_id: i32,
    /// `reschedule`, `cancel_one` or `cancel_rest`.
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    #[sea_orm(column_type = "Text")]
    pub wanted: String,
    /// `open`, `done` or `declined`.
    pub status: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub handled_by: Option<i32>,
    pub handled_at: Option<DateTimeUtc>,
    /// What the coordinator told the site when handling the ask (empty until handled).
    #[sea_orm(column_type = "Text")]
    pub outcome_note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
