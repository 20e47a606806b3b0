//! Backups and restores (issue 20).
//!
//! SQLite: `tta backup` taken while four clients keep submitting requests to a running
//! `tta serve` holds every request committed before it started, opens and passes
//! `PRAGMA integrity_check`; an existing target is refused; `tta restore` is refused while the
//! server has the database open and for a file that is not a TTA database; once the server is
//! stopped it puts the backup in place (the old file kept as `.before-restore`), and `tta serve`
//! serves the restored data.
//!
//! PostgreSQL: `tta backup` names the `pg_dump` command; Debian's `pg_dump --format=custom` of
//! the private cluster's database, restored with `pg_restore` into a fresh database, holds the
//! same rows and is served by `tta serve` (log-in, a request read, a new request stored).

use std::path::Path;
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::support::instance::{Instance, settings, tta_command};
use crate::support::load::submitters;
use crate::support::postgres::{PgCluster, bin_dir};
use crate::support::workload::{COORDINATOR, MEMPHIS_CONTACT, submit};
use crate::support::*;

/// Runs `tta ARGS` against `database_url` (off the async threads); its output, success or not.
async fn tta(database_url: &str, args: &[&str]) -> Output {
    let (url, args): (String, Vec<String>) = (
        database_url.to_owned(),
        args.iter().map(|a| (*a).to_owned()).collect(),
    );
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_tta"))
            .args(&args)
            .env("DATABASE_URL", url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run tta")
    })
    .await
    .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rw", path.display())
}

async fn integrity(url: &str) -> String {
    let db = raw(url).await;
    let row = texts(&db, "PRAGMA integrity_check").await;
    db.close().await.unwrap();
    row.join("; ")
}

const LOAD_TITLES: &str =
    "SELECT id FROM tta_request WHERE title LIKE 'Crime analysis coaching c%'";

async fn ids(url: &str, sql: &str) -> Vec<i64> {
    let db = raw(url).await;
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.try_get_by_index::<i64>(0).unwrap())
        .collect();
    db.close().await.unwrap();
    rows
}

use sea_orm::ConnectionTrait;

/// The coordinator reads request `id` on `instance`: its page answers 200 with `title`.
async fn read_request(instance: &Instance, id: i64, title_part: &str) {
    let base = instance.url("");
    let coordinator = login(&base, COORDINATOR).await;
    let response = call(
        &client(),
        &base,
        "coordinator/request",
        &coordinator,
        &[("id", &id.to_string())],
    )
    .await
    .unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "request {id} on the restored database: {body}");
    assert!(body.contains(title_part), "request {id}: {body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_taken_under_writes_restores_and_serves() {
    let folder = tempfile::tempdir().unwrap();
    let live = folder.path().join("tta.sqlite");
    let url = format!("sqlite://{}?mode=rwc", live.display());
    tta_command(&url, &["seed-demo"]);
    let mut instance = Instance::start("S", &settings(&url, None)).await;
    let base = instance.url("");
    let contact = login(&base, MEMPHIS_CONTACT).await;
    let stop = Arc::new(AtomicBool::new(false));
    let (tally, clients) = submitters(4, vec![base], contact, Arc::clone(&stop));
    let deadline = Instant::now() + Duration::from_secs(30);
    while tally.lock().await.ok() < 10 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Every request committed before the backup starts; writes go on while it runs.
    let committed = ids(&sqlite_url(&live), LOAD_TITLES).await;
    let acknowledged_before = tally.lock().await.ok();
    let backup = folder.path().join("backup.sqlite");
    let backup_arg = backup.display().to_string();
    let started = Instant::now();
    let out = tta(&url, &["backup", &backup_arg]).await;
    let backup_time = started.elapsed();
    assert!(out.status.success(), "tta backup: {out:?}");
    assert!(
        text(&out.stdout).contains("Backed up") && text(&out.stdout).contains(" kB"),
        "names the file and its size: {}",
        text(&out.stdout)
    );
    // Let the writers run on past the backup, then stop them.
    let target = tally.lock().await.ok() + 5;
    while tally.lock().await.ok() < target && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::SeqCst);
    for task in clients {
        task.await.unwrap();
    }
    let tally = tally.lock().await;
    assert!(tally.others.is_empty(), "{:?}", tally.others);

    // An existing target is refused without --force.
    let again = tta(&url, &["backup", &backup_arg]).await;
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );

    // The backup opens whole and holds every request committed before it started.
    assert_eq!(integrity(&sqlite_url(&backup)).await, "ok");
    let in_backup = ids(&sqlite_url(&backup), LOAD_TITLES).await;
    let missing: Vec<&i64> = committed
        .iter()
        .filter(|id| !in_backup.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "committed before the backup, missing from it: {missing:?}"
    );
    let at_end = ids(&sqlite_url(&live), LOAD_TITLES).await;
    assert!(
        at_end.len() > in_backup.len(),
        "writes went on after the backup"
    );

    // Restore is refused while the server has the database open, and for a file that is not a
    // TTA database.
    let busy = tta(&url, &["restore", &backup_arg]).await;
    assert!(!busy.status.success());
    assert!(
        text(&busy.stderr).contains("in use by another process"),
        "{}",
        text(&busy.stderr)
    );
    let junk = folder.path().join("notes.txt");
    std::fs::write(&junk, "not a database").unwrap();
    let refused = tta(&url, &["restore", &junk.display().to_string()]).await;
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("not"),
        "{}",
        text(&refused.stderr)
    );
    let empty = folder.path().join("empty.sqlite");
    let other = raw(&format!("sqlite://{}?mode=rwc", empty.display())).await;
    other
        .execute_unprepared("CREATE TABLE notes (body TEXT)")
        .await
        .unwrap();
    other.close().await.unwrap();
    let refused = tta(&url, &["restore", &empty.display().to_string()]).await;
    assert!(
        text(&refused.stderr).contains("not a TTA Scheduler one"),
        "{}",
        text(&refused.stderr)
    );

    // Stopped, the database is replaced; the old file is kept beside it.
    instance.terminate();
    assert!(
        instance
            .wait_exit(Duration::from_secs(30))
            .await
            .is_some_and(|s| s.success())
    );
    let started = Instant::now();
    let restored = tta(&url, &["restore", &backup_arg]).await;
    assert!(restored.status.success(), "tta restore: {restored:?}");
    assert!(
        text(&restored.stdout).contains("before-restore"),
        "{}",
        text(&restored.stdout)
    );
    let kept = folder.path().join("tta.sqlite.before-restore");
    assert_eq!(integrity(&sqlite_url(&kept)).await, "ok");
    assert_eq!(ids(&sqlite_url(&kept), LOAD_TITLES).await, at_end);
    assert_eq!(integrity(&sqlite_url(&live)).await, "ok");
    assert_eq!(ids(&sqlite_url(&live), LOAD_TITLES).await, in_backup);

    // `tta serve` serves the restored data.
    let served = Instance::start("R", &settings(&url, None)).await;
    let recovery = started.elapsed();
    let first = *committed.first().expect("a committed request");
    read_request(&served, first, "Crime analysis coaching").await;
    let lost = missing.len();
    eprintln!(
        "FAULT-TABLE | SQLite backup under writes, restore, serve | {} requests acknowledged \
         ({acknowledged_before} before the backup, {} committed and counted), backup {:.1} s | {lost} | 0 | {:.1} s",
        tally.ok(),
        committed.len(),
        backup_time.as_secs_f64(),
        recovery.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pg_dump_restored_into_a_fresh_database_is_served() {
    let Some(cluster) = PgCluster::start() else {
        return;
    };
    let url = cluster.create_database("tta").await;
    tta_command(&url, &["seed-demo"]);
    let folder = tempfile::tempdir().unwrap();
    let dump = folder.path().join("tta.dump");
    let dump_arg = dump.display().to_string();

    // tta backup names the pg_dump command instead.
    let advice = tta(&url, &["backup", &dump_arg]).await;
    assert!(!advice.status.success());
    assert!(
        text(&advice.stderr).contains("pg_dump --format=custom"),
        "{}",
        text(&advice.stderr)
    );
    let advice = tta(&url, &["restore", &dump_arg]).await;
    assert!(
        text(&advice.stderr).contains("pg_restore"),
        "{}",
        text(&advice.stderr)
    );

    let started = Instant::now();
    let run = |program: &str, args: Vec<String>| {
        let program = bin_dir().join(program);
        async move {
            tokio::task::spawn_blocking(move || {
                std::process::Command::new(&program)
                    .args(&args)
                    .output()
                    .expect("run a PostgreSQL client")
            })
            .await
            .unwrap()
        }
    };
    let out = run(
        "pg_dump",
        vec![
            "--format=custom".to_owned(),
            format!("--file={dump_arg}"),
            url.clone(),
        ],
    )
    .await;
    assert!(out.status.success(), "pg_dump: {out:?}");
    let fresh = cluster.create_database("tta_restored").await;
    let out = run(
        "pg_restore",
        vec![
            "--no-owner".to_owned(),
            "--exit-on-error".to_owned(),
            format!("--dbname={fresh}"),
            dump_arg.clone(),
        ],
    )
    .await;
    assert!(out.status.success(), "pg_restore: {out:?}");

    // The same rows, table by table.
    let (before, after) = (raw(&url).await, raw(&fresh).await);
    let mut rows = 0;
    for table in [
        "app_user",
        "site",
        "tta_request",
        "proposal",
        "tta_session",
        "email_outbox",
        "seaql_migrations",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let (a, b) = (number(&before, &sql).await, number(&after, &sql).await);
        assert_eq!(a, b, "{table}: {a} rows dumped, {b} restored");
        rows += a;
    }

    // Served: log in, read a request, store a new one (the id sequences came along).
    let served = Instance::start("P", &settings(&fresh, None)).await;
    let recovery = started.elapsed();
    let request = number(&after, "SELECT CAST(MIN(id) AS BIGINT) FROM tta_request").await;
    let title = texts(
        &after,
        &format!("SELECT title FROM tta_request WHERE id = {request}"),
    )
    .await
    .remove(0);
    read_request(&served, request, &title).await;
    let base = served.url("");
    let contact = login(&base, MEMPHIS_CONTACT).await;
    let tally = tokio::sync::Mutex::new(Tally::default());
    let status = submit(&client(), &base, &contact, "after-restore", &tally).await;
    assert_eq!(status, 200, "{:?}", tally.lock().await.others);
    eprintln!(
        "FAULT-TABLE | PostgreSQL pg_dump -Fc, pg_restore into a fresh database, serve | {rows} rows \
         in 7 tables compared, 1 request read, 1 stored | 0 | 0 | {:.1} s",
        recovery.as_secs_f64()
    );
}
