//! Providers: profile, expertise per topic, conflicts of interest, and availability (weekly
//! hours in the provider's zone, date overrides, time off).

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
enum Topic {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProviderProfile {
    Table,
    UserId,
    Organisation,
    HomeZone,
    /// JSON array of `on_site` / `virtual` / `hybrid`.
    Modalities,
    /// JSON array of region names the provider travels to.
    TravelRegions,
    WeeklyHourCapacity,
    EngagementCapacity,
    Bio,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProviderExpertise {
    Table,
    ProviderId,
    TopicId,
    Level,
}

#[derive(DeriveIden)]
enum ConflictOfInterest {
    Table,
    ProviderId,
    SiteId,
    Reason,
}

#[derive(DeriveIden)]
enum WeeklyHours {
    Table,
    Id,
    ProviderId,
    /// 0 = Monday … 6 = Sunday.
    Weekday,
    /// Minutes after local midnight in the provider's zone.
    StartMinute,
    EndMinute,
    ValidFrom,
    ValidUntil,
}

#[derive(DeriveIden)]
enum DateOverride {
    Table,
    Id,
    ProviderId,
    Date,
    /// Both null: unavailable that whole day.
    StartMinute,
    EndMinute,
}

#[derive(DeriveIden)]
enum TimeOff {
    Table,
    Id,
    ProviderId,
    StartsAt,
    EndsAt,
    Note,
}

fn provider_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(AppUser::Table, AppUser::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProviderProfile::Table)
                    .col(integer(ProviderProfile::UserId).primary_key())
                    .col(string_len(ProviderProfile::Organisation, 200))
                    .col(string_len(ProviderProfile::HomeZone, 64))
                    .col(text(ProviderProfile::Modalities))
                    .col(text(ProviderProfile::TravelRegions))
                    .col(integer(ProviderProfile::WeeklyHourCapacity))
                    .col(integer(ProviderProfile::EngagementCapacity))
                    .col(text(ProviderProfile::Bio))
                    .col(timestamp_with_time_zone(ProviderProfile::UpdatedAt))
                    .foreign_key(&mut provider_fk(
                        ProviderProfile::Table,
                        ProviderProfile::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProviderExpertise::Table)
                    .col(integer(ProviderExpertise::ProviderId))
                    .col(integer(ProviderExpertise::TopicId))
                    .col(
                        small_integer(ProviderExpertise::Level)
                            .check(Expr::col(ProviderExpertise::Level).between(1, 3)),
                    )
                    .primary_key(
                        Index::create()
                            .col(ProviderExpertise::ProviderId)
                            .col(ProviderExpertise::TopicId),
                    )
                    .foreign_key(&mut provider_fk(
                        ProviderExpertise::Table,
                        ProviderExpertise::ProviderId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProviderExpertise::Table, ProviderExpertise::TopicId)
                            .to(Topic::Table, Topic::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_provider_expertise_topic")
                    .table(ProviderExpertise::Table)
                    .col(ProviderExpertise::TopicId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConflictOfInterest::Table)
                    .col(integer(ConflictOfInterest::ProviderId))
                    .col(integer(ConflictOfInterest::SiteId))
                    .col(text(ConflictOfInterest::Reason))
                    .primary_key(
                        Index::create()
                            .col(ConflictOfInterest::ProviderId)
                            .col(ConflictOfInterest::SiteId),
                    )
                    .foreign_key(&mut provider_fk(
                        ConflictOfInterest::Table,
                        ConflictOfInterest::ProviderId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConflictOfInterest::Table, ConflictOfInterest::SiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WeeklyHours::Table)
                    .col(pk_auto(WeeklyHours::Id))
                    .col(integer(WeeklyHours::ProviderId))
                    .col(
                        small_integer(WeeklyHours::Weekday)
                            .check(Expr::col(WeeklyHours::Weekday).between(0, 6)),
                    )
                    .col(integer(WeeklyHours::StartMinute))
                    .col(integer(WeeklyHours::EndMinute))
                    .col(date_null(WeeklyHours::ValidFrom))
                    .col(date_null(WeeklyHours::ValidUntil))
                    .check(
                        Expr::col(WeeklyHours::StartMinute).lt(Expr::col(WeeklyHours::EndMinute)),
                    )
                    .foreign_key(&mut provider_fk(
                        WeeklyHours::Table,
                        WeeklyHours::ProviderId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_weekly_hours_provider")
                    .table(WeeklyHours::Table)
                    .col(WeeklyHours::ProviderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DateOverride::Table)
                    .col(pk_auto(DateOverride::Id))
                    .col(integer(DateOverride::ProviderId))
                    .col(date(DateOverride::Date))
                    .col(integer_null(DateOverride::StartMinute))
                    .col(integer_null(DateOverride::EndMinute))
                    .foreign_key(&mut provider_fk(
                        DateOverride::Table,
                        DateOverride::ProviderId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_date_override_provider_date")
                    .table(DateOverride::Table)
                    .col(DateOverride::ProviderId)
                    .col(DateOverride::Date)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TimeOff::Table)
                    .col(pk_auto(TimeOff::Id))
                    .col(integer(TimeOff::ProviderId))
                    .col(timestamp_with_time_zone(TimeOff::StartsAt))
                    .col(timestamp_with_time_zone(TimeOff::EndsAt))
                    .col(text(TimeOff::Note))
                    .check(Expr::col(TimeOff::StartsAt).lt(Expr::col(TimeOff::EndsAt)))
                    .foreign_key(&mut provider_fk(TimeOff::Table, TimeOff::ProviderId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_time_off_provider_start")
                    .table(TimeOff::Table)
                    .col(TimeOff::ProviderId)
                    .col(TimeOff::StartsAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TimeOff::Table.into_iden(),
            DateOverride::Table.into_iden(),
            WeeklyHours::Table.into_iden(),
            ConflictOfInterest::Table.into_iden(),
            ProviderExpertise::Table.into_iden(),
            ProviderProfile::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
