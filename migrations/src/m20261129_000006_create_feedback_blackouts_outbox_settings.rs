//! Feedback on delivered sessions, blackout dates, the e-mail outbox and runtime settings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TtaSession {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Id,
    SessionId,
    UserId,
    Usefulness,
    Comments,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BlackoutDate {
    Table,
    Id,
    /// Null: applies to every site (programme-wide closure).
    SiteId,
    Date,
    Reason,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    /// `event × recipient`: one message per person per event, ever.
    DedupKey,
    Recipient,
    Subject,
    BodyText,
    BodyHtml,
    /// RFC 5545 text of the calendar invite, when the message carries one.
    Calendar,
    CalendarMethod,
    MessageId,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    SentAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Setting {
    Table,
    Key,
    /// JSON value.
    Value,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Feedback::Table)
                    .col(pk_auto(Feedback::Id))
                    .col(integer(Feedback::SessionId))
                    .col(integer(Feedback::UserId))
                    .col(
                        small_integer(Feedback::Usefulness)
                            .check(Expr::col(Feedback::Usefulness).between(1, 5)),
                    )
                    .col(text(Feedback::Comments))
                    .col(timestamp_with_time_zone(Feedback::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Feedback::Table, Feedback::SessionId)
                            .to(TtaSession::Table, TtaSession::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Feedback::Table, Feedback::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_feedback_session_user")
                    .table(Feedback::Table)
                    .col(Feedback::SessionId)
                    .col(Feedback::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BlackoutDate::Table)
                    .col(pk_auto(BlackoutDate::Id))
                    .col(integer_null(BlackoutDate::SiteId))
                    .col(date(BlackoutDate::Date))
                    .col(text(BlackoutDate::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BlackoutDate::Table, BlackoutDate::SiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_blackout_date_site_date")
                    .table(BlackoutDate::Table)
                    .col(BlackoutDate::SiteId)
                    .col(BlackoutDate::Date)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(big_pk_auto(EmailOutbox::Id))
                    .col(string_len_uniq(EmailOutbox::DedupKey, 255))
                    .col(string_len(EmailOutbox::Recipient, 254))
                    .col(string_len(EmailOutbox::Subject, 255))
                    .col(text(EmailOutbox::BodyText))
                    .col(text(EmailOutbox::BodyHtml))
                    .col(text_null(EmailOutbox::Calendar))
                    .col(string_len_null(EmailOutbox::CalendarMethod, 16))
                    .col(string_len(EmailOutbox::MessageId, 255))
                    .col(string_len(EmailOutbox::Status, 16))
                    .col(integer(EmailOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(EmailOutbox::NextAttemptAt))
                    .col(text_null(EmailOutbox::LastError))
                    .col(timestamp_with_time_zone_null(EmailOutbox::SentAt))
                    .col(timestamp_with_time_zone(EmailOutbox::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_outbox_due")
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::Status)
                    .col(EmailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Setting::Table)
                    .col(string_len(Setting::Key, 64).primary_key())
                    .col(text(Setting::Value))
                    .col(timestamp_with_time_zone(Setting::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Setting::Table.into_iden(),
            EmailOutbox::Table.into_iden(),
            BlackoutDate::Table.into_iden(),
            Feedback::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
