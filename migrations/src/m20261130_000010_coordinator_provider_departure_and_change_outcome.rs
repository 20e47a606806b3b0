//! The coordinator's workflow, part two: a provider who leaves, and the answer to a site's
//! change request.
//!
//! - `provider_profile.departed_at`: when a coordinator marked the provider as leaving the
//!   programme; such a provider is no longer ranked for requests (their account still works,
//!   so they can see their past sessions). `NULL` for active providers; cleared to take them
//!   back.
//! - `change_request.outcome_note`: what the coordinator told the site when handling its ask
//!   (why it was declined, or what was done); empty until handled.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProviderProfile {
    Table,
    DepartedAt,
}

#[derive(DeriveIden)]
enum ChangeRequest {
    Table,
    OutcomeNote,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(ProviderProfile::Table)
                    .add_column(timestamp_with_time_zone_null(ProviderProfile::DepartedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ChangeRequest::Table)
                    .add_column(text(ChangeRequest::OutcomeNote).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ChangeRequest::Table)
                    .drop_column(ChangeRequest::OutcomeNote)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ProviderProfile::Table)
                    .drop_column(ProviderProfile::DepartedAt)
                    .to_owned(),
            )
            .await
    }
}
