//! The mail relay's state (issue 20): one row that every instance's mail worker reads before it
//! claims a message and writes when the relay fails as a whole or accepts a message again, so
//! the instances agree on whether the relay is failing, since when and why, and wait out one
//! shared back-off instead of each using up the messages' attempts. The administrators' outbox
//! page, their home page and `/readyz` read it.
//!
//! `failing_since` is set while an outage lasts (cleared by the next accepted message);
//! `reason` and `last_failure_at` keep the last relay-level failure afterwards; `failures`
//! counts the failures of the current outage (the back-off doubles with each); `retry_at` is when
//! a worker may try the relay again (the database's clock). The row's `id` is always 1.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, text_null, timestamp_with_time_zone_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MailRelay {
    Table,
    Id,
    Relay,
    LastSuccessAt,
    FailingSince,
    LastFailureAt,
    Reason,
    Failures,
    RetryAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MailRelay::Table)
                    .col(
                        ColumnDef::new(MailRelay::Id)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(text_null(MailRelay::Relay))
                    .col(timestamp_with_time_zone_null(MailRelay::LastSuccessAt))
                    .col(timestamp_with_time_zone_null(MailRelay::FailingSince))
                    .col(timestamp_with_time_zone_null(MailRelay::LastFailureAt))
                    .col(text_null(MailRelay::Reason))
                    .col(integer(MailRelay::Failures).default(0))
                    .col(timestamp_with_time_zone_null(MailRelay::RetryAt))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("INSERT INTO mail_relay (id, failures) VALUES (1, 0)")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MailRelay::Table).to_owned())
            .await
    }
}
