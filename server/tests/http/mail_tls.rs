//! Mail over the protections production relays use, against a real SMTP server (an `aiosmtpd`
//! process with a throwaway CA and server certificate made at its start) and real TLS: a
//! confirmation delivered over STARTTLS required, opportunistic STARTTLS and smtps, each with
//! AUTH, the server's certificate trusted through `TTA_SMTP_CA_FILE`'s setting and the session
//! seen encrypted and authenticated by the server. A wrong password, a server without STARTTLS
//! when it is required, a stripped STARTTLS with credentials and a certificate from an unknown CA
//! each leave the message queued with its reason, and never send the password anywhere it
//! should not go (the server's AUTH log, the `tta send-mail` log, the outbox's errors). Each of
//! those is the relay's failure, not the message's: the message keeps its attempts however often
//! the relay is tried, the relay's state names the reason for the administrators, and once the
//! setting is right every message is delivered exactly once. A recipient the server refuses
//! (550) is the message's own failure: it counts, and ends failed.
//!
//! SQLite only: the database plays no part in how a message reaches the server (the outbox on
//! both databases is `mail_delivery`'s).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{harness, mail_support};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use chrono::Utc;
use harness::Backend;
use mail_support::*;
use sea_orm::{ConnectionTrait, Statement};
use service::mail::messages::schedule_confirmed;
use service::mail::{MailTransport, SmtpSettings, WorkerSettings, relay_state};

const USER: &str = "tta-relay";
const PASSWORD: &str = "correct-horse-battery-7781";

fn sink(tls: SinkTls) -> SmtpSink {
    SmtpSink::start_with(
        free_port(),
        &SinkOptions {
            tls,
            auth: Some((USER.to_owned(), PASSWORD.to_owned())),
            ..SinkOptions::default()
        },
    )
}

/// A transport to `url` as `tta serve` builds it, trusting `ca_file`'s roots when given.
fn transport(url: &str, password: &str, ca_file: Option<&Path>) -> MailTransport {
    let mut settings =
        SmtpSettings::parse(url, Some(USER.to_owned()), Some(password.to_owned())).unwrap();
    if let Some(ca_file) = ca_file {
        settings = settings.with_ca_file(ca_file).unwrap();
    }
    MailTransport::smtp(&settings).unwrap()
}

/// Failures wait long before their next attempt: a drain tries each message once.
fn once_settings() -> WorkerSettings {
    let mut settings = quick_settings();
    settings.retry.base = Duration::from_secs(60);
    settings.retry.cap = Duration::from_secs(60);
    settings
}

/// A series' confirmation to the provider and to the site contact, delivered by a drain over
/// `transport`: both arrive with their own recipients, in a session the server saw encrypted
/// and authenticated as [`USER`].
async fn delivers_encrypted_and_authenticated(transport: MailTransport, sink: &SmtpSink) {
    let f = fixture(Backend::Sqlite).await.unwrap();
    let facts = schedule(11);
    let now = Utc::now();
    let messages = [
        schedule_confirmed(&facts, &provider(), now),
        schedule_confirmed(&facts, &site_contact(), now),
    ];
    assert_eq!(f.enqueue_all(&messages).await, 2);
    let report = worker(&f.db, transport, once_settings())
        .drain()
        .await
        .unwrap();
    let errors = f
        .raw
        .query_all_raw(Statement::from_string(
            f.raw.get_database_backend(),
            "SELECT last_error FROM email_outbox",
        ))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get_by_index::<Option<String>>(0).unwrap())
        .collect::<Vec<_>>();
    assert_eq!((report.sent, report.failed), (2, 0), "errors: {errors:?}");

    let received = sink.wait_for(2, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 2);
    let mut recipients: Vec<String> = Vec::new();
    for message in &received {
        let rcpt: Vec<&str> = message["rcpt_tos"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(rcpt.len(), 1, "{message}");
        recipients.push(rcpt[0].to_owned());
        assert_eq!(message["mail_from"], "tta@example.org");
        assert!(
            message["subject"]
                .as_str()
                .unwrap()
                .starts_with("3 sessions confirmed: Gun violence reduction coaching"),
            "{}",
            message["subject"]
        );
        assert_eq!(calendar_parts(message).len(), 3, "the invites arrived");
        let tls = message["tls"].as_str().unwrap_or("plain");
        assert!(
            tls == "TLSv1.2" || tls == "TLSv1.3",
            "session not encrypted: {tls}"
        );
        assert_eq!(message["auth_login"], USER);
    }
    recipients.sort();
    let mut expected = vec![provider().email, site_contact().email];
    expected.sort();
    assert_eq!(recipients, expected);
    // One pooled connection carried both: one AUTH, over TLS, accepted.
    let attempts = sink.auth_attempts();
    assert!(!attempts.is_empty());
    for attempt in &attempts {
        assert_eq!(attempt["success"], true, "{attempt}");
        assert_eq!(attempt["login"], USER);
        assert!(attempt["tls"].is_string(), "AUTH before TLS: {attempt}");
    }
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE status = 'sent' AND attempts = 1")
            .await,
        2
    );
}

/// One confirmation queued in a fresh database; the drain over `transport` meets a relay
/// failure: the message is still pending with no attempt counted, its error (outbox and attempt
/// rows) contains every one of `reason` and never the password, the relay's state says
/// `relay_reason`; the server received nothing.
async fn stays_queued(
    transport: MailTransport,
    sink: &SmtpSink,
    reason: &[&str],
    relay_reason: &str,
) -> MailFixture {
    let f = fixture(Backend::Sqlite).await.unwrap();
    let message = schedule_confirmed(&schedule(12), &provider(), Utc::now());
    assert_eq!(f.enqueue_all(&[message]).await, 1);
    let report = worker(&f.db, transport, once_settings())
        .drain()
        .await
        .unwrap();
    assert_eq!((report.sent, report.failed, report.deferred), (0, 0, 1));
    assert_pending_with(&f, reason).await;
    assert_relay_failing(&f, relay_reason).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(sink.messages().is_empty(), "the server received a message");
    f
}

/// The one message is pending with no attempt counted, every recorded try `deferred` (the
/// relay's failure) with an error that names every one of `reason` and never the password.
async fn assert_pending_with(f: &MailFixture, reason: &[&str]) {
    let rows = f
        .raw
        .query_all_raw(Statement::from_string(
            f.raw.get_database_backend(),
            "SELECT o.status, o.attempts, o.last_error, a.outcome, a.error \
             FROM email_outbox o JOIN email_attempt a ON a.outbox_id = o.id",
        ))
        .await
        .unwrap();
    assert!(!rows.is_empty(), "no try recorded");
    for row in rows {
        let status: String = row.try_get_by_index(0).unwrap();
        let attempts: i32 = row.try_get_by_index(1).unwrap();
        let last_error: String = row.try_get_by_index(2).unwrap();
        let outcome: String = row.try_get_by_index(3).unwrap();
        let attempt_error: String = row.try_get_by_index(4).unwrap();
        assert_eq!((status.as_str(), attempts), ("pending", 0), "{last_error}");
        assert_eq!(outcome, "deferred");
        assert_eq!(attempt_error, last_error);
        for part in reason {
            assert!(last_error.contains(part), "{part:?} not in {last_error:?}");
        }
        assert_no_password(&last_error);
    }
}

/// The relay's shared state shows an open outage whose reason is `reason`, without the password.
async fn assert_relay_failing(f: &MailFixture, reason: &str) {
    let state = relay_state(&f.db).await.unwrap();
    assert!(state.failing_since.is_some(), "{state:?}");
    assert_eq!(state.reason.as_deref(), Some(reason), "{state:?}");
    assert_no_password(&format!("{state:?}"));
    let opened = f
        .count("SELECT COUNT(*) FROM audit_event WHERE action = 'email.relay_failing'")
        .await;
    assert_eq!(opened, 1, "one alert per outage");
    let details = f
        .raw
        .query_all_raw(Statement::from_string(
            f.raw.get_database_backend(),
            "SELECT detail FROM audit_event",
        ))
        .await
        .unwrap();
    for row in details {
        assert_no_password(&row.try_get_by_index::<String>(0).unwrap());
    }
}

/// `text` holds the password neither as itself nor as AUTH PLAIN or LOGIN would encode it.
fn assert_no_password(text: &str) {
    let b64 = base64::engine::general_purpose::STANDARD;
    for secret in [
        PASSWORD.to_owned(),
        WRONG_PASSWORD.to_owned(),
        b64.encode(PASSWORD),
        b64.encode(WRONG_PASSWORD),
        b64.encode(format!("\0{USER}\0{PASSWORD}")),
        b64.encode(format!("\0{USER}\0{WRONG_PASSWORD}")),
    ] {
        assert!(!text.contains(&secret), "a password in: {text}");
    }
}

const WRONG_PASSWORD: &str = "not-the-password-5521";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starttls_required_with_auth() {
    let sink = sink(SinkTls::StartTlsRequired);
    let url = format!("smtp://127.0.0.1:{}?tls=starttls", sink.port);
    delivers_encrypted_and_authenticated(transport(&url, PASSWORD, Some(&sink.ca_file())), &sink)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opportunistic_starttls_with_auth() {
    let sink = sink(SinkTls::StartTls);
    let url = format!("smtp://127.0.0.1:{}?tls=opportunistic", sink.port);
    delivers_encrypted_and_authenticated(transport(&url, PASSWORD, Some(&sink.ca_file())), &sink)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtps_with_auth() {
    let sink = sink(SinkTls::Smtps);
    // By name this time: the certificate is for localhost and 127.0.0.1.
    let url = format!("smtps://localhost:{}", sink.port);
    delivers_encrypted_and_authenticated(transport(&url, PASSWORD, Some(&sink.ca_file())), &sink)
        .await;
}

/// `tta send-mail --once` (the real binary, its own log) with a wrong password: the server
/// refuses the AUTH, the message stays queued with the reason in the log and the outbox, the
/// password is in neither; with the right password the same message is then delivered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_keeps_the_message_queued_and_out_of_the_log() {
    let sink = sink(SinkTls::StartTlsRequired);
    let f = fixture(Backend::Sqlite).await.unwrap();
    let message = schedule_confirmed(&schedule(13), &site_contact(), Utc::now());
    assert_eq!(f.enqueue_all(&[message]).await, 1);
    let url = format!("smtp://127.0.0.1:{}?tls=starttls", sink.port);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tta"))
        .args(["send-mail", "--once"])
        .env("DATABASE_URL", &f.url)
        .env("TTA_SMTP_URL", &url)
        .env("TTA_SMTP_USERNAME", USER)
        .env("TTA_SMTP_PASSWORD", WRONG_PASSWORD)
        .env("TTA_SMTP_CA_FILE", sink.ca_file())
        .env("TTA_MAIL_FROM", "TTA Scheduler <tta@example.org>")
        .env("RUST_LOG", "debug")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{log}");
    assert!(log.contains("0 sent, 0 failed attempts"), "{log}");
    // The reason, as the log, the admin's outbox page and the relay's state give it: the AUTH
    // step and the server's answer; the message waits with its attempts.
    assert!(log.contains("the mail relay failed"), "{log}");
    assert!(log.contains("AUTH: "), "{log}");
    assert!(log.contains("535"), "{log}");
    assert!(
        log.contains("The mail relay is failing: the relay refused the password (535)"),
        "{log}"
    );
    assert_no_password(&log);
    assert_pending_with(&f, &["SMTP: AUTH: ", "535"]).await;
    assert_relay_failing(&f, "the relay refused the password (535)").await;
    assert!(sink.messages().is_empty());
    let attempts = sink.auth_attempts();
    assert_eq!(attempts.len(), 1, "{attempts:?}");
    assert_eq!(attempts[0]["success"], false);
    assert!(
        attempts[0]["tls"].is_string(),
        "the password crossed in clear"
    );

    // The back-off the binary set (10 s at first) has passed.
    f.raw
        .execute_unprepared("UPDATE mail_relay SET retry_at = NULL")
        .await
        .unwrap();
    // Five more tries of the relay (each once its back-off has passed), more than the message's
    // attempts would allow: the message is still pending with no attempt counted, one outage.
    let mut settings = once_settings();
    settings.retry.max_attempts = 3;
    let wrong = worker(
        &f.db,
        transport(&url, WRONG_PASSWORD, Some(&sink.ca_file())),
        settings.clone(),
    );
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(120)).await;
        let report = wrong.drain().await.unwrap();
        assert_eq!((report.sent, report.failed, report.deferred), (0, 0, 1));
    }
    assert_eq!(sink.auth_attempts().len(), 6);
    assert_pending_with(&f, &["SMTP: AUTH: ", "535"]).await;
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_attempt WHERE outcome = 'deferred'")
            .await,
        6
    );
    assert_relay_failing(&f, "the relay refused the password (535)").await;
    assert_eq!(relay_state(&f.db).await.unwrap().failures, 6);

    // The password put right: delivered once, on its first counted attempt; the outage ends
    // with one recovery in the audit log.
    tokio::time::sleep(Duration::from_millis(120)).await;
    let report = worker(
        &f.db,
        transport(&url, PASSWORD, Some(&sink.ca_file())),
        settings,
    )
    .drain()
    .await
    .unwrap();
    assert_eq!((report.sent, report.failed, report.deferred), (1, 0, 0));
    let received = sink.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["rcpt_tos"][0], site_contact().email);
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE status = 'sent' AND attempts = 1")
            .await,
        1
    );
    let state = relay_state(&f.db).await.unwrap();
    assert!(state.failing_since.is_none(), "{state:?}");
    assert!(state.last_success_at.is_some(), "{state:?}");
    assert_eq!(
        state.reason.as_deref(),
        Some("the relay refused the password (535)"),
        "the last failure stays on record"
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM audit_event WHERE action = 'email.relay_recovered'")
            .await,
        1
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 1, "delivered exactly once");
}

/// A recipient the relay refuses (550 to RCPT TO) is that message's own failure: its attempts
/// count and it ends failed after the last, while the other message goes out and the relay is
/// never reported failing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_recipient_counts_and_ends_failed() {
    let sink = SmtpSink::start_with(
        free_port(),
        &SinkOptions {
            tls: SinkTls::StartTlsRequired,
            auth: Some((USER.to_owned(), PASSWORD.to_owned())),
            reject_rcpt: vec![provider().email],
            ..SinkOptions::default()
        },
    );
    let f = fixture(Backend::Sqlite).await.unwrap();
    let facts = schedule(14);
    let now = Utc::now();
    let messages = [
        schedule_confirmed(&facts, &provider(), now),
        schedule_confirmed(&facts, &site_contact(), now),
    ];
    assert_eq!(f.enqueue_all(&messages).await, 2);
    let url = format!("smtp://127.0.0.1:{}?tls=starttls", sink.port);
    let mut settings = quick_settings();
    settings.retry.base = Duration::from_millis(10);
    settings.retry.cap = Duration::from_millis(20);
    settings.retry.max_attempts = 3;
    let worker = worker(
        &f.db,
        transport(&url, PASSWORD, Some(&sink.ca_file())),
        settings,
    );
    for _ in 0..30 {
        worker.drain().await.unwrap();
        if f.count("SELECT COUNT(*) FROM email_outbox WHERE status IN ('pending', 'sending')")
            .await
            == 0
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    assert_eq!(
        f.count(&format!(
            "SELECT COUNT(*) FROM email_outbox WHERE status = 'failed' AND attempts = 3 \
             AND recipient = '{}' AND last_error LIKE '%550%'",
            provider().email
        ))
        .await,
        1
    );
    assert_eq!(
        f.count(&format!(
            "SELECT COUNT(*) FROM email_outbox WHERE status = 'sent' AND attempts = 1 \
             AND recipient = '{}'",
            site_contact().email
        ))
        .await,
        1
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_attempt WHERE outcome = 'deferred'")
            .await,
        0
    );
    let state = relay_state(&f.db).await.unwrap();
    assert!(
        state.failing_since.is_none() && state.reason.is_none(),
        "{state:?}"
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM audit_event WHERE action LIKE 'email.relay%'")
            .await,
        0
    );
    assert_eq!(sink.wait_for(1, Duration::from_secs(5)).await.len(), 1);
}

/// `tls=starttls` against a server that does not offer STARTTLS: nothing is sent in clear.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn required_starttls_refuses_a_server_without_it() {
    let sink = SmtpSink::start_with(free_port(), &SinkOptions::default());
    let url = format!("smtp://127.0.0.1:{}?tls=starttls", sink.port);
    stays_queued(
        transport(&url, PASSWORD, None),
        &sink,
        &["SMTP: STARTTLS: ", "STARTTLS is not supported"],
        "the relay does not offer STARTTLS, which the settings require (tls=starttls)",
    )
    .await;
}

/// `tls=opportunistic` with credentials against a server that offers AUTH but no STARTTLS (as
/// when an attacker strips it from the EHLO answer): the credentials are not sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opportunistic_never_sends_credentials_in_clear() {
    let sink = SmtpSink::start_with(
        free_port(),
        &SinkOptions {
            auth: Some((USER.to_owned(), PASSWORD.to_owned())),
            auth_without_tls: true,
            ..SinkOptions::default()
        },
    );
    let url = format!("smtp://127.0.0.1:{}?tls=opportunistic", sink.port);
    stays_queued(
        transport(&url, PASSWORD, None),
        &sink,
        &["SMTP: AUTH: not attempted", "did not offer STARTTLS"],
        "the relay did not offer STARTTLS, so the password was not sent",
    )
    .await;
    assert!(
        sink.auth_attempts().is_empty(),
        "{:?}",
        sink.auth_attempts()
    );
}

/// Without `TTA_SMTP_CA_FILE` the sink's CA is unknown: the certificate is refused before any
/// AUTH, over smtps and over STARTTLS alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_from_an_unknown_ca_is_refused() {
    let smtps = sink(SinkTls::Smtps);
    let url = format!("smtps://127.0.0.1:{}", smtps.port);
    stays_queued(
        transport(&url, PASSWORD, None),
        &smtps,
        &["SMTP: connecting to 127.0.0.1:", "certificate"],
        "the relay's certificate is not trusted",
    )
    .await;
    assert!(smtps.auth_attempts().is_empty());

    let starttls = sink(SinkTls::StartTlsRequired);
    let url = format!("smtp://127.0.0.1:{}?tls=starttls", starttls.port);
    stays_queued(
        transport(&url, PASSWORD, None),
        &starttls,
        &["SMTP: STARTTLS: ", "certificate"],
        "the relay's certificate is not trusted",
    )
    .await;
    assert!(starttls.auth_attempts().is_empty());
}
