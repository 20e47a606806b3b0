//! A provider's CalDAV password sealed at rest (issue 18): `password_sealed` says whether
//! `provider_calendar.password` holds a value sealed under the installation key (`v1:…`) or, for
//! rows written before this step, the password as typed. Migrations have no key, so the server
//! seals the plaintext rows at start-up (`service::provider_calendars::seal_saved_passwords`)
//! and sets the flag in the same conditional update; every new row is written sealed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProviderCalendar {
    Table,
    PasswordSealed,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ProviderCalendar::Table)
                    .add_column(boolean(ProviderCalendar::PasswordSealed).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ProviderCalendar::Table)
                    .drop_column(ProviderCalendar::PasswordSealed)
                    .to_owned(),
            )
            .await
    }
}
