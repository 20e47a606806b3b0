//! Every migration runs up, down and up again on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use harness::{Backend, TestDatabase};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database as SeaDatabase, DbBackend, Statement};

const TABLES: &[&str] = &[
    "site",
    "topic",
    "app_user",
    "site_contact",
    "provider_profile",
    "provider_expertise",
    "conflict_of_interest",
    "weekly_hours",
    "date_override",
    "time_off",
    "tta_request",
    "request_topic",
    "request_status_change",
    "proposal",
    "tta_session",
    "feedback",
    "blackout_date",
    "email_outbox",
    "email_attempt",
    "setting",
    "login_session",
    "invitation",
    "password_reset",
    "login_throttle",
    "audit_event",
    "change_request",
    "calendar_feed",
    "phase_template",
    "engagement",
    "engagement_phase",
    "engagement_goal",
    "goal_progress",
    "engagement_member",
    "recommendation",
    "recommendation_request",
    "notification_preference",
    "session_team",
    "session_team_member",
    "team_session",
    "email_attachment",
    "peer_exchange",
];

async fn table_exists(db: &sea_orm::DatabaseConnection, table: &str) -> bool {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => {
            format!("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{table}'")
        }
        _ => format!("SELECT 1 FROM information_schema.tables WHERE table_name = '{table}'"),
    };
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .is_some()
}

async fn up_down_up(backend: Backend) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let db = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
    for table in TABLES {
        assert!(table_exists(&db, table).await, "{table} missing after up");
    }
    Migrator::down(&db, None).await.unwrap();
    for table in TABLES {
        assert!(!table_exists(&db, table).await, "{table} left after down");
    }
    Migrator::up(&db, None).await.unwrap();
    assert!(
        Migrator::get_pending_migrations(&db)
            .await
            .unwrap()
            .is_empty()
    );
    db.close().await.unwrap();
}

#[tokio::test]
async fn migrations_go_up_down_and_up_on_sqlite() {
    up_down_up(Backend::Sqlite).await;
}

#[tokio::test]
async fn migrations_go_up_down_and_up_on_postgres() {
    up_down_up(Backend::Postgres).await;
}
