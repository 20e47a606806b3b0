//! Indexes for the keyset pages of the long lists (issue 19): each list's order — its sort key,
//! then its id — as one index, so a page reads its rows in order from the position it starts at
//! (a range of the index, `LIMIT 51`) instead of sorting every matching row. On SQLite an
//! index on the key alone already ends with the rowid; PostgreSQL needs the id in the index.
//!
//! - the audit log, newest first: `audit_event (created_at, id)`;
//! - the outbox, newest first: `email_outbox (created_at, id)`;
//! - the accounts, by name: `app_user (display_name, id)`;
//! - the coordinator's queue, oldest first within a status: `tta_request (status, created_at,
//!   id)`, and across statuses (the "waiting on" links): `tta_request (created_at, id)`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each index: its name, its table and its columns in order.
const INDEXES: [(&str, &str, &[&str]); 5] = [
    (
        "idx_audit_event_created_id",
        "audit_event",
        &["created_at", "id"],
    ),
    (
        "idx_email_outbox_created_id",
        "email_outbox",
        &["created_at", "id"],
    ),
    ("idx_app_user_name_id", "app_user", &["display_name", "id"]),
    (
        "idx_tta_request_status_created_id",
        "tta_request",
        &["status", "created_at", "id"],
    ),
    (
        "idx_tta_request_created_id",
        "tta_request",
        &["created_at", "id"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
