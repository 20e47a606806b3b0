//! A request proposed to a team of providers together (issue 16): `proposed` while the providers
//! answer, `approved` once confirmed, `released` when one declined or the coordinator withdrew
//! (every tentative hold let go). Its members are in `session_team_member`, its joint sessions in
//! `team_session`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_team")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub status: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
