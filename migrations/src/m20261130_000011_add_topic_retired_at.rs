//! Topics can be retired by an administrator: `topic.retired_at` is set when a topic stops being
//! offered on the intake form. Retired topics stay on the requests that already name them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Topic {
    Table,
    /// Null while the topic is offered.
    RetiredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Topic::Table)
                    .add_column(timestamp_with_time_zone_null(Topic::RetiredAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Topic::Table)
                    .drop_column(Topic::RetiredAt)
                    .to_owned(),
            )
            .await
    }
}
