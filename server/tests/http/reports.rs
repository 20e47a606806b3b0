//! Reports over a period, on both databases: sessions per site, topic and provider; turnaround;
//! utilisation; feedback averages; and their CSV.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{NaiveDate, TimeZone as _, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use service::engine::plan_series;
use service::proposals::ProposedOccurrence;
use service::reports::{Period, ReportKind, report, to_csv};
use service::requests::store_request;

fn cell<'a>(table: &'a service::reports::Table, row: &str, column: &str) -> &'a str {
    let c = table.columns.iter().position(|h| h == column).unwrap();
    table
        .rows
        .iter()
        .find(|r| r[0] == row)
        .map(|r| r[c].as_str())
        .unwrap_or("missing")
}

async fn reports_count_what_was_scheduled_and_rated(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let staff = coordinator_actor(&database.url, &db).await;
    let notify = notify();
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify)
        .await
        .unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
    let (plan, _, _) = plan_series(&db, request, 101, now).await.unwrap();
    let occurrences: Vec<ProposedOccurrence> = plan
        .occurrences
        .iter()
        .filter_map(|o| {
            o.slot().map(|s| ProposedOccurrence {
                occurrence: o.index as i32,
                starts_at: s.start(),
                ends_at: s.end(),
            })
        })
        .collect();
    send_accept_approve(&db, request, 101, &occurrences).await;
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    raw.execute_unprepared(&format!(
        "INSERT INTO feedback (session_id, user_id, usefulness, comments, created_at) VALUES \
         (1, {COORDINATOR}, 5, '', '2027-03-01 00:00:00+00:00'), (2, {COORDINATOR}, 4, '', '2027-03-02 00:00:00+00:00')"
    ))
    .await
    .unwrap();

    let year = Period::of_dates(
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
    )
    .unwrap();
    let by_site = report(&db, &staff, ReportKind::SessionsBySite, year)
        .await
        .unwrap();
    assert_eq!(cell(&by_site, "Memphis, TN", "Scheduled"), "6");
    assert_eq!(cell(&by_site, "Memphis, TN", "Delivered"), "0");
    let by_topic = report(&db, &staff, ReportKind::SessionsByTopic, year)
        .await
        .unwrap();
    assert_eq!(cell(&by_topic, "Gun violence", "Total"), "6");
    assert_eq!(cell(&by_topic, "Crime analysis", "Total"), "6");
    let by_provider = report(&db, &staff, ReportKind::SessionsByProvider, year)
        .await
        .unwrap();
    assert_eq!(cell(&by_provider, "Alex Phoenix", "Total"), "6");
    let utilisation = report(&db, &staff, ReportKind::Utilisation, year)
        .await
        .unwrap();
    assert_eq!(cell(&utilisation, "Alex Phoenix", "Booked hours"), "9.0");
    let feedback = report(&db, &staff, ReportKind::Feedback, year)
        .await
        .unwrap();
    assert_eq!(cell(&feedback, "Alex Phoenix", "Average"), "4.50");

    // Approvals happen "now" (2026): the turnaround report of 2026 sees it.
    let today = Utc::now().date_naive();
    let recent = Period::of_dates(
        today - chrono::Duration::days(1),
        today + chrono::Duration::days(1),
    )
    .unwrap();
    let turnaround = report(&db, &staff, ReportKind::Turnaround, recent)
        .await
        .unwrap();
    assert_eq!(cell(&turnaround, "Memphis", "Requests approved"), "1");

    // A period with nothing in it: empty tables, not errors.
    let empty = Period::of_dates(
        NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2020, 1, 31).unwrap(),
    )
    .unwrap();
    assert!(
        report(&db, &staff, ReportKind::SessionsBySite, empty)
            .await
            .unwrap()
            .rows
            .is_empty()
    );

    // Reports are for coordinators and administrators: the use case refuses a provider itself.
    let provider = actor_of(&db, 101).await;
    let refused = report(&db, &provider, ReportKind::SessionsBySite, year)
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, service::ServiceError::Forbidden(m) if m.contains("Provider")),
        "{refused:?}"
    );

    let csv = to_csv(&by_site);
    assert!(csv.starts_with("Site,Delivered,Scheduled,Awaiting approval,Total\r\n"));
    assert!(csv.contains("\"Memphis, TN\",0,6,0,6\r\n"), "{csv}");

    // A confirmed session that has ended was delivered, though nobody marked it completed.
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    let first = service::proposals::request_sessions(&db, request)
        .await
        .unwrap()[0]
        .id;
    raw.execute_unprepared(&format!(
        "UPDATE tta_session SET starts_at = '2026-11-20 15:00:00+00:00', ends_at = '2026-11-20 16:30:00+00:00', \
         blocked_from = '2026-11-20 14:45:00+00:00', blocked_until = '2026-11-20 16:45:00+00:00' WHERE id = {first}"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
    let since_november = Period::of_dates(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
    )
    .unwrap();
    let by_site = report(&db, &staff, ReportKind::SessionsBySite, since_november)
        .await
        .unwrap();
    assert_eq!(cell(&by_site, "Memphis, TN", "Delivered"), "1");
    assert_eq!(cell(&by_site, "Memphis, TN", "Scheduled"), "5");
    assert_eq!(cell(&by_site, "Memphis, TN", "Awaiting approval"), "0");

    // A session not yet approved (tentative) is not "Scheduled": it waits for approval.
    let last = service::proposals::request_sessions(&db, request)
        .await
        .unwrap()
        .last()
        .unwrap()
        .id;
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    raw.execute_unprepared(&format!(
        "UPDATE tta_session SET status = 'tentative' WHERE id = {last}"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
    let by_site = report(&db, &staff, ReportKind::SessionsBySite, since_november)
        .await
        .unwrap();
    assert_eq!(cell(&by_site, "Memphis, TN", "Scheduled"), "4");
    assert_eq!(cell(&by_site, "Memphis, TN", "Awaiting approval"), "1");
    assert_eq!(cell(&by_site, "Memphis, TN", "Total"), "6");
}

on_both_backends!(reports_count_what_was_scheduled_and_rated);

#[test]
fn reversed_periods_are_refused() {
    let error = Period::of_dates(
        NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("before its start"));
}
