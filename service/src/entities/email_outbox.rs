//! One e-mail waiting in (or sent from) the transactional outbox; see `crate::mail`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `event × recipient`, unique: one message per person per event, ever.
    #[sea_orm(unique)]
    pub dedup_key: String,
    pub recipient: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    /// RFC 5545 text of the invite, when the message carries one.
    #[sea_orm(column_type = "Text", nullable)]
    pub calendar: Option<String>,
    /// `REQUEST` or `CANCEL`, with `calendar`.
    pub calendar_method: Option<String>,
    /// `<…@…>`: the Message-ID header, the same on every attempt.
    pub message_id: String,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub event: String,
    pub recipient_name: String,
    pub claimed_by: Option<String>,
    pub claimed_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
