//! Start-up failures stop the server with a message that says what is wrong.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use server::config::Config;
use server::startup::{Application, StartupError};

fn config_with_database(url: &str) -> Config {
    Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.to_owned()),
        "TTA_LISTEN_ADDR" => Some("127.0.0.1:0".to_owned()),
        _ => None,
    })
    .unwrap()
}

#[tokio::test]
async fn a_failed_migration_stops_start_up() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}/broken.sqlite?mode=rwc",
        folder.path().display()
    );
    // A table in the way of the first migration makes it fail.
    let db = SeaDatabase::connect(url.as_str()).await.unwrap();
    db.execute_unprepared("CREATE TABLE site (id INTEGER PRIMARY KEY)")
        .await
        .unwrap();
    db.close().await.unwrap();

    let error = Application::build(&config_with_database(&url))
        .await
        .err()
        .unwrap();
    assert!(matches!(error, StartupError::Migration(_)), "{error}");
    assert!(error.to_string().starts_with("database migration failed"));
}

#[tokio::test]
async fn an_unopenable_database_stops_start_up_and_names_it() {
    let error = Application::build(&config_with_database(
        "sqlite:///proc/no-such-dir/tta.sqlite?mode=rwc",
    ))
    .await
    .err()
    .unwrap();
    assert!(error.to_string().contains("/proc/no-such-dir"), "{error}");
}

#[test]
fn the_binary_refuses_a_bad_variable_and_names_it() {
    let output = Command::new(env!("CARGO_BIN_EXE_tta"))
        .arg("migrate")
        .env("TTA_LOG_FORMAT", "xml")
        .env("DATABASE_URL", "sqlite::memory:")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .contains("configuration variable TTA_LOG_FORMAT must be 'text' or 'json', got 'xml'"),
        "{stderr}"
    );
}

#[test]
fn migrate_and_seed_demo_work_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.sqlite?mode=rwc", folder.path().display());
    for command in ["migrate", "seed-demo", "seed-demo"] {
        let output = Command::new(env!("CARGO_BIN_EXE_tta"))
            .arg(command)
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap();
        assert!(output.status.success(), "{command}: {output:?}");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_tta"))
        .arg("seed-demo")
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("12 sites, 8 topics"));
}
