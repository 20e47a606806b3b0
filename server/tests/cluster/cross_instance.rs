//! Contention and background jobs across three `tta serve` processes on one private PostgreSQL.
//!
//! - Overlapping sessions for one provider: nine identical requests, each sent at once to the
//!   same provider at the same pinned time (`moves`), round-robin through A, B and C. A
//!   proposal's sessions hold the provider's time from the moment it is sent, so this is where
//!   overlapping bookings meet: exactly one proposal is stored, the others are answered 409 with
//!   a sentence, never a 500.
//! - Time-driven messages: every instance's mail worker looks for due reminders and feedback
//!   requests on each poll. Confirmed sessions starting within the reminder lead and sessions
//!   that just ended get one reminder (provider and each site contact) and one feedback request
//!   (each site contact) between the three — counted at the SMTP sink by recipient and subject:
//!   none lost, none twice.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DurationRound as _, Utc};
use sea_orm::ConnectionTrait;
use service::sessions::{NewSession, book_series};
use service::status::SessionStatus;
use service::zone::TimeZone;

use crate::support::instance::{Instance, settings, tta_command};
use crate::support::postgres::PgCluster;
use crate::support::smtp::SmtpSink;
use crate::support::workload::*;
use crate::support::*;

async fn json(
    base: &str,
    endpoint: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> serde_json::Value {
    let response = call(&client(), base, endpoint, cookie, form).await.unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "{endpoint}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// Submits requests tagged `prefix-0..n` round-robin over `bases`; their ids, in order.
async fn requests(
    bases: &[String],
    contact: &str,
    db: &sea_orm::DatabaseConnection,
    prefix: &str,
    n: usize,
) -> Vec<i32> {
    let tally = Arc::new(tokio::sync::Mutex::new(Tally::default()));
    let mut tasks = Vec::new();
    for k in 0..n {
        let (base, contact, tally) = (
            bases[k % bases.len()].clone(),
            contact.to_owned(),
            Arc::clone(&tally),
        );
        let tag = format!("{prefix}-{k}");
        tasks.push(tokio::spawn(async move {
            submit(&client(), &base, &contact, &tag, &tally).await
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(tally.lock().await.ok(), n, "{:?}", tally.lock().await);
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT id FROM tta_request WHERE title LIKE 'Crime analysis coaching {prefix}-%' \
                 ORDER BY id"
            ),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|row| row.try_get_by_index::<i32>(0).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_bookings_and_time_driven_mail_across_three_instances() {
    let Some(cluster) = PgCluster::start() else {
        return;
    };
    let url = cluster.create_database("tta").await;
    tta_command(&url, &["seed-demo"]);
    let sink = SmtpSink::start(0);
    let vars = settings(&url, Some(&sink.url()));
    let (a, b, c) = tokio::join!(
        Instance::start("A", &vars),
        Instance::start("B", &vars),
        Instance::start("C", &vars)
    );
    let bases: Vec<String> = [&a, &b, &c].iter().map(|i| i.url("")).collect();
    let db = raw(&url).await;
    let contact = login(&bases[0], MEMPHIS_CONTACT).await;
    let coordinator = login(&bases[1], COORDINATOR).await;

    // --- Nine proposals of one provider at one time, at once, through A, B and C.
    let started = Instant::now();
    let ids = requests(&bases, &contact, &db, "overlap", 9).await;
    let first = ids[0].to_string();
    let candidates = json(
        &bases[2],
        "coordinator/candidates",
        &coordinator,
        &[("id", &first)],
    )
    .await;
    let provider = candidates["eligible"][0]["provider_id"]
        .as_i64()
        .expect("an eligible provider")
        .to_string();
    let plan = json(
        &bases[0],
        "coordinator/plan",
        &coordinator,
        &[("id", &first), ("provider_id", &provider)],
    )
    .await;
    let start = plan["occurrences"][0]["start"].as_i64().expect("a start");
    let moves = format!("1@{start}");
    let mut tasks = Vec::new();
    for (k, id) in ids.iter().enumerate() {
        let (base, cookie, provider, moves, id) = (
            bases[k % 3].clone(),
            coordinator.clone(),
            provider.clone(),
            moves.clone(),
            id.to_string(),
        );
        tasks.push(tokio::spawn(async move {
            let response = call(
                &client(),
                &base,
                "coordinator/send_proposal",
                &cookie,
                &[("id", &id), ("provider_id", &provider), ("moves", &moves)],
            )
            .await
            .unwrap();
            let status = response.status().as_u16();
            (status, response.text().await.unwrap())
        }));
    }
    let mut answers: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        answers.entry(status).or_default().push(body);
    }
    let count = |status: u16| answers.get(&status).map_or(0, Vec::len);
    assert_eq!(
        (count(200), count(409)),
        (1, 8),
        "one proposal wins, the rest are refused with 409: {answers:#?}"
    );
    for reason in &answers[&409] {
        assert!(
            reason.contains("Session 1") || reason.contains("conflicts with"),
            "a 409 names what is in the way: {reason}"
        );
    }
    let in_list = ids
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let booked = number(
        &db,
        &format!(
            "SELECT COUNT(*) FROM tta_session WHERE request_id IN ({in_list}) \
             AND status IN ('tentative', 'confirmed')"
        ),
    )
    .await;
    let proposed = number(
        &db,
        &format!(
            "SELECT COUNT(*) FROM tta_request WHERE id IN ({in_list}) AND status = 'proposed'"
        ),
    )
    .await;
    assert_eq!(
        (booked, proposed),
        (1, 1),
        "one session held, one request proposed"
    );
    eprintln!(
        "FAULT-TABLE | 9 overlapping proposals for one provider at once over 3 instances | \
         9 sends: 1 stored, 8 × 409 | 0 | 0 | {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // --- Reminders and feedback requests: due sessions of a provider of their own, booked
    // straight into the database while the three workers poll.
    let started = Instant::now();
    let remind = requests(&bases, &contact, &db, "remind", 3).await;
    let now_sql = "'2026-11-29 00:00:00+00:00'";
    db.execute_unprepared(&format!(
        "INSERT INTO app_user (email, email_normalized, display_name, time_zone, role, active, \
         created_at, updated_at) VALUES ('pat.reminders@example.org', 'pat.reminders@example.org', \
         'Pat Reminders', 'America/Phoenix', 'provider', TRUE, {now_sql}, {now_sql})"
    ))
    .await
    .unwrap();
    let pat = i32::try_from(
        number(
            &db,
            "SELECT CAST(id AS BIGINT) FROM app_user WHERE email = 'pat.reminders@example.org'",
        )
        .await,
    )
    .unwrap();
    let service_db = service::Database::connect(&service::DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    let hour = Utc::now()
        .duration_trunc(chrono::Duration::hours(1))
        .unwrap();
    let session = |request_id: i32, occurrence: i32, start: chrono::DateTime<Utc>| NewSession {
        request_id,
        provider_id: pat,
        proposal_id: None,
        occurrence,
        starts_at: start,
        ends_at: start + chrono::Duration::minutes(60),
        buffer_before: chrono::Duration::zero(),
        buffer_after: chrono::Duration::zero(),
        anchor_zone: TimeZone::parse("America/Chicago").unwrap(),
        location: String::new(),
        virtual_link: "https://meet.example.org/psp".to_owned(),
        status: SessionStatus::Confirmed,
    };
    // Per request: two sessions in the next day (reminders), one that ended an hour or more
    // ago (a feedback request).
    let mut upcoming = 0;
    let mut ended = 0;
    for (k, request) in remind.iter().enumerate() {
        let k = i64::try_from(k).unwrap();
        let sessions = [
            session(*request, 1, hour - chrono::Duration::hours(3 + 2 * k)),
            session(*request, 2, hour + chrono::Duration::hours(2 + 2 * k)),
            session(*request, 3, hour + chrono::Duration::hours(12 + 2 * k)),
        ];
        book_series(&service_db, &sessions).await.unwrap();
        upcoming += 2;
        ended += 1;
    }
    let contacts = usize::try_from(
        number(
            &db,
            &format!(
                "SELECT COUNT(*) FROM site_contact sc JOIN app_user u ON u.id = sc.user_id \
                 WHERE sc.site_id = {MEMPHIS} AND u.active"
            ),
        )
        .await,
    )
    .unwrap();
    let expected_reminders = upcoming * (1 + contacts);
    let expected_feedback = ended * contacts;

    // Wait until the sink holds them all (or a minute passes), then a little longer for
    // any second copy.
    let ours = |summary: &serde_json::Value| {
        summary["subject"].as_str().is_some_and(|s| {
            (s.starts_with("Reminder:") || s.starts_with("How was it?"))
                && s.contains("Crime analysis coaching remind-")
        })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let seen = sink.summaries().iter().filter(|s| ours(s)).count();
        if seen >= expected_reminders + expected_feedback || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let recovery = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut by_message: BTreeMap<(String, String), usize> = BTreeMap::new();
    for summary in sink.summaries().iter().filter(|s| ours(s)) {
        let key = (
            summary["rcpt_tos"].to_string(),
            summary["subject"].as_str().unwrap_or_default().to_owned(),
        );
        *by_message.entry(key).or_insert(0) += 1;
    }
    let reminders = by_message
        .keys()
        .filter(|(_, subject)| subject.starts_with("Reminder:"))
        .count();
    let feedback = by_message.len() - reminders;
    let duplicated: usize = by_message.values().map(|n| n - 1).sum();
    let lost = (expected_reminders + expected_feedback).saturating_sub(by_message.len());
    eprintln!(
        "FAULT-TABLE | reminders and feedback requests due while 3 instances' workers poll | \
         {expected_reminders} reminders + {expected_feedback} feedback requests due | {lost} | \
         {duplicated} | {:.1} s",
        recovery.as_secs_f64()
    );
    assert_eq!(
        (reminders, feedback, duplicated),
        (expected_reminders, expected_feedback, 0),
        "each due message once: {by_message:#?}"
    );
    // The whole outbox, queued by everything above, went out exactly once too.
    let ledger = mail_ledger(&db, &sink, Duration::from_secs(60)).await;
    assert_eq!(
        (ledger.lost, ledger.duplicated, ledger.unfinished),
        (0, 0, 0),
        "{ledger:?}"
    );
}
