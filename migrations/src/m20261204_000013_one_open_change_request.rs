//! At most one open change request of a kind per session, enforced by the database: a partial
//! unique index on `(session_id, kind)` over the open asks. The use case checks first and says
//! so politely; the index makes the check hold when many identical asks arrive at once
//! (PostgreSQL has no write gate). Duplicates left by the race before this index are closed as
//! `done` with a note naming the ask they repeat, so the index can be built.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "uq_change_request_open_per_session_kind";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE change_request SET status = 'done', \
             outcome_note = 'Closed: the same ask was already open.' \
             WHERE status = 'open' AND id NOT IN \
             (SELECT MIN(id) FROM change_request WHERE status = 'open' GROUP BY session_id, kind)",
        )
        .await?;
        db.execute_unprepared(&format!(
            "CREATE UNIQUE INDEX {NAME} ON change_request (session_id, kind) \
             WHERE status = 'open'"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&format!("DROP INDEX {NAME}"))
            .await?;
        Ok(())
    }
}
