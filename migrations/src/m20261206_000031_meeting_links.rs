//! Meeting links for virtual and hybrid sessions (issue 18): one setting per provider and, where
//! a coordinator chose one, per engagement (the engagement's overrides the provider's). A setting
//! is either a fixed link the provider pastes (`mode = 'fixed'`, `link` an https URL: a Teams,
//! Zoom or Webex personal room) or a unique generated room per session occurrence
//! (`mode = 'generated'`, `link` empty; the room is made on the configured base when a session is
//! confirmed). Exactly one of `provider_id` and `engagement_id` is set; each is unique, so a
//! provider or engagement has at most one row. The link itself is stored on the session
//! (`tta_session.virtual_link`) when it is confirmed, so it never changes silently.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Engagement {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MeetingSetting {
    Table,
    Id,
    ProviderId,
    EngagementId,
    Mode,
    Link,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MeetingSetting::Table)
                    .col(pk_auto(MeetingSetting::Id))
                    .col(integer_null(MeetingSetting::ProviderId).unique_key())
                    .col(integer_null(MeetingSetting::EngagementId).unique_key())
                    .col(string_len(MeetingSetting::Mode, 16))
                    .col(text(MeetingSetting::Link))
                    .col(integer_null(MeetingSetting::UpdatedBy))
                    .col(timestamp_with_time_zone(MeetingSetting::UpdatedAt))
                    .check(
                        Expr::col(MeetingSetting::ProviderId)
                            .is_null()
                            .ne(Expr::col(MeetingSetting::EngagementId).is_null()),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingSetting::Table, MeetingSetting::ProviderId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingSetting::Table, MeetingSetting::EngagementId)
                            .to(Engagement::Table, Engagement::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingSetting::Table, MeetingSetting::UpdatedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MeetingSetting::Table).to_owned())
            .await
    }
}
