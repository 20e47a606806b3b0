//! A person's identity at an OpenID Connect provider (its `sub`), linked to their account at
//! their first verified sign-in; later sign-ins find the account by it alone.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_identity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The provider's configured name, e.g. `logingov`.
    pub provider: String,
    /// The ID token's `sub`.
    pub subject: String,
    pub user_id: i32,
    /// The verified e-mail address the link was made through.
    pub email_at_link: String,
    pub created_at: DateTimeUtc,
    pub last_sign_in_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
