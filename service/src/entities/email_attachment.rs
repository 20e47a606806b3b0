//! One attachment of an outbox message (migration 18), in the order it is attached: each
//! session's invite of a series is its own `.ics` file; see `crate::mail::compose`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_attachment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub outbox_id: i64,
    /// 0-based place in the message.
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    /// e.g. `session-3.ics`.
    pub filename: String,
    /// The whole MIME type with its parameters, e.g. `text/calendar; method=REQUEST`.
    pub content_type: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::email_outbox::Entity",
        from = "Column::OutboxId",
        to = "super::email_outbox::Column::Id"
    )]
    Outbox,
}

impl ActiveModelBehavior for ActiveModel {}
