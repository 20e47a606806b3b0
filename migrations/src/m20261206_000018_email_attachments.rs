//! A message in the outbox may carry several attachments: a series confirmed, moved or
//! cancelled at once is one e-mail per person with every session's invite as its own `.ics`
//! file (one `VCALENDAR`, one UID each). `position` orders them in the message; `content_type`
//! holds the whole MIME type with its parameters (e.g. `text/calendar; method=CANCEL`).
//! Rows written before this step keep their single invite in `email_outbox.calendar`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EmailAttachment {
    Table,
    OutboxId,
    Position,
    Filename,
    ContentType,
    Content,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailAttachment::Table)
                    .col(big_integer(EmailAttachment::OutboxId))
                    .col(integer(EmailAttachment::Position))
                    .col(string_len(EmailAttachment::Filename, 255))
                    .col(string_len(EmailAttachment::ContentType, 255))
                    .col(text(EmailAttachment::Content))
                    .primary_key(
                        Index::create()
                            .col(EmailAttachment::OutboxId)
                            .col(EmailAttachment::Position),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailAttachment::Table, EmailAttachment::OutboxId)
                            .to(EmailOutbox::Table, EmailOutbox::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailAttachment::Table).to_owned())
            .await
    }
}
