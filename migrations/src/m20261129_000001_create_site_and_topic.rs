//! First schema step: the sites that receive TTA and the PSP core-area topics.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
    Slug,
    Name,
    State,
    TimeZone,
    EngagementType,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Topic {
    Table,
    Id,
    Slug,
    Name,
    Description,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Site::Table)
                    .col(pk_auto(Site::Id))
                    .col(string_len_uniq(Site::Slug, 64))
                    .col(string_len(Site::Name, 200))
                    .col(char_len(Site::State, 2))
                    .col(string_len(Site::TimeZone, 64))
                    .col(string_len(Site::EngagementType, 16))
                    .col(timestamp_with_time_zone(Site::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Topic::Table)
                    .col(pk_auto(Topic::Id))
                    .col(string_len_uniq(Topic::Slug, 64))
                    .col(string_len(Topic::Name, 200))
                    .col(text(Topic::Description))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Topic::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Site::Table).to_owned())
            .await
    }
}
