//! One person's registration for a group event: registered, waitlisted or cancelled, in arrival
//! order, with their attendance.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_registration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    /// Arrival order within the event (1, 2, …).
    pub position: i32,
    pub name: String,
    pub email: String,
    /// The address lower-cased: a live registration is unique per event and key.
    pub email_key: String,
    pub agency: String,
    pub job_role: String,
    pub accessibility_needs: String,
    /// The participant's own zone: their e-mails and invite are written in it.
    pub time_zone: String,
    /// `registered`, `waitlisted` or `cancelled`.
    pub status: String,
    /// SHA-256 of the personal link's token.
    pub manage_token_hash: String,
    pub registered_at: DateTimeUtc,
    pub promoted_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    /// When the participant checked in with the event's code.
    pub checked_in_at: Option<DateTimeUtc>,
    /// `present` or `absent` once recorded (by check-in or a correction).
    pub attendance: Option<String>,
    pub attendance_by: Option<i32>,
    pub attendance_at: Option<DateTimeUtc>,
    /// SHA-256 of the evaluation link's token e-mailed after the event.
    pub evaluation_token_hash: Option<String>,
    /// When the evaluation link was e-mailed (once).
    pub evaluation_sent_at: Option<DateTimeUtc>,
    /// When the evaluation was submitted (kept even when the response is anonymous).
    pub evaluated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
