//! Drops `idx_audit_event_created` (audit events by instant): since migration 35 the audit log's
//! keyset index `idx_audit_event_created_id` (instant, then id) answers every query it did — a
//! range of instants, newest first — so it only cost a second index write on every event
//! recorded. Down puts it back.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_audit_event_created";
const TABLE: &str = "audit_event";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Alias::new(TABLE)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Alias::new(TABLE))
                    .col(Alias::new("created_at"))
                    .to_owned(),
            )
            .await
    }
}
