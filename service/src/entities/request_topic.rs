//! A topic (PSP core area) a request asks for.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_topic")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub request_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub topic_id: i32,
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
