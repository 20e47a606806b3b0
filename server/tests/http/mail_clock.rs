//! Mail leases by the database's clock (issue 20), on SQLite and PostgreSQL: two workers
//! ("instances") share one outbox, one of them with a clock an hour off
//! (`WorkerSettings::clock_skew`). A clock running ahead must not take a message whose lease
//! another live worker holds (it would be sent twice); a clock running behind must still take
//! over a dead worker's message once its lease has run out by the database's clock.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ConnectionTrait, Statement};

use crate::harness::Backend;
use crate::mail_support::*;

/// Waits (without a deadline shorter than a loaded machine needs) until `path` exists.
async fn wait_for_file(path: &std::path::Path) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Seconds from the database's now to the lease end of message `id`.
async fn lease_left(f: &MailFixture, id: i64) -> f64 {
    let db_now = service::mail::clock::database_now(&f.db).await.unwrap();
    let row = service::mail::list_recent(&f.db, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|row| row.id == id)
        .unwrap();
    let until = row.claimed_until.expect("a claimed row has a lease");
    (until - db_now).num_milliseconds() as f64 / 1000.0
}

async fn a_clock_running_ahead_never_takes_a_live_lease(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    assert_eq!(f.enqueue_all(&many_messages(1)).await, 1);
    let sink = SmtpSink::start(free_port(), 0);
    let folder = tempfile::tempdir().unwrap();
    let park = folder.path().join("park");
    std::fs::write(&park, "").unwrap();
    let held = folder.path().join("park.held");

    let mut holder_settings = quick_settings();
    holder_settings.concurrency = 1;
    holder_settings.park_file = Some(park.clone());
    let holder = worker(&f.db, smtp(&sink.url()), holder_settings);
    let holding = tokio::spawn(async move { holder.drain().await });
    wait_for_file(&held).await;
    let id: i64 = std::fs::read_to_string(&held)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let left = lease_left(&f, id).await;
    assert!(
        left > 0.0 && left <= 60.5,
        "the lease ends the lease (60 s) after the database's now: {left} s left"
    );

    // Another instance whose clock is an hour ahead: by its own clock the lease ran out long
    // ago, by the database's it has not.
    let mut ahead_settings = quick_settings();
    ahead_settings.clock_skew = chrono::Duration::hours(1);
    let ahead = worker(
        &f.another_instance().await,
        smtp(&sink.url()),
        ahead_settings,
    );
    let report = ahead.drain().await.unwrap();
    assert_eq!(
        (report.sent, report.failed),
        (0, 0),
        "the instance ahead took a message under a live lease"
    );

    std::fs::remove_file(&park).unwrap();
    let report = holding.await.unwrap().unwrap();
    assert_eq!(report.sent, 1);
    let received = sink.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(received.len(), 1, "sent once");
    assert_eq!(f.count("SELECT COUNT(*) FROM email_attempt").await, 1);
}

async fn a_clock_running_behind_takes_over_an_expired_lease(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    assert_eq!(f.enqueue_all(&many_messages(1)).await, 1);
    // A worker died while sending: its lease ended a minute ago by the database's clock (the
    // test process and the database share the machine's clock).
    let ended = Utc::now() - chrono::Duration::minutes(1);
    let sql = match f.raw.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "UPDATE email_outbox SET status = 'sending', claimed_by = 'dead', attempts = 1, \
             claimed_until = $1"
        }
        _ => {
            "UPDATE email_outbox SET status = 'sending', claimed_by = 'dead', attempts = 1, \
             claimed_until = ?"
        }
    };
    f.raw
        .execute_raw(Statement::from_sql_and_values(
            f.raw.get_database_backend(),
            sql,
            [ended.into()],
        ))
        .await
        .unwrap();

    // An instance whose clock is an hour behind: by its own clock the lease has 59 minutes to
    // go; by the database's it is over, and the message goes out now.
    let sink = SmtpSink::start(free_port(), 0);
    let mut behind_settings = quick_settings();
    behind_settings.clock_skew = chrono::Duration::hours(-1);
    let behind = worker(&f.db, smtp(&sink.url()), behind_settings);
    let report = behind.drain().await.unwrap();
    assert_eq!((report.sent, report.failed), (1, 0));
    assert_eq!(sink.wait_for(1, Duration::from_secs(30)).await.len(), 1);
    assert_eq!(
        f.count("SELECT COUNT(*) FROM email_outbox WHERE status = 'sent'")
            .await,
        1
    );
}

/// The database's clock as the service reads it agrees with the machine's (one machine).
async fn the_database_clock_is_read_back_as_an_instant(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    let before = Utc::now() - chrono::Duration::seconds(1);
    let db_now = service::mail::clock::database_now(&f.db).await.unwrap();
    let after = Utc::now() + chrono::Duration::seconds(1);
    assert!(
        before <= db_now && db_now <= after,
        "{before} {db_now} {after}"
    );
}

mail_test_on_both!(
    a_clock_running_ahead_never_takes_a_live_lease,
    a_clock_running_behind_takes_over_an_expired_lease,
    the_database_clock_is_read_back_as_an_instant,
);
