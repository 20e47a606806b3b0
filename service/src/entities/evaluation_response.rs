//! One submitted evaluation: an attendee's (anonymous ones without their registration), or a
//! host site contact's or the provider's feedback on an event.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub form_id: i32,
    /// `participant`, `requester` or `consultant`.
    pub respondent: String,
    /// The attendee's registration; none when anonymous or not an attendee.
    pub registration_id: Option<i32>,
    /// The logged-in site contact or provider.
    pub user_id: Option<i32>,
    pub anonymous: bool,
    pub submitted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
