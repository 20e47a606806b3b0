//! Benchmark (not a test): drain 10,000 queued messages to a local SMTP sink and report
//! messages per second and peak memory.
//!
//! ```sh
//! cargo run --release -p server --example mail_drain_bench            # SQLite in a temp folder
//! BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench cargo run --release -p server --example mail_drain_bench
//! BENCH_MESSAGES=2000 … # fewer messages
//! BENCH_SMTP_TLS=smtps … # or starttls: encrypted sessions (the sink makes a throwaway CA)
//! BENCH_SENDERS=1 …      # messages sent at the same time (16 by default)
//! ```
//! The sink is `server/tests/http/mail_support/smtp_sink.py` (Python aiosmtpd, installed by
//! `scripts/setup.sh`) on a free port; it writes each message to a temporary folder, and the
//! benchmark checks that every message arrived exactly once. `scripts/bench-mail.sh` runs it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::TransactionTrait;
use service::mail::messages::{
    Contact, EngagementFacts, Person, ScheduleFacts, SessionFacts, SiteFacts, Tz,
    schedule_confirmed,
};
use service::mail::{MailTransport, SmtpSettings, Worker, WorkerSettings};
use service::{Database, DatabaseUrl};

#[tokio::main]
async fn main() {
    let total: usize = std::env::var("BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let scratch = tempfile::tempdir().unwrap();
    let url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!(
            "sqlite://{}/bench.sqlite?mode=rwc",
            scratch.path().display()
        )
    });
    let db = Database::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let raw = sea_orm::Database::connect(url.as_str()).await.unwrap();

    let enqueue_started = Instant::now();
    let now = Utc::now();
    for chunk in (0..total).collect::<Vec<_>>().chunks(1000) {
        let txn = raw.begin().await.unwrap();
        for &i in chunk {
            service::mail::enqueue(&txn, &message(i, now))
                .await
                .unwrap();
        }
        txn.commit().await.unwrap();
    }
    let enqueue_time = enqueue_started.elapsed();

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sink_folder = scratch.path().join("sink");
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/http/mail_support/smtp_sink.py"
    );
    let python = std::env::var("TTA_TEST_PYTHON").unwrap_or_else(|_| {
        if Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
        {
            "python3".to_owned()
        } else {
            "/usr/bin/python3".to_owned()
        }
    });
    let tls = std::env::var("BENCH_SMTP_TLS").unwrap_or_else(|_| "none".to_owned());
    let ca_file = scratch.path().join("ca.pem");
    let (sink_tls, smtp_url) = match tls.as_str() {
        "none" => (None, format!("smtp://127.0.0.1:{port}")),
        "starttls" => (
            Some("starttls-required"),
            format!("smtp://127.0.0.1:{port}?tls=starttls"),
        ),
        "smtps" => (Some("smtps"), format!("smtps://127.0.0.1:{port}")),
        other => panic!("BENCH_SMTP_TLS={other}: use none, starttls or smtps"),
    };
    let mut sink_command = Command::new(python);
    sink_command
        .arg(script)
        .arg(port.to_string())
        .arg(&sink_folder);
    if let Some(mode) = sink_tls {
        sink_command.args(["--tls", mode, "--ca-out"]).arg(&ca_file);
    }
    let mut sink = sink_command
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the SMTP sink (scripts/setup.sh installs aiosmtpd)");
    let mut ready = String::new();
    BufReader::new(sink.stdout.take().unwrap())
        .read_line(&mut ready)
        .unwrap();
    assert_eq!(ready.trim(), "READY");

    let mut settings = SmtpSettings::parse(&smtp_url, None, None).unwrap();
    if sink_tls.is_some() {
        settings = settings.with_ca_file(&ca_file).unwrap();
    }
    let senders: usize = std::env::var("BENCH_SENDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let worker = Worker::new(
        db.clone(),
        MailTransport::smtp(&settings).unwrap(),
        "TTA Scheduler <tta@example.org>".parse().unwrap(),
        // Sixteen senders (`TTA_MAIL_SENDERS=16`): the capacity with parallel sends; the default
        // of one sender keeps a kill -9's duplicate window to one message.
        WorkerSettings {
            batch: 200,
            concurrency: senders,
            ..WorkerSettings::default()
        },
    );
    let started = Instant::now();
    let report = worker.drain().await.unwrap();
    let elapsed = started.elapsed();

    // Every message arrived, once.
    let deadline = Instant::now() + Duration::from_secs(10);
    let received = loop {
        let n = std::fs::read_dir(&sink_folder)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "eml"))
            })
            .count();
        if n >= total || Instant::now() > deadline {
            break n;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let sink_cpu = cpu_seconds(&format!("/proc/{}/stat", sink.id()));
    let own_cpu = cpu_seconds("/proc/self/stat");
    let _ = sink.kill();
    let _ = sink.wait();

    let backend = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("database:          {backend}");
    println!("SMTP:              {smtp_url}, {senders} senders");
    println!(
        "messages:          {total} (enqueued in {:.2} s)",
        enqueue_time.as_secs_f64()
    );
    println!("sent / failed:     {} / {}", report.sent, report.failed);
    println!("received by sink:  {received}");
    println!("drain time:        {:.2} s", elapsed.as_secs_f64());
    println!(
        "throughput:        {:.0} messages/s",
        report.sent as f64 / elapsed.as_secs_f64()
    );
    println!("peak memory (RSS): {} (this process; VmHWM)", peak_rss());
    println!(
        "CPU used:          {own_cpu:.1} s by the worker process, {sink_cpu:.1} s by the SMTP sink"
    );
    assert_eq!(report.sent, total);
    assert_eq!(received, total);
}

/// User + system CPU seconds of a process, from its `/proc/…/stat` (clock ticks of 1/100 s).
fn cpu_seconds(stat_path: &str) -> f64 {
    std::fs::read_to_string(stat_path)
        .ok()
        .and_then(|stat| {
            let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
            let utime: f64 = fields.get(11)?.parse().ok()?;
            let stime: f64 = fields.get(12)?.parse().ok()?;
            Some((utime + stime) / 100.0)
        })
        .unwrap_or(f64::NAN)
}

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn message(i: usize, now: chrono::DateTime<Utc>) -> service::mail::OutgoingMessage {
    let contact = Contact {
        name: "Casey Coordinator".to_owned(),
        email: "casey@psp.example.gov".to_owned(),
    };
    let provider = Person {
        name: format!("Provider {i}"),
        email: format!("provider{i}@example.org"),
        zone: Tz::America__Phoenix,
        role: service::accounts::Role::Provider,
    };
    let start = now + chrono::Duration::days(30);
    let facts = ScheduleFacts {
        engagement: EngagementFacts {
            request_id: i32::try_from(i).unwrap(),
            title: "Gun violence reduction coaching".to_owned(),
            site: SiteFacts {
                name: "Memphis, TN".to_owned(),
                zone: Tz::America__Chicago,
            },
            provider: provider.clone(),
            contact: contact.clone(),
            organizer: contact,
            app_url: "https://tta.example.org".to_owned(),
            co_providers: Vec::new(),
        },
        sessions: vec![SessionFacts {
            calendar_uid: format!("bench-{i}@tta-scheduler"),
            sequence: 0,
            occurrence: 1,
            starts_at: start,
            ends_at: start + chrono::Duration::minutes(90),
            location: String::new(),
            virtual_link: "https://meet.example.org/psp".to_owned(),
        }],
        attendees: vec![provider.clone()],
    };
    // The benchmark sends the one session's confirmation (one message per person).
    schedule_confirmed(&facts, &provider, now)
}
