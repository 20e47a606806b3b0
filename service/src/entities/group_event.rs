//! A group event (training, webinar, workshop, summit) that people register for without an
//! account (see `crate::events`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `training`, `webinar`, `workshop` or `summit`.
    pub kind: String,
    pub title: String,
    pub description: String,
    pub host_site_id: i32,
    /// `site` (the host only), `sites` (the host and `group_event_site`), `all`.
    pub audience: String,
    pub provider_id: Option<i32>,
    pub coordinator_id: Option<i32>,
    pub engagement_id: Option<i32>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// The event's own clock (the host site's zone).
    pub time_zone: String,
    pub location: String,
    pub virtual_link: String,
    pub capacity: i32,
    pub registration_deadline: DateTimeUtc,
    pub registration_token: String,
    pub check_in_code: String,
    /// `open` or `cancelled`.
    pub status: String,
    /// Registrations ever made; the next one's position.
    pub arrivals: i32,
    pub sequence: i32,
    pub calendar_uid: String,
    pub created_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
    /// The attendees' evaluation form (null: the default participant form).
    pub evaluation_form_id: Option<i32>,
    /// Whether attendees' evaluations are stored without their registration.
    pub evaluation_anonymous: bool,
    /// Whether the certificate waits for the attendee's evaluation.
    pub certificate_requires_evaluation: bool,
    /// The event's topic, for evaluation results per topic.
    pub topic_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
