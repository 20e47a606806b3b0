//! One OpenID Connect sign-in under way: what the callback must find again (`nonce`, PKCE
//! verifier, the page to return to), keyed by the SHA-256 of its `state`; used once.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_login_attempt")]
pub struct Model {
    /// Hex SHA-256 of the `state` sent to the provider (and kept in the browser's cookie).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// The same-site page asked for before signing in.
    pub next_path: Option<String>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// When the callback used it; a second callback with the same `state` is a replay.
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
