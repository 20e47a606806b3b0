//! A certificate of completion issued for one registration of a group event, with its
//! verification code (see `crate::certificates`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_certificate")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The registration it certifies (unique: one certificate per registration).
    #[sea_orm(unique)]
    pub registration_id: i32,
    /// The verification code, 16 characters of Crockford base32 (printed in groups of four).
    #[sea_orm(unique)]
    pub code: String,
    pub issued_at: DateTimeUtc,
    /// Set when the attendance behind it was corrected to absent.
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
