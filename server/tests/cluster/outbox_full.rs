//! The `.eml` outbox folder cannot be written (the disk is full: each file the worker would
//! write is a link to `/dev/full`, so the write fails with "No space left on device"): the
//! messages stay queued with the error recorded, and once there is room they are written on a
//! later attempt, each once.

use std::time::Duration;

use service::mail::{MailTransport, RetryPolicy, Worker, WorkerSettings, list_recent};
use service::{Database, DatabaseUrl};

use crate::support::fault_table::fault_row;
use crate::support::load::queue_mail;
use crate::support::number;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_outbox_folder_keeps_messages_queued_until_there_is_room() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("SKIPPED: no /dev/full on this system");
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/tta.sqlite?mode=rwc", folder.path().display());
    let db = Database::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    db.migrate().await.unwrap();
    queue_mail(db.conn(), "full", 3).await;
    let outbox = folder.path().join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    let mut links = Vec::new();
    for row in list_recent(&db, 10).await.unwrap() {
        let stem = format!(
            "{}-{:08}-{}",
            row.created_at.format("%Y%m%dT%H%M%SZ"),
            row.id,
            row.event
        );
        let link = outbox.join(format!(".{stem}.eml.partial"));
        std::os::unix::fs::symlink("/dev/full", &link).unwrap();
        links.push(link);
    }
    let worker = Worker::new(
        db.clone(),
        MailTransport::folder(&outbox),
        "TTA Scheduler <tta@example.org>".parse().unwrap(),
        WorkerSettings {
            poll_interval: Duration::from_millis(50),
            retry: RetryPolicy {
                base: Duration::from_millis(300),
                cap: Duration::from_millis(300),
                max_attempts: 20,
            },
            ..WorkerSettings::default()
        },
    );

    let full = worker.drain().await.unwrap();
    assert_eq!((full.sent, full.failed), (0, 3), "{full:?}");
    let rows = list_recent(&db, 10).await.unwrap();
    for row in &rows {
        assert_eq!(row.status, "pending", "still queued: {row:?}");
        assert!(row.attempts >= 1);
        let error = row.last_error.as_deref().unwrap_or_default();
        assert!(error.contains("No space left on device"), "{error}");
    }
    let eml = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
            .count()
    };
    assert_eq!(eml(&outbox), 0);

    // Room again: the next attempts write every message, once.
    for link in &links {
        std::fs::remove_file(link).unwrap();
    }
    let room_again = std::time::Instant::now();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let room = worker.drain().await.unwrap();
    let written = eml(&outbox);
    fault_row(
        ".eml outbox folder full (No space left on device), then room again (SQLite)",
        "3 messages",
        3usize.saturating_sub(written),
        written.saturating_sub(3),
        room_again.elapsed(),
    );
    assert_eq!(room.sent, 3, "{room:?}");
    assert_eq!(eml(&outbox), 3);
    assert_eq!(
        number(
            db.conn(),
            "SELECT COUNT(*) FROM email_outbox WHERE status = 'sent'"
        )
        .await,
        3
    );
}
