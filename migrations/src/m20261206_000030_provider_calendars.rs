//! Providers' own calendars (issue 18): a provider connects a published ICS address or a CalDAV
//! account (`provider_calendar`), and each refresh replaces that connection's busy spans
//! (`calendar_busy`, UTC instants) in one transaction. The engine reads the spans as busy time.
//!
//! A connection carries its refresh state so that a failure is never silent (`last_status`,
//! `last_error`, `last_attempt_at`, `last_success_at`) and a lease (`claimed_by`,
//! `claimed_until`) so that one instance at a time refreshes it, like the mail worker's claims.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProviderCalendar {
    Table,
    Id,
    ProviderId,
    Kind,
    Label,
    Url,
    Username,
    Password,
    CreatedAt,
    LastStatus,
    LastError,
    LastAttemptAt,
    LastSuccessAt,
    BusyCount,
    NextRefreshAt,
    ClaimedBy,
    ClaimedUntil,
}

#[derive(DeriveIden)]
enum CalendarBusy {
    Table,
    Id,
    CalendarId,
    ProviderId,
    StartsAt,
    EndsAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProviderCalendar::Table)
                    .col(pk_auto(ProviderCalendar::Id))
                    .col(integer(ProviderCalendar::ProviderId))
                    .col(string_len(ProviderCalendar::Kind, 16))
                    .col(string_len(ProviderCalendar::Label, 80))
                    .col(text(ProviderCalendar::Url))
                    .col(string_len_null(ProviderCalendar::Username, 200))
                    .col(text_null(ProviderCalendar::Password))
                    .col(timestamp_with_time_zone(ProviderCalendar::CreatedAt))
                    .col(string_len(ProviderCalendar::LastStatus, 16))
                    .col(text_null(ProviderCalendar::LastError))
                    .col(timestamp_with_time_zone_null(
                        ProviderCalendar::LastAttemptAt,
                    ))
                    .col(timestamp_with_time_zone_null(
                        ProviderCalendar::LastSuccessAt,
                    ))
                    .col(integer(ProviderCalendar::BusyCount).default(0))
                    .col(timestamp_with_time_zone(ProviderCalendar::NextRefreshAt))
                    .col(string_len_null(ProviderCalendar::ClaimedBy, 64))
                    .col(timestamp_with_time_zone_null(
                        ProviderCalendar::ClaimedUntil,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProviderCalendar::Table, ProviderCalendar::ProviderId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_provider_calendar_provider")
                    .table(ProviderCalendar::Table)
                    .col(ProviderCalendar::ProviderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_provider_calendar_due")
                    .table(ProviderCalendar::Table)
                    .col(ProviderCalendar::NextRefreshAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarBusy::Table)
                    .col(pk_auto(CalendarBusy::Id))
                    .col(integer(CalendarBusy::CalendarId))
                    .col(integer(CalendarBusy::ProviderId))
                    .col(timestamp_with_time_zone(CalendarBusy::StartsAt))
                    .col(timestamp_with_time_zone(CalendarBusy::EndsAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarBusy::Table, CalendarBusy::CalendarId)
                            .to(ProviderCalendar::Table, ProviderCalendar::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_calendar_busy_provider_end")
                    .table(CalendarBusy::Table)
                    .col(CalendarBusy::ProviderId)
                    .col(CalendarBusy::EndsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_calendar_busy_calendar")
                    .table(CalendarBusy::Table)
                    .col(CalendarBusy::CalendarId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarBusy::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ProviderCalendar::Table).to_owned())
            .await
    }
}
