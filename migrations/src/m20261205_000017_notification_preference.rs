//! Each person's choice of how the notices that wait for them arrive: `immediate` (one e-mail per
//! event, the default when a person has no row) or `daily` (one digest a day, only when
//! something waits). One row per person, going with their account.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum NotificationPreference {
    Table,
    UserId,
    Delivery,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NotificationPreference::Table)
                    .col(integer(NotificationPreference::UserId).primary_key())
                    .col(
                        string_len(NotificationPreference::Delivery, 16)
                            .default("immediate")
                            .check(
                                Expr::col(NotificationPreference::Delivery)
                                    .is_in(["immediate", "daily"]),
                            ),
                    )
                    .col(timestamp_with_time_zone(NotificationPreference::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                NotificationPreference::Table,
                                NotificationPreference::UserId,
                            )
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(NotificationPreference::Table)
                    .to_owned(),
            )
            .await
    }
}
