//! One question of an evaluation form, in its order.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_question")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub form_id: i32,
    pub position: i32,
    /// `rating` (1–5), `choice` (one of `choices`) or `text`.
    pub kind: String,
    pub prompt: String,
    pub required: bool,
    /// The rating scale's words for 1 and 5.
    pub low_label: String,
    pub high_label: String,
    /// A multiple choice's options, one per line.
    #[sea_orm(column_type = "Text")]
    pub choices: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
