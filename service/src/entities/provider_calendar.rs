//! A provider's connected calendar: a published ICS address or a CalDAV account, with the state
//! of its last refresh and the lease of the instance refreshing it (migrations 30 and 32).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "provider_calendar")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub provider_id: i32,
    /// `ics` or `caldav`.
    pub kind: String,
    pub label: String,
    #[sea_orm(column_type = "Text")]
    pub url: String,
    pub username: Option<String>,
    /// The CalDAV password sealed under the installation key (`crate::secrets`, bound to this
    /// row's id), opened only by the refresh; never sent to a browser. Plaintext only in a row
    /// written before migration 32 and not yet sealed by the start-up sweep.
    #[sea_orm(column_type = "Text", nullable)]
    pub password: Option<String>,
    /// Whether `password` is sealed (migration 32).
    pub password_sealed: bool,
    pub created_at: DateTimeUtc,
    /// `never` (not refreshed yet), `ok` or `failed`.
    pub last_status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTimeUtc>,
    pub last_success_at: Option<DateTimeUtc>,
    pub busy_count: i32,
    pub next_refresh_at: DateTimeUtc,
    pub claimed_by: Option<String>,
    pub claimed_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
