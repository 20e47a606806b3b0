//! No double booking, enforced by the database: 100 concurrent overlapping bookings for one
//! provider → exactly one succeeds, on SQLite and on PostgreSQL; the database itself refuses an
//! overlapping row written without the service's check; request status changes are recorded
//! and illegal ones refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{DateTime, Duration, TimeZone as _, Utc};
use harness::{Backend, TestDatabase};
use sea_orm::{ConnectionTrait, Database as SeaDatabase, DatabaseConnection};
use service::sessions::{NewSession, book_series};
use service::status::{RequestStatus, RequestTransition, SessionStatus};
use service::zone::TimeZone;
use service::{Database, DatabaseUrl, ServiceError};

struct Fixture {
    db: Database,
    raw: DatabaseConnection,
    provider_id: i32,
    request_id: i32,
    _database: TestDatabase,
}

async fn fixture(backend: Backend) -> Option<Fixture> {
    let database = TestDatabase::create(backend).await?;
    let db = Database::connect(&DatabaseUrl::parse(&database.url).unwrap())
        .await
        .unwrap();
    db.migrate().await.unwrap();
    demo::seed_reference_data(&db).await.unwrap();
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    let now = "'2026-11-29 00:00:00+00:00'";
    raw.execute_unprepared(&format!(
        "INSERT INTO app_user (email, email_normalized, display_name, time_zone, role, active, created_at, updated_at) \
         VALUES ('Pat@Example.org', 'pat@example.org', 'Pat Provider', 'America/Phoenix', 'provider', TRUE, {now}, {now})"
    ))
    .await
    .unwrap();
    raw.execute_unprepared(&format!(
        "INSERT INTO tta_request (site_id, title, description, engagement_type, modality, session_count, cadence, \
         session_minutes, earliest_date, latest_date, preferred_weekdays, preferred_start_minute, preferred_end_minute, \
         anchor_zone, minimum_level, expected_attendees, notes, status, created_at, updated_at) \
         VALUES (1, 'Gun violence coaching', '', 'operations', 'virtual', 6, 'biweekly', 90, '2027-02-01', '2027-05-01', \
         '1,2,3', 540, 720, 'America/Chicago', 1, 12, '', 'submitted', {now}, {now})"
    ))
    .await
    .unwrap();
    Some(Fixture {
        db,
        raw,
        provider_id: 1,
        request_id: 1,
        _database: database,
    })
}

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 9, hour, minute, 0).unwrap()
}

fn session(f: &Fixture, start: DateTime<Utc>, minutes: i64) -> NewSession {
    NewSession {
        request_id: f.request_id,
        provider_id: f.provider_id,
        proposal_id: None,
        occurrence: 1,
        starts_at: start,
        ends_at: start + Duration::minutes(minutes),
        buffer_before: Duration::minutes(15),
        buffer_after: Duration::minutes(15),
        anchor_zone: TimeZone::parse("America/Chicago").unwrap(),
        location: String::new(),
        virtual_link: "https://meet.example.org/psp".to_owned(),
        status: SessionStatus::Confirmed,
    }
}

async fn hundred_concurrent_overlapping_bookings_leave_exactly_one(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    let mut tasks = Vec::new();
    for i in 0..100 {
        let db = f.db.clone();
        // All start within one hour of each other: every pair overlaps.
        let new = session(&f, at(15, 0) + Duration::seconds(i * 36), 90);
        tasks.push(tokio::spawn(async move { book_series(&db, &[new]).await }));
    }
    let mut booked = 0;
    let mut refused = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(rows) => booked += rows.len(),
            Err(error) => refused.push(error),
        }
    }
    assert_eq!(booked, 1, "exactly one booking succeeds");
    assert_eq!(refused.len(), 99);
    for error in &refused {
        assert!(
            matches!(error, ServiceError::Conflict(message) if message.contains("conflicts with session #")),
            "{error:?}"
        );
    }
    let count = f
        .raw
        .query_one_raw(sea_orm::Statement::from_string(
            f.raw.get_database_backend(),
            "SELECT COUNT(*) AS n FROM tta_session",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(count, 1);
}

async fn the_database_itself_refuses_an_overlapping_row(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    book_series(&f.db, &[session(&f, at(15, 0), 60)])
        .await
        .unwrap();
    // Written straight to the table, without the service's check.
    let sql = "INSERT INTO tta_session (request_id, provider_id, occurrence, starts_at, ends_at, blocked_from, \
               blocked_until, anchor_zone, location, virtual_link, status, calendar_uid, sequence, created_at, updated_at) \
               VALUES (1, 1, 2, '2027-03-09 16:10:00+00:00', '2027-03-09 17:00:00+00:00', '2027-03-09 15:55:00+00:00', \
               '2027-03-09 17:15:00+00:00', 'America/Chicago', '', '', 'tentative', 'raw-1', 0, \
               '2027-01-01 00:00:00+00:00', '2027-01-01 00:00:00+00:00')";
    let error = f.raw.execute_unprepared(sql).await.unwrap_err();
    assert!(
        error.to_string().contains("tta_session_no_double_booking"),
        "{error}"
    );
    // A cancelled row does not hold time.
    f.raw
        .execute_unprepared(&sql.replace("'tentative'", "'cancelled'"))
        .await
        .unwrap();
}

async fn buffers_count_and_back_to_back_with_buffers_is_allowed(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    book_series(&f.db, &[session(&f, at(15, 0), 60)])
        .await
        .unwrap();
    // Ends 16:00, +15 min buffer: a start at 16:20 (−15 → 16:05) overlaps the buffer…
    let error = book_series(&f.db, &[session(&f, at(16, 20), 60)])
        .await
        .unwrap_err();
    assert!(matches!(error, ServiceError::Conflict(_)), "{error:?}");
    // …a start at 16:30 (−15 → 16:15) just touches it and is fine.
    book_series(&f.db, &[session(&f, at(16, 30), 60)])
        .await
        .unwrap();
}

async fn a_series_that_overlaps_itself_books_nothing(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    let mut second = session(&f, at(15, 30), 60);
    second.occurrence = 2;
    let error = book_series(&f.db, &[session(&f, at(15, 0), 60), second])
        .await
        .unwrap_err();
    assert!(
        matches!(error, ServiceError::Conflict(ref m) if m.starts_with("Session 2")),
        "{error:?}"
    );
    // All or nothing: the first session was rolled back too.
    book_series(&f.db, &[session(&f, at(15, 0), 60)])
        .await
        .unwrap();
}

async fn request_transitions_are_recorded_and_illegal_ones_refused(backend: Backend) {
    let Some(f) = fixture(backend).await else {
        return;
    };
    use service::requests::transition;
    let next = transition(
        &f.db,
        f.request_id,
        RequestTransition::StartMatching,
        Some(1),
        "queue",
    )
    .await
    .unwrap();
    assert_eq!(next, RequestStatus::Matching);
    let error = transition(
        &f.db,
        f.request_id,
        RequestTransition::Complete,
        Some(1),
        "",
    )
    .await
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Cannot complete a request that is matching"
    );
    let missing = transition(&f.db, 999, RequestTransition::Cancel, None, "")
        .await
        .unwrap_err();
    assert!(matches!(missing, ServiceError::NotFound(_)));
    let history = f
        .raw
        .query_all_raw(sea_orm::Statement::from_string(
            f.raw.get_database_backend(),
            "SELECT from_status, to_status, reason FROM request_status_change ORDER BY id",
        ))
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].try_get::<String>("", "to_status").unwrap(),
        "matching"
    );
    assert_eq!(history[0].try_get::<String>("", "reason").unwrap(), "queue");
}

on_both_backends!(
    hundred_concurrent_overlapping_bookings_leave_exactly_one,
    the_database_itself_refuses_an_overlapping_row,
    buffers_count_and_back_to_back_with_buffers_is_allowed,
    a_series_that_overlaps_itself_books_nothing,
    request_transitions_are_recorded_and_illegal_ones_refused
);
