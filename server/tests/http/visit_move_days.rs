//! A refused move of a booked on-site visit names the day at fault (issue 16), on SQLite and
//! PostgreSQL: the site-local date, whether it is a visit day or a travel day, and why.
//!
//! Alex Phoenix (America/Phoenix, no DST) holds a two-day Memphis visit (08:30–17:00 Central,
//! travel days kept). Moved onto a week whose second visit day is time off, the refusal names
//! that Wednesday as a visit day; moved into the week of the spring-forward change (Sunday 14
//! March 2027 in Memphis), where the provider is away on the Sunday, it names the Sunday as the
//! travel day; a move onto a day the provider holds another booking names that day.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use service::ServiceError;
use service::intake::{IntakeForm, RequestDraft};
use service::proposals::request_sessions;
use service::sessions::{MoveScope, SessionMove, move_sessions};

use crate::harness::fixtures::{
    COORDINATOR, GUN_VIOLENCE, MEMPHIS, actor_of, notify, planned_occurrences, send_accept_approve,
    three_providers,
};
use crate::harness::{Backend, seeded_service_database};

crate::on_both_backends!(a_refused_visit_move_names_the_day_at_fault);

const PROVIDER: i32 = 101;

fn utc(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, m, d, h, min, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    utc(1, 4, 12, 0)
}

/// A two-day Memphis visit, 08:30–17:00 each day, with travel days, from 1 to 19 March 2027
/// (across the spring-forward change of Sunday 14 March).
fn visit() -> RequestDraft {
    RequestDraft::parse(
        &IntakeForm {
            title: "On-site gun crime review".into(),
            topic_ids: vec![GUN_VIOLENCE.to_string()],
            engagement_type: "operations".into(),
            modality: "on_site".into(),
            session_count: "1".into(),
            cadence: "once".into(),
            session_minutes: "510".into(),
            earliest_date: "2027-03-01".into(),
            latest_date: "2027-03-19".into(),
            preferred_start: "08:30".into(),
            preferred_end: "17:00".into(),
            visit_days: "2".into(),
            travel_days: "on".into(),
            ..IntakeForm::default()
        },
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    )
    .unwrap()
}

async fn time_off(db: &service::Database, from: DateTime<Utc>, until: DateTime<Utc>, note: &str) {
    service::entities::time_off::ActiveModel {
        provider_id: Set(PROVIDER),
        starts_at: Set(from),
        ends_at: Set(until),
        note: Set(note.to_owned()),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
}

async fn move_to(db: &service::Database, session_id: i32, to: &str) -> Result<(), ServiceError> {
    move_sessions(
        db,
        &actor_of(db, COORDINATOR).await,
        SessionMove {
            session_id,
            scope: MoveScope::One,
            to: NaiveDateTime::parse_from_str(to, "%Y-%m-%d %H:%M").unwrap(),
        },
        &notify(),
        now(),
    )
    .await
    .map(|_| ())
}

async fn a_refused_visit_move_names_the_day_at_fault(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let request = service::requests::store_request(&db, MEMPHIS, None, &visit(), &notify())
        .await
        .unwrap();
    let occurrences = planned_occurrences(&db, request, PROVIDER).await;
    // Monday 1 and Tuesday 2 March, 08:30–17:00 CST.
    assert_eq!(occurrences[0].starts_at, utc(3, 1, 14, 30));
    send_accept_approve(&db, request, PROVIDER, &occurrences).await;
    let session = request_sessions(&db, request).await.unwrap().remove(0);

    // Away all of Wednesday 10 March (Phoenix): the second day of a visit from Tuesday 9.
    time_off(&db, utc(3, 10, 7, 0), utc(3, 11, 5, 0), "Court testimony").await;
    let Err(ServiceError::Conflict(message)) = move_to(&db, session.id, "2027-03-09 08:30").await
    else {
        panic!("a visit over the provider's time off moved");
    };
    assert!(
        message.contains("Wednesday 10 March 2027 (America/Chicago, visit day)")
            && message.contains("Court testimony"),
        "{message}"
    );
    assert!(!message.contains("Tuesday 9 March"), "{message}");

    // Away on Sunday 14 March, the day Memphis springs forward: the travel day before a visit
    // on Monday 15 and Tuesday 16 March (08:30 CDT, 13:30 UTC).
    time_off(&db, utc(3, 14, 12, 0), utc(3, 14, 20, 0), "Family day").await;
    let Err(ServiceError::Conflict(message)) = move_to(&db, session.id, "2027-03-15 08:30").await
    else {
        panic!("a visit whose travel day is time off moved");
    };
    assert!(
        message.contains("Sunday 14 March 2027 (America/Chicago, travel day)")
            && message.contains("Family day"),
        "{message}"
    );
    assert!(
        message.contains("15 Mar"),
        "the visit's own time: {message}"
    );

    // Thursday 4 and Friday 5 March are free: the move books, 08:30 CST both days.
    move_to(&db, session.id, "2027-03-04 08:30").await.unwrap();
    let moved = request_sessions(&db, request).await.unwrap().remove(0);
    assert_eq!(
        (moved.starts_at, moved.ends_at),
        (utc(3, 4, 14, 30), utc(3, 5, 23, 0))
    );
}
