//! The outbox delivered to a real SMTP server (an `aiosmtpd` process), on SQLite and PostgreSQL:
//! recipients, subject, parts and invite arrive; the same event is never queued twice for one
//! person; an SMTP outage (the relay refusing connections) only delays delivery — nothing lost,
//! nothing twice, no message's attempts used, the outage opened and closed once in the shared
//! relay state and the audit log; a message the relay keeps refusing is marked failed with every
//! attempt recorded; no SMTP → `.eml` files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{harness, mail_support};
use std::time::Duration;

use chrono::Utc;
use harness::Backend;
use mail_support::*;
use service::mail::messages::{Tz, schedule_confirmed};
use service::mail::{MailTransport, RetryPolicy};

async fn delivers_recipients_subject_parts_and_invite(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    let sink = SmtpSink::start(free_port(), 0);
    let facts = schedule(7);
    let now = Utc::now();
    let messages = vec![
        schedule_confirmed(&facts, &provider(), now),
        schedule_confirmed(&facts, &site_contact(), now),
    ];
    assert_eq!(f.enqueue_all(&messages).await, 2);
    let report = worker(&f.db, smtp(&sink.url()), quick_settings())
        .drain()
        .await
        .unwrap();
    assert_eq!((report.sent, report.failed), (2, 0));

    let received = sink.wait_for(2, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 2);
    let stored_ids: Vec<String> = {
        service::mail::list_recent(&f.db, 10)
            .await
            .unwrap()
            .into_iter()
            .map(|row| {
                assert_eq!(row.status, "sent");
                assert_eq!(row.attempts, 1);
                assert!(row.sent_at.is_some());
                row.message_id
            })
            .collect()
    };
    for message in &received {
        let recipients: Vec<&str> = message["rcpt_tos"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        // Sorted by arrival; match by recipient instead of assuming the order.
        let person = if recipients == [provider().email.as_str()] {
            provider()
        } else {
            site_contact()
        };
        assert_eq!(recipients, [person.email.as_str()]);
        assert_eq!(message["mail_from"], "tta@example.org");
        assert!(message["to"].as_str().unwrap().contains(&person.name));
        assert!(
            message["subject"]
                .as_str()
                .unwrap()
                .starts_with("3 sessions confirmed: Gun violence reduction coaching with Pat Provider, from Tue 2 Mar 2027"),
            "{}",
            message["subject"]
        );
        assert!(stored_ids.contains(&message["message_id"].as_str().unwrap().to_owned()));
        assert_eq!(message["content_type"], "multipart/mixed");
        let parts = message["parts"].as_array().unwrap();
        let leaf = |kind: &str| {
            parts
                .iter()
                .find(|p| p["content_type"] == kind)
                .unwrap_or_else(|| panic!("no {kind} part"))
        };
        assert!(
            parts
                .iter()
                .any(|p| p["content_type"] == "multipart/alternative")
        );
        let text = leaf("text/plain")["body"].as_str().unwrap();
        let html = leaf("text/html")["body"].as_str().unwrap();
        // Each session's invite is its own attachment: a text/calendar file with the method.
        let calendars: Vec<&serde_json::Value> = parts
            .iter()
            .filter(|p| p["content_type"] == "text/calendar")
            .collect();
        assert_eq!(calendars.len(), 3, "one invite per session");
        for (n, calendar) in calendars.iter().enumerate() {
            assert_eq!(calendar["params"]["method"], "REQUEST");
            assert_eq!(calendar["disposition"], "attachment");
            assert_eq!(calendar["filename"], format!("session-{}.ics", n + 1));
        }
        // Times in the reader's own zone, the site's beside them when they differ.
        if person.zone == Tz::America__Phoenix {
            assert!(
                text.contains("Tue 16 Mar 2027, 08:00–09:30 MST (site: 10:00–11:30 CDT)"),
                "{text}"
            );
            assert!(
                text.contains("Tue 2 Mar 2027, 09:00–10:30 MST (site: 10:00–11:30 CST)"),
                "{text}"
            );
        } else {
            assert!(
                text.contains("Tue 16 Mar 2027, 10:00–11:30 CDT — "),
                "{text}"
            );
            assert!(!text.contains("site time"), "{text}");
        }
        assert!(text.contains("Questions? Contact Casey Coordinator at casey@psp.example.gov."));
        assert!(html.contains("<li>Session 2: Tue 16 Mar 2027"));
        // The invites, parsed back: each instant is the session's UTC instant.
        for (calendar, session) in calendars.iter().zip(dst_sessions(7)) {
            let (method, events) = parse_ics(calendar["body"].as_str().unwrap());
            assert_eq!(method, "REQUEST");
            assert_eq!(events.len(), 1, "one event (one UID) per invite");
            let event = &events[0];
            assert_eq!(prop(event, "UID"), session.calendar_uid);
            assert_eq!(prop(event, "SEQUENCE"), "0");
            assert_eq!(ics_instant(prop(event, "DTSTART")), session.starts_at);
            assert_eq!(ics_instant(prop(event, "DTEND")), session.ends_at);
            assert_eq!(prop(event, "STATUS"), "CONFIRMED");
            assert_eq!(event["ATTENDEE"].len(), 2);
        }
    }
}

async fn the_same_event_is_queued_once_per_person(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    let facts = schedule(9);
    let first = schedule_confirmed(&facts, &provider(), Utc::now());
    let again = schedule_confirmed(&facts, &provider(), Utc::now());
    assert_eq!(f.enqueue_all(&[first.clone(), again]).await, 1);
    assert_eq!(
        f.enqueue_all(&[first]).await,
        0,
        "a later transaction adds nothing either"
    );
    assert_eq!(
        f.enqueue_all(&[schedule_confirmed(&facts, &site_contact(), Utc::now())])
            .await,
        1,
        "another person gets their own"
    );
    // A changed series (a session's sequence raised) is a new event.
    let mut changed = facts.clone();
    changed.sessions[0].sequence = 1;
    assert_eq!(
        f.enqueue_all(&[schedule_confirmed(&changed, &provider(), Utc::now())])
            .await,
        1
    );
    assert_eq!(f.count("SELECT COUNT(*) FROM email_outbox").await, 3);
}

async fn smtp_down_then_up_delivers_everything_once(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    let port = free_port();
    assert_eq!(f.enqueue_all(&many_messages(30)).await, 30);
    let mut settings = quick_settings();
    settings.batch = 50;
    settings.retry.max_attempts = 2;
    let worker = worker(&f.db, smtp(&format!("smtp://127.0.0.1:{port}")), settings);

    // Down (nobody listens): each try of the relay hands its message back uncounted and holds
    // every worker; tried five times, more than a message's two attempts would allow, nothing
    // has failed or used an attempt.
    let mut deferred = 0;
    for _ in 0..5 {
        let report = worker.drain().await.unwrap();
        assert_eq!((report.sent, report.failed), (0, 0), "{report:?}");
        assert!(report.relay_waiting, "{report:?}");
        deferred += report.deferred;
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
    assert!(
        deferred >= 5,
        "the relay was tried on each drain: {deferred}"
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE status = 'pending' AND attempts = 0")
            .await,
        30
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_attempt WHERE outcome <> 'deferred'")
            .await,
        0
    );
    let state = service::mail::relay_state(&f.db).await.unwrap();
    assert!(state.failing_since.is_some(), "{state:?}");
    assert_eq!(
        state.reason.as_deref(),
        Some("the relay refused the connection")
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM audit_event WHERE action = 'email.relay_failing'")
            .await,
        1,
        "one alert for the outage, not one per message or per try"
    );

    // Up again: once the back-off has passed, all delivered, each on its first counted attempt.
    let sink = SmtpSink::start(port, 0);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while f
        .count("SELECT COUNT(*) FROM email_outbox WHERE status = 'sent'")
        .await
        < 30
    {
        assert!(
            std::time::Instant::now() < deadline,
            "not delivered in time"
        );
        worker.drain().await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let received = sink.wait_for(30, Duration::from_secs(5)).await;
    let mut ids: Vec<&str> = received
        .iter()
        .map(|m| m["message_id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(received.len(), 30, "nothing twice");
    assert_eq!(ids.len(), 30);
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE status = 'sent' AND attempts = 1")
            .await,
        30
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_attempt WHERE outcome = 'sent'")
            .await,
        30
    );
    let state = service::mail::relay_state(&f.db).await.unwrap();
    assert!(state.failing_since.is_none(), "{state:?}");
    assert!(state.last_success_at.is_some(), "{state:?}");
    assert_eq!(
        f.count("SELECT COUNT(*) FROM audit_event WHERE action = 'email.relay_recovered'")
            .await,
        1
    );
}

async fn a_message_that_keeps_failing_is_marked_failed(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    f.enqueue_all(&many_messages(1)).await;
    let mut settings = quick_settings();
    settings.retry = RetryPolicy {
        base: Duration::from_millis(10),
        cap: Duration::from_millis(20),
        max_attempts: 3,
    };
    // The relay answers, and refuses the message's recipient (550): the message's own failure.
    let sink = SmtpSink::start_with(
        free_port(),
        &SinkOptions {
            reject_rcpt: vec!["*".to_owned()],
            ..SinkOptions::default()
        },
    );
    let worker = worker(&f.db, smtp(&sink.url()), settings);
    for _ in 0..20 {
        worker.drain().await.unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE status = 'failed' AND attempts = 3")
            .await,
        1
    );
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_attempt WHERE outcome = 'retry'")
            .await,
        2
    );
    assert_eq!(
        f.count(
            "SELECT COUNT(*) FROM email_attempt WHERE outcome = 'failed' AND error LIKE 'SMTP:%'"
        )
        .await,
        1
    );
}

async fn without_smtp_messages_become_eml_files(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    let folder = tempfile::tempdir().unwrap();
    f.enqueue_all(&many_messages(5)).await;
    let worker = worker(
        &f.db,
        MailTransport::folder(folder.path().join("outbox")),
        quick_settings(),
    );
    assert_eq!(worker.drain().await.unwrap().sent, 5);
    let files: Vec<_> = std::fs::read_dir(folder.path().join("outbox"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 5);
    for file in files {
        assert_eq!(file.extension().unwrap(), "eml");
        let text = String::from_utf8(std::fs::read(&file).unwrap()).unwrap();
        assert!(text.contains("Message-ID: <"), "{text}");
        assert!(text.contains("text/calendar; charset=utf-8; method=REQUEST"));
    }
}

mail_test_on_both!(
    delivers_recipients_subject_parts_and_invite,
    the_same_event_is_queued_once_per_person,
    smtp_down_then_up_delivers_everything_once,
    a_message_that_keeps_failing_is_marked_failed,
    without_smtp_messages_become_eml_files,
);
