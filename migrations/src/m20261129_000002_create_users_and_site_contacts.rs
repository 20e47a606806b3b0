//! People: user accounts with one role each, and which sites a site contact speaks for.
//! Also gives sites the region used for provider travel rules.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Email,
    EmailNormalized,
    DisplayName,
    TimeZone,
    Role,
    PasswordHash,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SiteContact {
    Table,
    SiteId,
    UserId,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
    Region,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(pk_auto(AppUser::Id))
                    .col(string_len(AppUser::Email, 254))
                    // Lower-cased copy: e-mail addresses are unique case-insensitively.
                    .col(string_len_uniq(AppUser::EmailNormalized, 254))
                    .col(string_len(AppUser::DisplayName, 200))
                    .col(string_len(AppUser::TimeZone, 64))
                    .col(string_len(AppUser::Role, 16))
                    .col(string_len_null(AppUser::PasswordHash, 255))
                    .col(boolean(AppUser::Active).default(true))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .col(timestamp_with_time_zone(AppUser::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_app_user_role")
                    .table(AppUser::Table)
                    .col(AppUser::Role)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SiteContact::Table)
                    .col(integer(SiteContact::SiteId))
                    .col(integer(SiteContact::UserId))
                    .primary_key(
                        Index::create()
                            .col(SiteContact::SiteId)
                            .col(SiteContact::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SiteContact::Table, SiteContact::SiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SiteContact::Table, SiteContact::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_site_contact_user")
                    .table(SiteContact::Table)
                    .col(SiteContact::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .add_column(string_len(Site::Region, 32).default("south"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Site::Table)
                    .drop_column(Site::Region)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(SiteContact::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AppUser::Table).to_owned())
            .await
    }
}
