//! A site (city partnership) receiving training and technical assistance.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "site")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    /// USPS two-letter state code.
    pub state: String,
    /// IANA zone of the site's wall clock.
    pub time_zone: String,
    /// `operations` or `diagnostic`.
    pub engagement_type: String,
    pub created_at: DateTimeUtc,
    /// Census region (`northeast`, `midwest`, `south`, `west`), for provider travel rules.
    pub region: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
