//! A site contact's asks to reschedule or cancel sessions, for the coordinator to handle; and
//! providers' secret calendar-feed tokens.
//!
//! - `change_request`: one ask about one session (`reschedule`, `cancel_one`) or the rest of its
//!   series from that session on (`cancel_rest`), with the reason and, for a reschedule, the
//!   wanted time in words; `open` until a coordinator marks it `done` or `declined`.
//! - `calendar_feed`: the SHA-256 (hex) of a provider's feed token; the token itself is only
//!   shown to its owner once. Revoking deletes the row; one live feed per user.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TtaSession {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TtaRequest {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ChangeRequest {
    Table,
    Id,
    SessionId,
    RequestId,
    /// `reschedule`, `cancel_one` or `cancel_rest`.
    Kind,
    Reason,
    /// For a reschedule: when the site would like it instead, in its own words.
    Wanted,
    /// `open`, `done` or `declined`.
    Status,
    CreatedBy,
    CreatedAt,
    HandledBy,
    HandledAt,
}

#[derive(DeriveIden)]
enum CalendarFeed {
    Table,
    UserId,
    TokenHash,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChangeRequest::Table)
                    .col(pk_auto(ChangeRequest::Id))
                    .col(integer(ChangeRequest::SessionId))
                    .col(integer(ChangeRequest::RequestId))
                    .col(string_len(ChangeRequest::Kind, 16).check(
                        Expr::col(ChangeRequest::Kind).is_in([
                            "reschedule",
                            "cancel_one",
                            "cancel_rest",
                        ]),
                    ))
                    .col(text(ChangeRequest::Reason))
                    .col(text(ChangeRequest::Wanted))
                    .col(string_len(ChangeRequest::Status, 16).check(
                        Expr::col(ChangeRequest::Status).is_in(["open", "done", "declined"]),
                    ))
                    .col(integer_null(ChangeRequest::CreatedBy))
                    .col(timestamp_with_time_zone(ChangeRequest::CreatedAt))
                    .col(integer_null(ChangeRequest::HandledBy))
                    .col(timestamp_with_time_zone_null(ChangeRequest::HandledAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeRequest::Table, ChangeRequest::SessionId)
                            .to(TtaSession::Table, TtaSession::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeRequest::Table, ChangeRequest::RequestId)
                            .to(TtaRequest::Table, TtaRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeRequest::Table, ChangeRequest::CreatedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeRequest::Table, ChangeRequest::HandledBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_change_request_status")
                    .table(ChangeRequest::Table)
                    .col(ChangeRequest::Status)
                    .col(ChangeRequest::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeed::Table)
                    .col(integer(CalendarFeed::UserId).primary_key())
                    .col(string_len(CalendarFeed::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(CalendarFeed::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarFeed::Table, CalendarFeed::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarFeed::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ChangeRequest::Table).to_owned())
            .await
    }
}
