//! The cluster harness: a private PostgreSQL ([`postgres::PgCluster`]), real `tta serve`
//! processes ([`instance::Instance`]), a real SMTP sink ([`smtp::SmtpSink`]), and the HTTP and
//! database helpers the scenarios share (log-in, server-function calls, the mail ledger).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod fault_table;
pub mod instance;
pub mod load;
pub mod postgres;
pub mod smtp;
pub mod workload;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = demo::DEMO_PASSWORD;

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A client that keeps redirects as they are and gives up on a request after 30 s.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Logs `email` in (demo password) at `base`; returns the `tta_session=…` cookie pair.
pub async fn login(base: &str, email: &str) -> String {
    let response = client()
        .post(format!("{base}/api/auth/login"))
        .header("Accept", "application/json")
        .form(&[("email", email), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "log-in of {email} at {base}");
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("tta_session="))
        .map(|header| header.split(';').next().unwrap().to_owned())
        .expect("a session cookie")
}

/// Posts a server function at `base` as `cookie`.
pub async fn call(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> Result<reqwest::Response, reqwest::Error> {
    client
        .post(format!("{base}/api/{endpoint}"))
        .header("Accept", "application/json")
        .header("Cookie", cookie)
        .form(form)
        .send()
        .await
}

/// A raw connection for the test's own checks.
pub async fn raw(url: &str) -> DatabaseConnection {
    sea_orm::Database::connect(url).await.unwrap()
}

/// The first column of the first row of `sql`, as a number.
pub async fn number(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// Every row of `sql`'s first column, as text.
pub async fn texts(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.try_get_by_index::<String>(0).unwrap())
        .collect()
}

/// What became of the outbox: compared by Message-ID with what the SMTP sink received.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct MailLedger {
    /// Rows in the outbox.
    pub queued: usize,
    /// Distinct messages the sink received.
    pub delivered: usize,
    /// Queued but never received.
    pub lost: usize,
    /// Extra copies received of a message already received.
    pub duplicated: usize,
    /// Rows still pending or sending when the wait ended.
    pub unfinished: usize,
}

fn bare(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned()
}

/// Waits (up to `limit`) until no outbox row is pending or sending, then counts.
pub async fn mail_ledger(
    db: &DatabaseConnection,
    sink: &smtp::SmtpSink,
    limit: Duration,
) -> MailLedger {
    let deadline = Instant::now() + limit;
    let unfinished_sql = "SELECT COUNT(*) FROM email_outbox WHERE status IN ('pending', 'sending')";
    let mut unfinished = number(db, unfinished_sql).await;
    while unfinished > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
        unfinished = number(db, unfinished_sql).await;
    }
    // Let a copy still on its way land before counting duplicates.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let queued: BTreeSet<String> = texts(db, "SELECT message_id FROM email_outbox")
        .await
        .iter()
        .map(|id| bare(id))
        .collect();
    let received = sink.received();
    let received_ids: BTreeSet<String> = received.keys().map(|id| bare(id)).collect();
    MailLedger {
        queued: queued.len(),
        delivered: received_ids.len(),
        lost: queued.difference(&received_ids).count(),
        duplicated: received.values().map(|n| n - 1).sum(),
        unfinished: usize::try_from(unfinished).unwrap(),
    }
}

/// Answers by status code (0: no response at all, e.g. the connection was refused or cut).
#[derive(Debug, Default)]
pub struct Tally {
    pub by_status: std::collections::BTreeMap<u16, usize>,
    /// Bodies of the answers that were neither 2xx nor 409.
    pub others: Vec<String>,
}

impl Tally {
    pub async fn add(&mut self, outcome: Result<reqwest::Response, reqwest::Error>) -> u16 {
        let status = match outcome {
            Ok(response) => {
                let status = response.status().as_u16();
                let retry_after = response.headers().contains_key("retry-after");
                let body = response.text().await.unwrap_or_default();
                if status == 503 {
                    assert!(retry_after, "a 503 without Retry-After: {body}");
                }
                if !(200..300).contains(&status) && status != 409 {
                    self.others.push(format!("{status}: {body}"));
                }
                status
            }
            Err(_) => 0,
        };
        *self.by_status.entry(status).or_insert(0) += 1;
        status
    }

    pub fn count(&self, status: u16) -> usize {
        self.by_status.get(&status).copied().unwrap_or(0)
    }

    pub fn ok(&self) -> usize {
        self.by_status
            .iter()
            .filter(|(s, _)| (200..300).contains(*s))
            .map(|(_, n)| n)
            .sum()
    }
}
