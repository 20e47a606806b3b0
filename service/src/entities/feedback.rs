//! A site contact's rating of one delivered session.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub user_id: i32,
    pub usefulness: i16,
    #[sea_orm(column_type = "Text")]
    pub comments: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::tta_session::Entity",
        from = "Column::SessionId",
        to = "super::tta_session::Column::Id"
    )]
    Session,
}

impl ActiveModelBehavior for ActiveModel {}
