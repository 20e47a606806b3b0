//! The outbox under failure and concurrency, on SQLite and PostgreSQL: the `tta send-mail`
//! process killed (SIGKILL) mid-drain and started again loses nothing and resends at most what
//! was in flight, with the same Message-ID; two workers with their own connection pools (two
//! server instances) draining one database together send nothing twice.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{harness, mail_support};
use std::collections::HashMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::Utc;
use harness::Backend;
use mail_support::*;
use sea_orm::{ConnectionTrait, Statement};

fn tta(f: &MailFixture, sink: &SmtpSink, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_tta"));
    command
        .args(args)
        .env("DATABASE_URL", &f.url)
        .env("TTA_SMTP_URL", sink.url())
        .env("TTA_MAIL_FROM", "TTA Scheduler <tta@example.org>")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    command
}

fn count_by_message_id(received: &[serde_json::Value]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for message in received {
        *counts
            .entry(message["message_id"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    counts
}

async fn worker_killed_mid_drain_loses_nothing(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    const N: usize = 300;
    assert_eq!(f.enqueue_all(&many_messages(N)).await, N);
    // 20 ms per message at the server: the drain takes long enough to be interrupted.
    let sink = SmtpSink::start(free_port(), 20);
    let mut worker = tta(&f, &sink, &["send-mail"]).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while sink.messages().len() < 40 {
        assert!(Instant::now() < deadline, "the worker sent nothing");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    worker.kill().unwrap();
    worker.wait().unwrap();
    let delivered_before_kill = sink.messages().len();
    assert!(delivered_before_kill < N, "killed after the drain finished");
    let unfinished = f
        .count("SELECT COUNT(*) FROM email_outbox WHERE status <> 'sent'")
        .await;
    assert!(unfinished > 0);
    let in_flight = f
        .count("SELECT COUNT(*) FROM email_outbox WHERE status = 'sending'")
        .await;

    // Time passes: the dead worker's lease runs out (simulated by moving it into the past).
    let past = Utc::now() - chrono::Duration::minutes(10);
    let sql = match f.raw.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "UPDATE email_outbox SET claimed_until = $1 WHERE status = 'sending'"
        }
        _ => "UPDATE email_outbox SET claimed_until = ? WHERE status = 'sending'",
    };
    f.raw
        .execute_raw(Statement::from_sql_and_values(
            f.raw.get_database_backend(),
            sql,
            [past.into()],
        ))
        .await
        .unwrap();

    let mut once = tta(&f, &sink, &["send-mail", "--once"]);
    let status = tokio::task::spawn_blocking(move || once.status())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE status = 'sent'")
            .await,
        i64::try_from(N).unwrap(),
        "nothing lost"
    );
    let received = sink.wait_for(N, Duration::from_secs(10)).await;
    let counts = count_by_message_id(&received);
    assert_eq!(counts.len(), N, "every message arrived");
    let resent = received.len() - N;
    assert!(
        i64::try_from(resent).unwrap() <= in_flight,
        "resent {resent}, but only {in_flight} were in flight"
    );
}

async fn two_workers_never_send_a_message_twice(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    const N: usize = 400;
    assert_eq!(f.enqueue_all(&many_messages(N)).await, N);
    let sink = SmtpSink::start(free_port(), 0);
    let mut settings = quick_settings();
    settings.batch = 10;
    let first = worker(&f.db, smtp(&sink.url()), settings.clone());
    let second_db = f.another_instance().await;
    let second = worker(&second_db, smtp(&sink.url()), settings);
    let (a, b) = tokio::join!(
        tokio::spawn(async move { first.drain().await }),
        tokio::spawn(async move { second.drain().await })
    );
    let (a, b) = (a.unwrap().unwrap(), b.unwrap().unwrap());
    assert_eq!(a.sent + b.sent, N);
    assert_eq!(a.failed + b.failed, 0);
    let received = sink.wait_for(N, Duration::from_secs(10)).await;
    let counts = count_by_message_id(&received);
    assert_eq!(received.len(), N, "nothing twice");
    assert_eq!(counts.len(), N);
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_attempt").await,
        i64::try_from(N).unwrap()
    );
    eprintln!("worker A sent {}, worker B sent {}", a.sent, b.sent);
}

mail_test_on_both!(
    worker_killed_mid_drain_loses_nothing,
    two_workers_never_send_a_message_twice,
);
