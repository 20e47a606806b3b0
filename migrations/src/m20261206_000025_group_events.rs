//! Group events (issue 17): trainings, webinars, workshops and summits with a capacity, an
//! audience of sites and a registration deadline; the people who register for them without an
//! account (registered or waitlisted in arrival order, cancelled once), and their attendance.
//!
//! - `group_event`: one row per event. `registration_token` is the shareable link's secret;
//!   `arrivals` counts registrations ever made and is raised by every write to the event's
//!   registrations first, so on PostgreSQL that `UPDATE` is the lock that queues concurrent
//!   registrations and cancellations of one event (SQLite's write gate does the same there).
//! - `group_event_site`: the audience's sites when the audience is several sites.
//! - `event_registration`: one row per registration; `position` is its arrival order. A live
//!   registration (not cancelled) is unique per event and e-mail address (partial unique
//!   index); the personal link's token is stored as its SHA-256.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum GroupEvent {
    Table,
    Id,
    Kind,
    Title,
    Description,
    HostSiteId,
    Audience,
    ProviderId,
    CoordinatorId,
    EngagementId,
    StartsAt,
    EndsAt,
    TimeZone,
    Location,
    VirtualLink,
    Capacity,
    RegistrationDeadline,
    RegistrationToken,
    CheckInCode,
    Status,
    Arrivals,
    Sequence,
    CalendarUid,
    CreatedAt,
    CancelledAt,
}

#[derive(DeriveIden)]
enum GroupEventSite {
    Table,
    EventId,
    SiteId,
}

#[derive(DeriveIden)]
enum EventRegistration {
    Table,
    Id,
    EventId,
    Position,
    Name,
    Email,
    EmailKey,
    Agency,
    JobRole,
    AccessibilityNeeds,
    TimeZone,
    Status,
    ManageTokenHash,
    RegisteredAt,
    PromotedAt,
    CancelledAt,
    CheckedInAt,
    Attendance,
    AttendanceBy,
    AttendanceAt,
}

const LIVE_EMAIL_INDEX: &str = "uq_event_registration_live_email";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GroupEvent::Table)
                    .col(pk_auto(GroupEvent::Id))
                    .col(string_len(GroupEvent::Kind, 16))
                    .col(string_len(GroupEvent::Title, 200))
                    .col(text(GroupEvent::Description))
                    .col(integer(GroupEvent::HostSiteId))
                    .col(string_len(GroupEvent::Audience, 8))
                    .col(integer_null(GroupEvent::ProviderId))
                    .col(integer_null(GroupEvent::CoordinatorId))
                    .col(integer_null(GroupEvent::EngagementId))
                    .col(timestamp_with_time_zone(GroupEvent::StartsAt))
                    .col(timestamp_with_time_zone(GroupEvent::EndsAt))
                    .col(string_len(GroupEvent::TimeZone, 64))
                    .col(string_len(GroupEvent::Location, 300))
                    .col(string_len(GroupEvent::VirtualLink, 500))
                    .col(integer(GroupEvent::Capacity))
                    .col(timestamp_with_time_zone(GroupEvent::RegistrationDeadline))
                    .col(string_len_uniq(GroupEvent::RegistrationToken, 64))
                    .col(string_len(GroupEvent::CheckInCode, 8))
                    .col(string_len(GroupEvent::Status, 16))
                    .col(integer(GroupEvent::Arrivals).default(0))
                    .col(integer(GroupEvent::Sequence).default(0))
                    .col(string_len(GroupEvent::CalendarUid, 120))
                    .col(timestamp_with_time_zone(GroupEvent::CreatedAt))
                    .col(timestamp_with_time_zone_null(GroupEvent::CancelledAt))
                    .check(Expr::col(GroupEvent::Capacity).gt(0))
                    .check(Expr::col(GroupEvent::EndsAt).gt(Expr::col(GroupEvent::StartsAt)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(GroupEvent::Table, GroupEvent::HostSiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(GroupEvent::Table, GroupEvent::ProviderId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(GroupEvent::Table, GroupEvent::CoordinatorId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_group_event_starts_at")
                    .table(GroupEvent::Table)
                    .col(GroupEvent::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GroupEventSite::Table)
                    .col(integer(GroupEventSite::EventId))
                    .col(integer(GroupEventSite::SiteId))
                    .primary_key(
                        Index::create()
                            .col(GroupEventSite::EventId)
                            .col(GroupEventSite::SiteId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(GroupEventSite::Table, GroupEventSite::EventId)
                            .to(GroupEvent::Table, GroupEvent::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(GroupEventSite::Table, GroupEventSite::SiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EventRegistration::Table)
                    .col(pk_auto(EventRegistration::Id))
                    .col(integer(EventRegistration::EventId))
                    .col(integer(EventRegistration::Position))
                    .col(string_len(EventRegistration::Name, 120))
                    .col(string_len(EventRegistration::Email, 254))
                    .col(string_len(EventRegistration::EmailKey, 254))
                    .col(string_len(EventRegistration::Agency, 200))
                    .col(string_len(EventRegistration::JobRole, 200))
                    .col(text(EventRegistration::AccessibilityNeeds))
                    .col(string_len(EventRegistration::TimeZone, 64))
                    .col(string_len(EventRegistration::Status, 16))
                    .col(string_len_uniq(EventRegistration::ManageTokenHash, 64))
                    .col(timestamp_with_time_zone(EventRegistration::RegisteredAt))
                    .col(timestamp_with_time_zone_null(EventRegistration::PromotedAt))
                    .col(timestamp_with_time_zone_null(
                        EventRegistration::CancelledAt,
                    ))
                    .col(timestamp_with_time_zone_null(
                        EventRegistration::CheckedInAt,
                    ))
                    .col(string_len_null(EventRegistration::Attendance, 16))
                    .col(integer_null(EventRegistration::AttendanceBy))
                    .col(timestamp_with_time_zone_null(
                        EventRegistration::AttendanceAt,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventRegistration::Table, EventRegistration::EventId)
                            .to(GroupEvent::Table, GroupEvent::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventRegistration::Table, EventRegistration::AttendanceBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_event_registration_position")
                    .table(EventRegistration::Table)
                    .col(EventRegistration::EventId)
                    .col(EventRegistration::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE UNIQUE INDEX {LIVE_EMAIL_INDEX} ON event_registration (event_id, email_key) \
                 WHERE status <> 'cancelled'"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EventRegistration::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(GroupEventSite::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(GroupEvent::Table).to_owned())
            .await
    }
}
