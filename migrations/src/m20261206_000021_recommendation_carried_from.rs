//! A recommendation carried over from another engagement's plan: when staff open a site's
//! Operations engagement from its Diagnostic's plan, the recommendations not yet done are copied
//! into the new engagement, each copy naming its source in `carried_from`. The Diagnostic's own
//! recommendations stay as they were.
//!
//! On SQLite the column carries no foreign-key clause (SQLite cannot drop a column that takes
//! part in one, and `down` must drop it); PostgreSQL gets the constraint.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Recommendation {
    Table,
    CarriedFrom,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE recommendation ADD COLUMN carried_from integer NULL \
                 REFERENCES recommendation (id) ON DELETE SET NULL",
            )
            .await?;
        } else {
            db.execute_unprepared(
                "ALTER TABLE recommendation ADD COLUMN carried_from integer NULL",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Recommendation::Table)
                    .drop_column(Recommendation::CarriedFrom)
                    .to_owned(),
            )
            .await
    }
}
