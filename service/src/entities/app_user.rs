//! A person who can log in, with exactly one role.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// As the person typed it (trimmed).
    pub email: String,
    /// Lower-cased copy, unique: e-mail addresses are unique case-insensitively.
    #[sea_orm(unique)]
    pub email_normalized: String,
    pub display_name: String,
    /// IANA zone in which the person sees times.
    pub time_zone: String,
    /// `admin`, `coordinator`, `provider` or `site_contact`.
    pub role: String,
    /// PHC string of the argon2id hash; `None` until a password is set.
    pub password_hash: Option<String>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
