//! The ranking generation (issue 19): one row whose number goes up with every committed change
//! to what a request's ranking of providers reads, so an instance may keep a computed ranking
//! and serve it again while the number it was computed at is still the stored one.
//!
//! The database bumps the number itself, by a trigger on each table the ranking reads
//! ([`RANKED_TABLES`]), in the transaction of the change: no write path (a use case, the demo
//! and load data, the CLI, a raw statement in a test) can change a ranking's inputs and leave
//! a cached ranking served. On PostgreSQL the triggers are deferred constraint triggers that run
//! once per transaction at commit (a transaction-local setting remembers the bump), so the
//! row is locked only for the moment of the commit — never while the transaction still takes
//! other locks, which could deadlock — and a bulk write bumps it once. SQLite serialises writers
//! anyway and has row triggers only: each changed row bumps it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RankingGeneration {
    Table,
    Id,
    Generation,
}

/// Each table a ranking reads, with the columns whose update changes a ranking (`None`: any
/// column). `app_user` and `tta_session` are narrowed because they also change for reasons no
/// ranking sees (a log-in, a meeting link, an invite's sequence number).
const RANKED_TABLES: &[(&str, Option<&str>)] = &[
    ("setting", None),
    ("site", None),
    ("topic", None),
    ("tta_request", None),
    ("request_topic", None),
    ("blackout_date", None),
    ("app_user", Some("id, display_name, role, active")),
    ("provider_profile", None),
    ("provider_expertise", None),
    ("conflict_of_interest", None),
    ("weekly_hours", None),
    ("date_override", None),
    ("time_off", None),
    ("calendar_busy", None),
    (
        "tta_session",
        Some(
            "id, request_id, provider_id, status, starts_at, ends_at, blocked_from, \
             blocked_until, anchor_zone",
        ),
    ),
];

/// PostgreSQL: bumps the generation once per transaction (the setting is local to it).
const POSTGRES_BUMP: &str = "CREATE FUNCTION ranking_generation_bump() RETURNS trigger \
     LANGUAGE plpgsql AS $$ \
     BEGIN \
       IF coalesce(current_setting('tta.ranking_bumped', true), '') <> 'yes' THEN \
         PERFORM set_config('tta.ranking_bumped', 'yes', true); \
         UPDATE ranking_generation SET generation = generation + 1 WHERE id = 1; \
       END IF; \
       RETURN NULL; \
     END $$";

const SQLITE_BUMP: &str = "UPDATE ranking_generation SET generation = generation + 1 WHERE id = 1";

fn trigger_name(table: &str, event: &str) -> String {
    format!("ranking_generation_{event}_{table}")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RankingGeneration::Table)
                    .col(
                        ColumnDef::new(RankingGeneration::Id)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RankingGeneration::Generation)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("INSERT INTO ranking_generation (id, generation) VALUES (1, 0)")
            .await?;
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(POSTGRES_BUMP).await?;
                for (table, columns) in RANKED_TABLES {
                    let update =
                        columns.map_or_else(|| "UPDATE".to_owned(), |c| format!("UPDATE OF {c}"));
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER {} AFTER INSERT OR {update} OR DELETE ON {table} \
                         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW \
                         EXECUTE FUNCTION ranking_generation_bump()",
                        trigger_name(table, "change")
                    ))
                    .await?;
                }
            }
            DbBackend::Sqlite => {
                for (table, columns) in RANKED_TABLES {
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
                for (table, _) in RANKED_TABLES {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS {} ON {table}",
                        trigger_name(table, "change")
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS ranking_generation_bump()")
                    .await?;
            }
            _ => {
                for (table, _) in RANKED_TABLES {
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
            .drop_table(Table::drop().table(RankingGeneration::Table).to_owned())
            .await
    }
}
