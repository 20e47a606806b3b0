//! Coordinators' daily digests (`service::mail::digest`, issue 20) on SQLite and PostgreSQL:
//! two instances racing through two days of time-driven passes write one digest per reader per
//! day on the reader's own clock (from 07:00), each with what waits, its count and the link; two
//! workers sending the outbox together deliver each digest once; and a worker whose clock is a
//! day ahead still writes today's digest, because the time-driven pass runs on the database's
//! clock.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use chrono::{DateTime, Duration as Span, NaiveDate, TimeZone as _, Timelike as _, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use mail_support::{SmtpSink, free_port, quick_settings, smtp, worker};
use service::mail::digest::{DIGEST_HOUR, enqueue_digests};
use service::mail::messages::Tz;
use service::proposals::{accept_proposal_notifying, book_proposal};
use service::requests::store_request;
use service::{Database, DatabaseUrl};

use crate::{harness, mail_support};

/// Two coordinators who chose the digest, far apart.
const DEE: i32 = 130;
const TAI: i32 = 131;
const APP_URL: &str = "https://tta.example.gov";

struct Setup {
    _database: harness::TestDatabase,
    db: Database,
    url: String,
    request: i32,
}

/// The shared fixtures, two digest readers (Los Angeles, Tokyo) and one acceptance waiting.
async fn setup(backend: Backend) -> Option<Setup> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    for (id, name, zone) in [
        (DEE, "Dee Digest", "America/Los_Angeles"),
        (TAI, "Tai Digest", "Asia/Tokyo"),
    ] {
        add_user(&database.url, id, name, zone, "coordinator").await;
        let reader = actor_of(&db, id).await;
        service::notify::set_notice_delivery(&db, &reader, "daily")
            .await
            .unwrap();
    }
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let first = Utc.with_ymd_and_hms(2027, 5, 4, 15, 0, 0).unwrap();
    let sessions: Vec<_> = [first, first + Span::days(7)]
        .into_iter()
        .enumerate()
        .map(|(i, start)| service::proposals::ProposedOccurrence {
            occurrence: i32::try_from(i + 1).unwrap(),
            starts_at: start,
            ends_at: start + Span::minutes(90),
        })
        .collect();
    let proposal = book_proposal(
        &db,
        request,
        101,
        &sessions,
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    accept_proposal_notifying(&db, &actor_of(&db, 101).await, proposal, &notify())
        .await
        .unwrap();
    let url = database.url.clone();
    Some(Setup {
        _database: database,
        db,
        url,
        request,
    })
}

async fn another_instance(url: &str) -> Database {
    Database::connect(&DatabaseUrl::parse(url).unwrap())
        .await
        .unwrap()
}

async fn digests(db: &Database) -> Vec<service::entities::email_outbox::Model> {
    let mut rows: Vec<_> = service::mail::list_recent(db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.event == "coordinator_digest")
        .collect();
    rows.sort_by_key(|row| row.id);
    rows
}

/// The (recipient, day) pairs a pass at each of `instants` should have written.
fn expected(instants: &[DateTime<Utc>], readers: &[(i32, Tz)]) -> BTreeSet<(String, NaiveDate)> {
    let mut due = BTreeSet::new();
    for at in instants {
        for (id, zone) in readers {
            let local = at.with_timezone(zone);
            if local.hour() >= DIGEST_HOUR {
                due.insert((format!("p{id}@example.org"), local.date_naive()));
            }
        }
    }
    due
}

async fn two_instances_write_one_digest_per_reader_per_day(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    let other = another_instance(&s.url).await;
    // Every hour for two days, both instances at the same moment.
    let start = Utc.with_ymd_and_hms(2027, 1, 5, 0, 0, 0).unwrap();
    let instants: Vec<DateTime<Utc>> = (0..48).map(|h| start + Span::hours(h)).collect();
    let mut written = 0;
    for at in &instants {
        let (a, b) = tokio::join!(
            enqueue_digests(&s.db, *at, APP_URL),
            enqueue_digests(&other, *at, APP_URL)
        );
        written += a.unwrap() + b.unwrap();
    }
    let readers = [(DEE, Tz::America__Los_Angeles), (TAI, Tz::Asia__Tokyo)];
    let due = expected(&instants, &readers);
    // Los Angeles: 4 (from 16:00 its time), 5 and 6 January; Tokyo: 5, 6 and 7 January.
    assert_eq!(due.len(), 6, "{due:?}");
    let rows = digests(&s.db).await;
    assert_eq!(written, rows.len(), "each written row counted once");
    let mut by_reader_day: BTreeMap<(String, NaiveDate), usize> = BTreeMap::new();
    for row in &rows {
        let day = row
            .dedup_key
            .split('|')
            .next()
            .and_then(|key| key.rsplit(':').next())
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .unwrap_or_else(|| panic!("a digest key names its day: {}", row.dedup_key));
        *by_reader_day
            .entry((row.recipient.clone(), day))
            .or_default() += 1;
        // Content: what waits, its count, the day on the reader's clock, the link.
        let heading = day.format("%a %-d %b %Y").to_string();
        assert_eq!(
            row.subject,
            format!("Waiting for you: 1 item ({heading})"),
            "{row:?}"
        );
        assert!(
            row.body_text.contains("Accepted — ready to approve"),
            "{}",
            row.body_text
        );
        assert!(
            row.body_text.contains(&format!("(#{})", s.request)),
            "{}",
            row.body_text
        );
        assert!(row.body_text.contains(&format!("{APP_URL}/")));
        assert!(row.body_html.contains("<li>"), "{}", row.body_html);
    }
    assert!(
        by_reader_day.values().all(|n| *n == 1),
        "a digest twice: {by_reader_day:?}"
    );
    let got: BTreeSet<_> = by_reader_day.into_keys().collect();
    assert_eq!(
        got, due,
        "one digest per reader per day, from 07:00 on their clock"
    );
    // Nobody who chose immediate notices gets one.
    assert!(
        rows.iter()
            .all(|r| r.recipient != format!("p{COORDINATOR}@example.org"))
    );

    // Two workers send the outbox together: each digest arrives once.
    let sink = SmtpSink::start(free_port(), 0);
    let mut settings = quick_settings();
    settings.batch = 5;
    let (first, second) = (
        worker(&s.db, smtp(&sink.url()), settings.clone()),
        worker(&other, smtp(&sink.url()), settings),
    );
    let (a, b) = tokio::join!(
        tokio::spawn(async move { first.drain().await }),
        tokio::spawn(async move { second.drain().await })
    );
    let (a, b) = (a.unwrap().unwrap(), b.unwrap().unwrap());
    let total = service::mail::list_recent(&s.db, 1000).await.unwrap().len();
    assert_eq!((a.sent + b.sent, a.failed + b.failed), (total, 0));
    let received = sink.wait_for(total, Duration::from_secs(30)).await;
    assert_eq!(received.len(), total, "nothing sent twice");
    let digest_subjects = received
        .iter()
        .filter(|m| {
            m["subject"]
                .as_str()
                .is_some_and(|s| s.starts_with("Waiting for you"))
        })
        .count();
    assert_eq!(digest_subjects, rows.len());
}

/// A zone whose clock reads 12:00–12:59 now, so a digest is due today and the day does not turn
/// during the test.
fn zone_at_noon(now: DateTime<Utc>) -> (String, Tz) {
    // Etc/GMT-N is N hours ahead of UTC (the sign is POSIX's).
    let ahead = (12 - i64::from(now.hour()) + 24) % 24;
    let ahead = if ahead > 14 { ahead - 24 } else { ahead };
    let name = match ahead {
        0 => "Etc/GMT".to_owned(),
        n if n > 0 => format!("Etc/GMT-{n}"),
        n => format!("Etc/GMT+{}", -n),
    };
    let zone: Tz = name.parse().unwrap();
    (name, zone)
}

async fn a_worker_a_day_ahead_writes_today_s_digest(backend: Backend) {
    let Some(s) = setup(backend).await else {
        return;
    };
    let (name, zone) = zone_at_noon(Utc::now());
    let raw = sea_orm::Database::connect(s.url.as_str()).await.unwrap();
    use sea_orm::ConnectionTrait as _;
    raw.execute_unprepared(&format!(
        "UPDATE app_user SET time_zone = '{name}' WHERE id IN ({DEE}, {TAI})"
    ))
    .await
    .unwrap();
    let today = Utc::now().with_timezone(&zone).date_naive();

    let reminders = service::mail::ReminderSettings {
        lead: Duration::from_secs(86_400),
        feedback_window: Duration::from_secs(7 * 86_400),
        contact: service::mail::messages::Contact {
            name: "Casey".into(),
            email: "casey@example.org".into(),
        },
        organizer: service::mail::messages::Contact {
            name: "TTA".into(),
            email: "tta@example.org".into(),
        },
        app_url: APP_URL.into(),
    };
    let sink = SmtpSink::start(free_port(), 0);
    let mut ahead = quick_settings();
    ahead.reminders = Some(reminders.clone());
    ahead.clock_skew = Span::days(1);
    let ahead = worker(&s.db, smtp(&sink.url()), ahead);
    ahead.drain().await.unwrap();
    let rows = digests(&s.db).await;
    assert_eq!(rows.len(), 2, "one digest each: {rows:?}");
    for row in &rows {
        assert!(
            row.dedup_key
                .starts_with(&format!("coordinator_digest:{}|", today.format("%Y-%m-%d"))),
            "today's digest on the reader's clock ({today}), not tomorrow's: {}",
            row.dedup_key
        );
    }
    // An instance with a right clock finds today's digests written.
    let mut right = quick_settings();
    right.reminders = Some(reminders);
    let right = worker(&another_instance(&s.url).await, smtp(&sink.url()), right);
    right.drain().await.unwrap();
    assert_eq!(digests(&s.db).await.len(), 2);
}

crate::mail_test_on_both!(
    two_instances_write_one_digest_per_reader_per_day,
    a_worker_a_day_ahead_writes_today_s_digest,
);
