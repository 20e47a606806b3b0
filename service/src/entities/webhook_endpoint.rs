//! A webhook endpoint registered by an administrator: where events are POSTed, which events,
//! the signing secret (`whsec_…`, Standard Webhooks), and whether it is enabled.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_endpoint")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub url: String,
    pub description: String,
    /// The events chosen, space-separated (`proposal.accepted session.confirmed`).
    pub events: String,
    /// `whsec_` and the base64 of the key; the key signs every delivery.
    pub secret: String,
    pub enabled: bool,
    pub disabled_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub disabled_reason: Option<String>,
    /// Failed attempts in a row since the last success.
    pub consecutive_failures: i32,
    /// When the current streak of failures began.
    pub failing_since: Option<DateTimeUtc>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
