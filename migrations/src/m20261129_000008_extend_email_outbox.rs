//! E-mail outbox, part two: what the sending worker needs beside the columns of migration 000006.
//!
//! - `email_outbox.event`: the event that caused the message (`schedule_confirmed`, `reminder`, …),
//!   for the admin outbox page; empty for rows written before this migration.
//! - `email_outbox.recipient_name`: display name for the `To:` header (may be empty).
//! - `email_outbox.claimed_by` / `claimed_until`: the claim lease of a worker. A row in status
//!   `sending` whose lease has run out is claimed again, so a crashed worker loses nothing.
//! - `email_attempt`: one row per delivery attempt with its outcome and error, for admins.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    Event,
    RecipientName,
    ClaimedBy,
    ClaimedUntil,
}

#[derive(DeriveIden)]
enum EmailAttempt {
    Table,
    Id,
    OutboxId,
    /// 1 for the first attempt.
    Attempt,
    /// The claim (worker run) that made the attempt.
    ClaimedBy,
    StartedAt,
    FinishedAt,
    /// `sent`, `retry` (failed, will be tried again) or `failed` (gave up).
    Outcome,
    Error,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [
            string_len(EmailOutbox::Event, 64).default("").to_owned(),
            string_len(EmailOutbox::RecipientName, 255)
                .default("")
                .to_owned(),
            string_len_null(EmailOutbox::ClaimedBy, 64).to_owned(),
            timestamp_with_time_zone_null(EmailOutbox::ClaimedUntil).to_owned(),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(EmailOutbox::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(EmailAttempt::Table)
                    .col(big_pk_auto(EmailAttempt::Id))
                    .col(big_integer(EmailAttempt::OutboxId))
                    .col(integer(EmailAttempt::Attempt))
                    .col(string_len(EmailAttempt::ClaimedBy, 64))
                    .col(timestamp_with_time_zone(EmailAttempt::StartedAt))
                    .col(timestamp_with_time_zone(EmailAttempt::FinishedAt))
                    .col(string_len(EmailAttempt::Outcome, 16))
                    .col(text_null(EmailAttempt::Error))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailAttempt::Table, EmailAttempt::OutboxId)
                            .to(EmailOutbox::Table, EmailOutbox::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_attempt_outbox")
                    .table(EmailAttempt::Table)
                    .col(EmailAttempt::OutboxId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailAttempt::Table).to_owned())
            .await?;
        for column in [
            EmailOutbox::ClaimedUntil.into_iden(),
            EmailOutbox::ClaimedBy.into_iden(),
            EmailOutbox::RecipientName.into_iden(),
            EmailOutbox::Event.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(EmailOutbox::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
