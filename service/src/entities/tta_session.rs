//! One scheduled coaching or training session of a request's series.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tta_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub provider_id: i32,
    pub proposal_id: Option<i32>,
    pub occurrence: i32,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub blocked_from: DateTimeUtc,
    pub blocked_until: DateTimeUtc,
    pub anchor_zone: String,
    #[sea_orm(column_type = "Text")]
    pub location: String,
    #[sea_orm(column_type = "Text")]
    pub virtual_link: String,
    pub status: String,
    #[sea_orm(unique)]
    pub calendar_uid: String,
    pub sequence: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::tta_request::Entity",
        from = "Column::RequestId",
        to = "super::tta_request::Column::Id"
    )]
    Request,
}

impl ActiveModelBehavior for ActiveModel {}
