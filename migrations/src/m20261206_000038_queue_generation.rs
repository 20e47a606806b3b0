//! The queue generation (issue 19): one row whose number goes up with every committed change to
//! what the coordinator's queue page computes once for every view — the count of requests per
//! status, the filters' choices (sites, topics), what waits for the coordinators (decided
//! proposals, open asks) and the open asks' titles, sites and session numbers — so an instance
//! may keep those and serve them again while the number it read them at is still the stored one
//! (`service::views::coordinator::queue_cache`).
//!
//! Built as the ranking generation is (migration 33): a trigger on each table those parts read
//! ([`QUEUE_TABLES`]) raises the number in the transaction of the change, so no write path can
//! leave a kept part stale. On PostgreSQL the triggers are deferred constraint triggers that run
//! once per transaction at commit (a transaction-local setting remembers the bump); SQLite
//! serialises writers and has row triggers only, so each changed row bumps it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum QueueGeneration {
    Table,
    Id,
    Generation,
}

/// Each table the queue's kept parts read, with the columns whose update changes them (`None`:
/// any column). `tta_request`, `app_user` and `tta_session` are narrowed because they change
/// often for reasons the kept parts never show (a request's details, a log-in, a session's
/// times); the rows of a page are read afresh on every view anyway.
const QUEUE_TABLES: &[(&str, Option<&str>)] = &[
    ("site", None),
    ("topic", None),
    ("tta_request", Some("id, status, title, site_id")),
    ("proposal", None),
    ("change_request", None),
    ("app_user", Some("id, display_name")),
    ("tta_session", Some("id, request_id, occurrence")),
];

/// PostgreSQL: bumps the generation once per transaction (the setting is local to it).
const POSTGRES_BUMP: &str = "CREATE FUNCTION queue_generation_bump() RETURNS trigger \
     LANGUAGE plpgsql AS $$ \
     BEGIN \
       IF coalesce(current_setting('tta.queue_bumped', true), '') <> 'yes' THEN \
         PERFORM set_config('tta.queue_bumped', 'yes', true); \
         UPDATE queue_generation SET generation = generation + 1 WHERE id = 1; \
       END IF; \
       RETURN NULL; \
     END $$";

const SQLITE_BUMP: &str = "UPDATE queue_generation SET generation = generation + 1 WHERE id = 1";

fn trigger_name(table: &str, event: &str) -> String {
    format!("queue_generation_{event}_{table}")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(QueueGeneration::Table)
                    .col(
                        ColumnDef::new(QueueGeneration::Id)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(QueueGeneration::Generation)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("INSERT INTO queue_generation (id, generation) VALUES (1, 0)")
            .await?;
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(POSTGRES_BUMP).await?;
                for (table, columns) in QUEUE_TABLES {
                    let update =
                        columns.map_or_else(|| "UPDATE".to_owned(), |c| format!("UPDATE OF {c}"));
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER {} AFTER INSERT OR {update} OR DELETE ON {table} \
                         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW \
                         EXECUTE FUNCTION queue_generation_bump()",
                        trigger_name(table, "change")
                    ))
                    .await?;
                }
            }
            DbBackend::Sqlite => {
                for (table, columns) in QUEUE_TABLES {
                    let update =
                        columns.map_or_else(|| "UPDATE".to_owned(), |c| format!("UPDATE OF {c}"));
                    for (event, when) in [
                        ("insert", "INSERT"),
                        ("update", update.as_str()),
                        ("delete", "DELETE"),
                    ] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {} AFTER {when} ON {table} BEGIN {SQLITE_BUMP}; END",
                            trigger_name(table, event)
                        ))
                        .await?;
                    }
                }
            }
            other => {
                return Err(DbErr::Migration(format!(
                    "unsupported database backend {other:?}"
                )));
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                for (table, _) in QUEUE_TABLES {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS {} ON {table}",
                        trigger_name(table, "change")
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS queue_generation_bump()")
                    .await?;
            }
            _ => {
                for (table, _) in QUEUE_TABLES {
                    for event in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS {}",
                            trigger_name(table, event)
                        ))
                        .await?;
                    }
                }
            }
        }
        manager
            .drop_table(Table::drop().table(QueueGeneration::Table).to_owned())
            .await
    }
}
