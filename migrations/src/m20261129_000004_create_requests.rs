//! TTA requests from sites: every intake field, the topics asked for, and the status history.

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
enum TtaRequest {
    Table,
    Id,
    SiteId,
    RequestedBy,
    Title,
    Description,
    /// `diagnostic` or `operations`.
    EngagementType,
    /// `on_site`, `virtual` or `hybrid`.
    Modality,
    SessionCount,
    /// `once`, `weekly`, `biweekly`, `monthly`, `quarterly`.
    Cadence,
    SessionMinutes,
    EarliestDate,
    LatestDate,
    /// Comma-separated weekdays, 0 = Monday (e.g. `1,2,3` = Tue–Thu).
    PreferredWeekdays,
    /// Minutes after local midnight in the site's zone.
    PreferredStartMinute,
    PreferredEndMinute,
    /// The site's IANA zone when the request was made: the series is anchored to it.
    AnchorZone,
    MinimumLevel,
    ExpectedAttendees,
    Notes,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RequestTopic {
    Table,
    RequestId,
    TopicId,
}

#[derive(DeriveIden)]
enum RequestStatusChange {
    Table,
    Id,
    RequestId,
    FromStatus,
    ToStatus,
    ChangedBy,
    Reason,
    ChangedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TtaRequest::Table)
                    .col(pk_auto(TtaRequest::Id))
                    .col(integer(TtaRequest::SiteId))
                    .col(integer_null(TtaRequest::RequestedBy))
                    .col(string_len(TtaRequest::Title, 200))
                    .col(text(TtaRequest::Description))
                    .col(string_len(TtaRequest::EngagementType, 16))
                    .col(string_len(TtaRequest::Modality, 16))
                    .col(
                        integer(TtaRequest::SessionCount)
                            .check(Expr::col(TtaRequest::SessionCount).between(1, 200)),
                    )
                    .col(string_len(TtaRequest::Cadence, 16))
                    .col(
                        integer(TtaRequest::SessionMinutes)
                            .check(Expr::col(TtaRequest::SessionMinutes).between(15, 480)),
                    )
                    .col(date(TtaRequest::EarliestDate))
                    .col(date(TtaRequest::LatestDate))
                    .col(string_len(TtaRequest::PreferredWeekdays, 32))
                    .col(integer(TtaRequest::PreferredStartMinute))
                    .col(integer(TtaRequest::PreferredEndMinute))
                    .col(string_len(TtaRequest::AnchorZone, 64))
                    .col(small_integer(TtaRequest::MinimumLevel).default(1))
                    .col(integer(TtaRequest::ExpectedAttendees).default(0))
                    .col(text(TtaRequest::Notes))
                    .col(string_len(TtaRequest::Status, 16))
                    .col(timestamp_with_time_zone(TtaRequest::CreatedAt))
                    .col(timestamp_with_time_zone(TtaRequest::UpdatedAt))
                    .check(
                        Expr::col(TtaRequest::EarliestDate).lte(Expr::col(TtaRequest::LatestDate)),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TtaRequest::Table, TtaRequest::SiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TtaRequest::Table, TtaRequest::RequestedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // The coordinator queue: by status, oldest first; a site's own requests.
        manager
            .create_index(
                Index::create()
                    .name("idx_tta_request_status_created")
                    .table(TtaRequest::Table)
                    .col(TtaRequest::Status)
                    .col(TtaRequest::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tta_request_site")
                    .table(TtaRequest::Table)
                    .col(TtaRequest::SiteId)
                    .col(TtaRequest::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RequestTopic::Table)
                    .col(integer(RequestTopic::RequestId))
                    .col(integer(RequestTopic::TopicId))
                    .primary_key(
                        Index::create()
                            .col(RequestTopic::RequestId)
                            .col(RequestTopic::TopicId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RequestTopic::Table, RequestTopic::RequestId)
                            .to(TtaRequest::Table, TtaRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RequestTopic::Table, RequestTopic::TopicId)
                            .to(Topic::Table, Topic::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RequestStatusChange::Table)
                    .col(pk_auto(RequestStatusChange::Id))
                    .col(integer(RequestStatusChange::RequestId))
                    .col(string_len_null(RequestStatusChange::FromStatus, 16))
                    .col(string_len(RequestStatusChange::ToStatus, 16))
                    .col(integer_null(RequestStatusChange::ChangedBy))
                    .col(text(RequestStatusChange::Reason))
                    .col(timestamp_with_time_zone(RequestStatusChange::ChangedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RequestStatusChange::Table, RequestStatusChange::RequestId)
                            .to(TtaRequest::Table, TtaRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RequestStatusChange::Table, RequestStatusChange::ChangedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_request_status_change_request")
                    .table(RequestStatusChange::Table)
                    .col(RequestStatusChange::RequestId)
                    .col(RequestStatusChange::ChangedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RequestStatusChange::Table.into_iden(),
            RequestTopic::Table.into_iden(),
            TtaRequest::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
