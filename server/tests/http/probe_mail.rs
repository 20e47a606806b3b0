//! E-mail headers as an attacker would fill them (issue 15, item 1), on SQLite and PostgreSQL: a
//! display name with a line break is refused where it enters; a name stored before that rule
//! (or a subject with a line break) is delivered on one header line instead of panicking the
//! mail task and leaving the row `sending`; a message that cannot be composed, or whose worker
//! died on its last attempt, ends `failed` with an attempt row saying why.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use std::path::Path;
use std::time::{Duration, Instant};

use accounts_support::*;
use harness::TestApp;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use service::accounts::{EmailAddress, Password, Role, users};
use service::entities::{app_user, email_attempt, email_outbox};
use service::mail::{
    DedupKey, MailTransport, Mailbox, OutgoingMessage, Recipient, Worker, WorkerSettings,
};
use service::zone::TimeZone;

on_both_databases!(
    a_name_with_line_breaks_is_refused_where_it_enters,
    a_stored_name_with_line_breaks_is_delivered_on_one_header_line,
    a_message_that_cannot_be_composed_is_a_recorded_failure,
    a_message_whose_worker_died_on_its_last_attempt_is_marked_failed,
);

const PROBE_NAME: &str = "Probe \"><img src=x onerror=alert(1)>\r\nBcc: x@evil.example";

/// The app's database through `service`, and a worker writing `.eml` files into `folder`.
async fn worker(app: &TestApp, folder: &Path) -> Worker {
    let db = server::startup::open_database(&app.config).await.unwrap();
    let from: Mailbox = "TTA Scheduler <tta@example.org>".parse().unwrap();
    Worker::new(
        db,
        MailTransport::folder(folder),
        from,
        WorkerSettings::default(),
    )
}

/// The header lines (unfolded) of every `.eml` file in `folder`.
fn eml_headers(folder: &Path) -> Vec<Vec<String>> {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                .map(|p| {
                    let text = String::from_utf8(std::fs::read(p).unwrap()).unwrap();
                    let head = text.split("\r\n\r\n").next().unwrap();
                    unfold(head)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Header lines with folded continuations (lines starting with white space) joined.
fn unfold(head: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in head.split("\r\n") {
        match lines.last_mut() {
            Some(last) if line.starts_with([' ', '\t']) => last.push_str(line),
            _ => lines.push(line.to_owned()),
        }
    }
    lines
}

/// Asserts that `lines` hold one `To:` naming `address` and no header the attacker added.
fn assert_one_recipient(lines: &[String], address: &str) {
    assert!(
        !lines
            .iter()
            .any(|l| l.to_ascii_lowercase().starts_with("bcc") || l.starts_with("Cc")),
        "{lines:#?}"
    );
    let to: Vec<&String> = lines.iter().filter(|l| l.starts_with("To:")).collect();
    assert_eq!(to.len(), 1, "{lines:#?}");
    assert!(to[0].contains(&format!("<{address}>")), "{}", to[0]);
}

async fn outbox_row(db: &DatabaseConnection, recipient: &str) -> email_outbox::Model {
    email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(recipient))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no message to {recipient}"))
}

async fn attempts(db: &DatabaseConnection, outbox_id: i64) -> Vec<email_attempt::Model> {
    email_attempt::Entity::find()
        .filter(email_attempt::Column::OutboxId.eq(outbox_id))
        .all(db)
        .await
        .unwrap()
}

async fn a_name_with_line_breaks_is_refused_where_it_enters(app: &TestApp) {
    create_user(app, "coord@example.gov", Role::Coordinator).await;
    let coordinator = logged_in(app, "coord@example.gov").await;
    let invited = call_with_cookie(
        app,
        "invitations/create",
        &coordinator,
        &[
            ("email", "probe@example.org"),
            ("role", "provider"),
            ("site_id", ""),
        ],
    )
    .await;
    assert_eq!(invited.status(), 200);
    let db = raw_db(app).await;
    let token = token_in(&outbox_bodies(&db, "probe@example.org").await[0]);
    let accept = |name: &'static str| {
        let token = token.clone();
        async move {
            app.call_server_fn(
                "invitations/accept",
                &[
                    ("token", token.as_str()),
                    ("display_name", name),
                    ("time_zone", "America/Denver"),
                    ("password", "a-probing-passphrase"),
                    ("password_confirm", "a-probing-passphrase"),
                ],
            )
            .await
        }
    };
    let refused = accept(PROBE_NAME).await;
    assert_eq!(refused.status(), 400);
    let message = error_text(refused).await;
    assert!(message.contains("one line"), "{message}");
    assert!(!message.contains("evil"), "{message}");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM app_user WHERE email = 'probe@example.org'"
        )
        .await,
        0,
        "no account, and the link still works"
    );
    assert_eq!(accept("Probe Person").await.status(), 200);
    let stored = app_user::Entity::find()
        .filter(app_user::Column::Email.eq("probe@example.org"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.display_name, "Probe Person");

    // Every other way a name enters (here `tta create-admin`'s use case) parses it the same.
    let database = server::startup::open_database(&app.config).await.unwrap();
    let error = users::create_user(
        &database,
        EmailAddress::parse("admin2@example.gov").unwrap(),
        "Admin\nBcc: x@evil.example",
        TimeZone::parse("America/Chicago").unwrap(),
        Role::Admin,
        &Password::parse(PASSWORD).unwrap(),
    )
    .await
    .unwrap_err();
    assert!(error.to_string().contains("one line"), "{error}");
}

async fn a_stored_name_with_line_breaks_is_delivered_on_one_header_line(app: &TestApp) {
    // A name stored before names were checked (or written by another tool).
    let id = create_user(app, "probe@example.org", Role::Provider).await;
    let db = raw_db(app).await;
    app_user::Entity::update_many()
        .col_expr(app_user::Column::DisplayName, PROBE_NAME.into())
        .filter(app_user::Column::Id.eq(id))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(
        app.call_server_fn("auth/forgot", &[("email", "probe@example.org")])
            .await
            .status(),
        200
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while outbox_bodies(&db, "probe@example.org").await.is_empty() {
        assert!(Instant::now() < deadline, "no reset message queued");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let folder = tempfile::tempdir().unwrap();
    let report = worker(app, folder.path()).await.drain().await.unwrap();
    assert_eq!((report.sent, report.failed), (1, 0));
    let row = outbox_row(&db, "probe@example.org").await;
    assert_eq!(row.status, "sent", "not left `sending`: {row:?}");
    let tried = attempts(&db, row.id).await;
    assert_eq!(tried.len(), 1);
    assert_eq!(tried[0].outcome, "sent");
    let files = eml_headers(folder.path());
    assert_eq!(files.len(), 1);
    assert_one_recipient(&files[0], "probe@example.org");
}

/// A message as another part of the code (or an older version) might have queued it.
fn raw_message(key: &str, name: &str, email: &str, subject: &str) -> OutgoingMessage {
    OutgoingMessage {
        event: "probe",
        dedup_key: DedupKey::new(key, email),
        to: Recipient {
            name: name.to_owned(),
            email: email.to_owned(),
        },
        subject: subject.to_owned(),
        text: "Hello".to_owned(),
        html: "<p>Hello</p>".to_owned(),
        invites: Vec::new(),
    }
}

async fn enqueue(db: &DatabaseConnection, messages: &[OutgoingMessage]) {
    let txn = db.begin().await.unwrap();
    for message in messages {
        assert!(service::mail::enqueue(&txn, message).await.unwrap());
    }
    txn.commit().await.unwrap();
}

async fn a_message_that_cannot_be_composed_is_a_recorded_failure(app: &TestApp) {
    let db = raw_db(app).await;
    enqueue(
        &db,
        &[
            raw_message("probe:1", "Nobody", "not an address", "Hello"),
            raw_message(
                "probe:2",
                PROBE_NAME,
                "probe@example.org",
                "Reset\r\nBcc: y@evil.example",
            ),
        ],
    )
    .await;
    let folder = tempfile::tempdir().unwrap();
    let report = worker(app, folder.path()).await.drain().await.unwrap();
    assert_eq!((report.sent, report.failed), (1, 1));

    let bad = outbox_row(&db, "not an address").await;
    assert_eq!(bad.status, "failed", "permanent, not retried: {bad:?}");
    assert!(
        bad.last_error
            .as_deref()
            .is_some_and(|e| e.contains("recipient address")),
        "{bad:?}"
    );
    let tried = attempts(&db, bad.id).await;
    assert_eq!(tried.len(), 1);
    assert_eq!(tried[0].outcome, "failed");
    assert!(
        tried[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("cannot compose"))
    );

    let good = outbox_row(&db, "probe@example.org").await;
    assert_eq!(good.status, "sent");
    let files = eml_headers(folder.path());
    assert_eq!(files.len(), 1);
    assert_one_recipient(&files[0], "probe@example.org");
    let subject: Vec<&String> = files[0]
        .iter()
        .filter(|l| l.starts_with("Subject:"))
        .collect();
    assert_eq!(subject.len(), 1, "{:#?}", files[0]);
}

async fn a_message_whose_worker_died_on_its_last_attempt_is_marked_failed(app: &TestApp) {
    let db = raw_db(app).await;
    enqueue(
        &db,
        &[
            raw_message("probe:last", "Last", "last@example.org", "Hello"),
            raw_message("probe:early", "Early", "early@example.org", "Hello"),
        ],
    )
    .await;
    let max = WorkerSettings::default().retry.max_attempts;
    // Both were claimed by a worker that died before recording anything; the lease has run out.
    for (recipient, attempts_made) in [("last@example.org", max), ("early@example.org", 1)] {
        email_outbox::Entity::update_many()
            .col_expr(email_outbox::Column::Status, "sending".into())
            .col_expr(email_outbox::Column::Attempts, attempts_made.into())
            .col_expr(email_outbox::Column::ClaimedBy, Some("dead-worker").into())
            .col_expr(
                email_outbox::Column::ClaimedUntil,
                Some(chrono::Utc::now() - chrono::Duration::minutes(10)).into(),
            )
            .filter(email_outbox::Column::Recipient.eq(recipient))
            .exec(&db)
            .await
            .unwrap();
    }
    let folder = tempfile::tempdir().unwrap();
    let report = worker(app, folder.path()).await.drain().await.unwrap();
    assert_eq!(report.sent, 1, "the early one is claimed again and sent");

    let last = outbox_row(&db, "last@example.org").await;
    assert_eq!(last.status, "failed", "{last:?}");
    assert_eq!(last.attempts, max, "not claimed again");
    assert!(last.claimed_by.is_none());
    let tried = attempts(&db, last.id).await;
    assert_eq!(tried.len(), 1);
    assert_eq!(tried[0].outcome, "failed");
    assert_eq!(tried[0].claimed_by, "dead-worker");
    assert!(
        tried[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("worker stopped")),
        "{tried:?}"
    );
    assert_eq!(outbox_row(&db, "early@example.org").await.status, "sent");
    // A second drain finds nothing more to do.
    let again = worker(app, folder.path()).await.drain().await.unwrap();
    assert_eq!((again.sent, again.failed), (0, 0));
}
