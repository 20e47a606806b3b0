//! Shared pieces of the mail tests: a real SMTP server process (Python `aiosmtpd`, installed by
//! `scripts/setup.sh`) on a free port, a migrated database on SQLite or PostgreSQL, and sample
//! messages.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone as _, Utc};
use sea_orm::{ConnectionTrait, Database as SeaDatabase, DatabaseConnection, Statement};
use service::mail::messages::{
    Contact, EngagementFacts, Person, ScheduleFacts, SessionFacts, SiteFacts, Tz,
    schedule_confirmed,
};
use service::mail::{
    MailTransport, Mailbox, OutgoingMessage, RetryPolicy, SmtpSettings, Worker, WorkerSettings,
};
use service::{Database, DatabaseUrl};

use crate::harness::{Backend, TestDatabase};

/// Defines `sqlite` and `postgres` variants of `async fn name(Backend)` tests.
#[macro_export]
macro_rules! mail_test_on_both {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::$name($crate::harness::Backend::Sqlite).await; } )+
        }
        mod postgres {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::$name($crate::harness::Backend::Postgres).await; } )+
        }
    };
}

/// The Python interpreter that has `aiosmtpd` (`TTA_TEST_PYTHON`, `python3`, `/usr/bin/python3`),
/// one that also has `cryptography` (the TLS sinks' certificates) first.
pub fn python() -> String {
    let candidates: Vec<String> = std::env::var("TTA_TEST_PYTHON")
        .into_iter()
        .chain(["python3".to_owned(), "/usr/bin/python3".to_owned()])
        .collect();
    for import in ["import aiosmtpd, cryptography", "import aiosmtpd"] {
        for candidate in &candidates {
            let ok = Command::new(candidate)
                .args(["-c", import])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                return candidate.clone();
            }
        }
    }
    panic!("no Python with aiosmtpd: run scripts/setup.sh (installs python3-aiosmtpd)");
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An `aiosmtpd` process writing what it receives into a temporary folder.
pub struct SmtpSink {
    pub port: u16,
    folder: tempfile::TempDir,
    /// Holds `ca.pem`, the throwaway CA of a TLS sink.
    tls: Option<tempfile::TempDir>,
    child: Child,
}

/// How a sink protects its sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SinkTls {
    Plain,
    /// STARTTLS offered, plain sessions accepted too.
    StartTls,
    /// STARTTLS offered, every command but EHLO, NOOP and QUIT refused before it.
    StartTlsRequired,
    /// TLS from the first byte.
    Smtps,
}

/// A sink's options beyond the plain default (see `smtp_sink.py`).
#[derive(Clone, Debug)]
pub struct SinkOptions {
    pub delay_ms: u64,
    pub tls: SinkTls,
    /// AUTH PLAIN/LOGIN required with this user and password.
    pub auth: Option<(String, String)>,
    /// AUTH offered on an unencrypted session as well.
    pub auth_without_tls: bool,
    /// Recipients whose RCPT TO the sink refuses with `550 5.1.1` (a message's own failure).
    pub reject_rcpt: Vec<String>,
}

impl Default for SinkOptions {
    fn default() -> Self {
        Self {
            delay_ms: 0,
            tls: SinkTls::Plain,
            auth: None,
            auth_without_tls: false,
            reject_rcpt: Vec::new(),
        }
    }
}

impl SmtpSink {
    /// Starts on `port`, with `delay_ms` per message; waits until it listens.
    pub fn start(port: u16, delay_ms: u64) -> Self {
        Self::start_in(port, delay_ms, tempfile::tempdir().unwrap())
    }

    fn start_in(port: u16, delay_ms: u64, folder: tempfile::TempDir) -> Self {
        let options = SinkOptions {
            delay_ms,
            ..SinkOptions::default()
        };
        Self::start_with_in(port, &options, folder)
    }

    /// Starts on `port` with `options` (a fresh CA and server certificate when TLS is asked
    /// for); waits until it listens.
    pub fn start_with(port: u16, options: &SinkOptions) -> Self {
        Self::start_with_in(port, options, tempfile::tempdir().unwrap())
    }

    fn start_with_in(port: u16, options: &SinkOptions, folder: tempfile::TempDir) -> Self {
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/http/mail_support/smtp_sink.py");
        let mut command = Command::new(python());
        command
            .arg(script)
            .arg(port.to_string())
            .arg(folder.path())
            .args(["--delay-ms", &options.delay_ms.to_string(), "--summary"]);
        let tls_mode = match options.tls {
            SinkTls::Plain => None,
            SinkTls::StartTls => Some("starttls"),
            SinkTls::StartTlsRequired => Some("starttls-required"),
            SinkTls::Smtps => Some("smtps"),
        };
        let tls = tls_mode.map(|mode| {
            let dir = tempfile::tempdir().unwrap();
            command
                .args(["--tls", mode, "--ca-out"])
                .arg(dir.path().join("ca.pem"));
            dir
        });
        if let Some((user, password)) = &options.auth {
            command
                .args(["--auth", user])
                .env("SINK_AUTH_PASSWORD", password);
            if options.auth_without_tls {
                command.arg("--auth-without-tls");
            }
        }
        if !options.reject_rcpt.is_empty() {
            command.args(["--reject-rcpt", &options.reject_rcpt.join(",")]);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP sink");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "READY", "SMTP sink did not start");
        Self {
            port,
            folder,
            tls,
            child,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The PEM file of the throwaway CA that signed a TLS sink's certificate.
    pub fn ca_file(&self) -> PathBuf {
        self.tls
            .as_ref()
            .expect("a sink started with TLS")
            .path()
            .join("ca.pem")
    }

    /// Every AUTH attempt the sink saw (mechanism, login, success, TLS version), oldest first.
    pub fn auth_attempts(&self) -> Vec<serde_json::Value> {
        match std::fs::read_to_string(self.folder.path().join("auth.jsonl")) {
            Ok(text) => text
                .lines()
                .map(|line| serde_json::from_str(line).unwrap())
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    pub fn folder(&self) -> &Path {
        self.folder.path()
    }

    /// Every message received so far, as the sink summarised it (oldest first).
    pub fn messages(&self) -> Vec<serde_json::Value> {
        summaries(self.folder.path())
    }

    /// Waits until at least `n` messages arrived (or `timeout`), returns them.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<serde_json::Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= n || Instant::now() > deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn summaries(folder: &Path) -> Vec<serde_json::Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
        .collect()
}

/// A migrated, empty database and a raw connection to inspect it.
pub struct MailFixture {
    pub db: Database,
    pub raw: DatabaseConnection,
    pub url: String,
    pub database: TestDatabase,
}

pub async fn fixture(backend: Backend) -> Option<MailFixture> {
    let database = TestDatabase::create(backend).await?;
    let db = Database::connect(&DatabaseUrl::parse(&database.url).unwrap())
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    Some(MailFixture {
        db,
        raw,
        url: database.url.clone(),
        database,
    })
}

impl MailFixture {
    /// A second, independent handle (another "server instance").
    pub async fn another_instance(&self) -> Database {
        Database::connect(&DatabaseUrl::parse(&self.url).unwrap())
            .await
            .unwrap()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        self.raw
            .query_one_raw(Statement::from_string(self.raw.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index::<i64>(0)
            .unwrap()
    }

    /// Writes `messages` in one transaction, as a state change would.
    pub async fn enqueue_all(&self, messages: &[OutgoingMessage]) -> usize {
        use sea_orm::TransactionTrait;
        let txn = self.raw.begin().await.unwrap();
        let mut written = 0;
        for message in messages {
            written += usize::from(service::mail::enqueue(&txn, message).await.unwrap());
        }
        txn.commit().await.unwrap();
        written
    }
}

pub fn from() -> Mailbox {
    "TTA Scheduler <tta@example.org>".parse().unwrap()
}

pub fn smtp(url: &str) -> MailTransport {
    MailTransport::smtp(&SmtpSettings::parse(url, None, None).unwrap()).unwrap()
}

/// Fast settings for tests: short back-off.
pub fn quick_settings() -> WorkerSettings {
    WorkerSettings {
        batch: 25,
        concurrency: 4,
        lease: Duration::from_secs(60),
        poll_interval: Duration::from_millis(100),
        retry: RetryPolicy {
            base: Duration::from_millis(200),
            cap: Duration::from_millis(800),
            max_attempts: 50,
        },
        relay_backoff: service::mail::RelayBackoff {
            first: Duration::from_millis(20),
            cap: Duration::from_millis(80),
        },
        reminders: None,
        park_file: None,
        clock_skew: chrono::Duration::zero(),
    }
}

pub fn worker(db: &Database, transport: MailTransport, settings: WorkerSettings) -> Worker {
    Worker::new(db.clone(), transport, from(), settings)
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

pub fn chicago_site() -> SiteFacts {
    SiteFacts {
        name: "Memphis, TN".to_owned(),
        zone: Tz::America__Chicago,
    }
}

pub fn provider() -> Person {
    Person {
        name: "Pat Provider".to_owned(),
        email: "pat@example.org".to_owned(),
        zone: Tz::America__Phoenix,
        role: service::accounts::Role::Provider,
    }
}

pub fn site_contact() -> Person {
    Person {
        name: "Sam Site".to_owned(),
        email: "sam@memphis.example.gov".to_owned(),
        zone: Tz::America__Chicago,
        role: service::accounts::Role::SiteContact,
    }
}

/// Biweekly 10:00 Central sessions straddling the 2027-03-14 spring-forward.
pub fn dst_sessions(request_id: i32) -> Vec<SessionFacts> {
    [
        at(2027, 3, 2, 16, 0),
        at(2027, 3, 16, 15, 0),
        at(2027, 3, 30, 15, 0),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, start)| SessionFacts {
        calendar_uid: format!("r{request_id}-s{i}@tta-scheduler"),
        sequence: 0,
        occurrence: i32::try_from(i).unwrap() + 1,
        starts_at: start,
        ends_at: start + chrono::Duration::minutes(90),
        location: String::new(),
        virtual_link: "https://meet.example.org/psp".to_owned(),
    })
    .collect()
}

pub fn schedule(request_id: i32) -> ScheduleFacts {
    let contact = Contact {
        name: "Casey Coordinator".to_owned(),
        email: "casey@psp.example.gov".to_owned(),
    };
    ScheduleFacts {
        engagement: EngagementFacts {
            request_id,
            title: "Gun violence reduction coaching".to_owned(),
            site: chicago_site(),
            provider: provider(),
            contact: contact.clone(),
            organizer: Contact {
                name: "TTA Scheduler".to_owned(),
                email: "tta@example.org".to_owned(),
            },
            app_url: "http://127.0.0.1:3000".to_owned(),
            co_providers: Vec::new(),
        },
        sessions: dst_sessions(request_id),
        attendees: vec![provider(), site_contact()],
    }
}

/// `n` distinct confirmation messages (one request each, to the provider).
pub fn many_messages(n: usize) -> Vec<OutgoingMessage> {
    (0..n)
        .map(|i| {
            // The first session's confirmation: one invite, one UID.
            let mut facts = schedule(i32::try_from(i).unwrap());
            facts.sessions.truncate(1);
            schedule_confirmed(&facts, &provider(), Utc::now())
        })
        .collect()
}

/// The invites attached to outbox message `id`, in their order: (METHOD from the content type,
/// file name, iCalendar text). A row written before migration 18 has its one invite in
/// `email_outbox.calendar` instead.
pub async fn invites_of(db: &Database, id: i64) -> Vec<(String, String, String)> {
    service::mail::attachments(db.conn(), id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| {
            let method = a
                .content_type
                .split(';')
                .find_map(|p| p.trim().strip_prefix("method="))
                .unwrap_or_else(|| panic!("no method in {}", a.content_type))
                .to_owned();
            assert!(
                a.content_type.starts_with("text/calendar"),
                "{}",
                a.content_type
            );
            (method, a.filename, a.content)
        })
        .collect()
}

/// The `text/calendar` parts of a message the sink summarised, in their order.
pub fn calendar_parts(message: &serde_json::Value) -> Vec<&serde_json::Value> {
    message["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["content_type"] == "text/calendar")
        .collect()
}

/// One parsed `VEVENT`: property name (without parameters) → (parameters, value).
pub type IcsEvent = std::collections::HashMap<String, Vec<(String, String)>>;

/// Parses iCalendar text strictly enough for the tests: every physical line ends in CRLF and has
/// at most 75 octets; folded lines are unfolded; returns METHOD and the events.
pub fn parse_ics(text: &str) -> (String, Vec<IcsEvent>) {
    assert!(text.ends_with("\r\n"), "ics must end with CRLF");
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
        if let Some(rest) = line.strip_prefix(' ') {
            logical
                .last_mut()
                .expect("continuation first")
                .push_str(rest);
        } else {
            logical.push(line.to_owned());
        }
    }
    let mut method = String::new();
    let mut events = Vec::new();
    let mut current: Option<IcsEvent> = None;
    for line in logical {
        let (head, value) = line.split_once(':').expect("name:value");
        let (name, params) = head.split_once(';').unwrap_or((head, ""));
        match (name, value) {
            ("BEGIN", "VEVENT") => current = Some(IcsEvent::new()),
            ("END", "VEVENT") => events.push(current.take().expect("open event")),
            ("METHOD", m) => method = m.to_owned(),
            (name, value) => {
                if let Some(event) = current.as_mut() {
                    event
                        .entry(name.to_owned())
                        .or_default()
                        .push((params.to_owned(), value.to_owned()));
                }
            }
        }
    }
    (method, events)
}

/// The single value of `name` in `event`.
pub fn prop<'a>(event: &'a IcsEvent, name: &str) -> &'a str {
    &event.get(name).unwrap_or_else(|| panic!("{name} missing"))[0].1
}

/// `20270316T150000Z` as an instant.
pub fn ics_instant(text: &str) -> DateTime<Utc> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .and_utc()
}
