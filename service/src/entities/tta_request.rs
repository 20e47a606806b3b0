//! A request for training or technical assistance made by a site.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tta_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: i32,
    /// The engagement the request serves (set for every request since engagements exist).
    pub engagement_id: Option<i32>,
    pub requested_by: Option<i32>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub engagement_type: String,
    pub modality: String,
    pub session_count: i32,
    pub cadence: String,
    pub session_minutes: i32,
    pub earliest_date: Date,
    pub latest_date: Date,
    pub preferred_weekdays: String,
    pub preferred_start_minute: i32,
    pub preferred_end_minute: i32,
    pub anchor_zone: String,
    pub minimum_level: i16,
    pub expected_attendees: i32,
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    /// Days of each on-site visit (1 to 5 consecutive business days); 0 for ordinary sessions.
    pub visit_days: i32,
    /// Whether the provider's travel day before and after each visit is kept free.
    pub travel_days: bool,
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
