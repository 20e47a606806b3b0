//! SQLite survives `kill -9` mid-write: a `tta serve` child on a SQLite file, four clients
//! submitting requests, the process killed; the file opens, passes `PRAGMA integrity_check`, is
//! still in WAL mode, holds every acknowledged request (whole) and nothing beyond the requests
//! that were in flight.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Statement};

use crate::support::fault_table::fault_row;
use crate::support::instance::{Instance, settings, tta_command};
use crate::support::load::submitters;
use crate::support::workload::MEMPHIS_CONTACT;
use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_file_killed_mid_write_opens_whole() {
    let started = Instant::now();
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/tta.sqlite?mode=rwc", folder.path().display());
    tta_command(&url, &["seed-demo"]);
    let mut instance = Instance::start("S", &settings(&url, None)).await;
    let base = instance.url("");
    let contact = login(&base, MEMPHIS_CONTACT).await;
    let stop = Arc::new(AtomicBool::new(false));
    let (tally, clients) = submitters(4, vec![base], contact, Arc::clone(&stop));
    let deadline = Instant::now() + Duration::from_secs(30);
    while tally.lock().await.ok() < 20 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    instance.kill9();
    let killed_at = Instant::now();
    stop.store(true, Ordering::SeqCst);
    for task in clients {
        task.await.unwrap();
    }

    let db = raw(&url).await;
    let one = async |sql: &str| -> String {
        db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index::<String>(0)
            .unwrap()
    };
    assert_eq!(one("PRAGMA integrity_check").await, "ok");
    assert_eq!(one("PRAGMA journal_mode").await, "wal");
    let tally = tally.lock().await;
    let stored = number(
        &db,
        "SELECT COUNT(*) FROM tta_request WHERE title LIKE 'Crime analysis coaching c%'",
    )
    .await;
    let acknowledged = i64::try_from(tally.ok()).unwrap();
    let in_flight = i64::try_from(tally.count(0)).unwrap();
    eprintln!(
        "SQLite kill -9: answers {:?}, stored {stored}, integrity ok, {:.1} s",
        tally.by_status,
        started.elapsed().as_secs_f64()
    );
    fault_row(
        "kill -9 of a SQLite instance mid-write",
        &format!(
            "{} request submissions by 4 clients",
            tally.by_status.values().sum::<usize>()
        ),
        usize::try_from((acknowledged - stored).max(0)).unwrap(),
        usize::try_from((stored - acknowledged - in_flight).max(0)).unwrap(),
        killed_at.elapsed(),
    );
    assert!(acknowledged >= 20, "{tally:?}");
    assert!(
        (acknowledged..=acknowledged + in_flight).contains(&stored),
        "stored {stored}, acknowledged {acknowledged}, in flight {in_flight}"
    );
    assert_eq!(
        number(
            &db,
            "SELECT COUNT(*) FROM tta_request r WHERE NOT EXISTS \
             (SELECT 1 FROM request_topic t WHERE t.request_id = r.id)"
        )
        .await,
        0,
        "no request without its topics"
    );
}
