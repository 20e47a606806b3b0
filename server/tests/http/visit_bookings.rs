//! Planning and moving around a booked on-site visit (issue 16), on SQLite and PostgreSQL: the
//! engine reads a booked visit with its travel days (a session asked for on a travel day is not
//! placed there, and the free-time preview shows those days taken), and a visit moved to
//! another week takes its travel days along (its stored blocked time covers the new travel
//! days, and the old ones are free again for the engine and the database).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use scheduling::Outcome;
use service::intake::{IntakeForm, RequestDraft};
use service::proposals::request_sessions;
use service::sessions::{MoveScope, SessionMove, move_sessions};

use crate::harness::fixtures::{
    COORDINATOR, GUN_VIOLENCE, MEMPHIS, actor_of, notify, planned_occurrences, send_accept_approve,
    three_providers,
};
use crate::harness::{Backend, seeded_service_database};

crate::on_both_backends!(a_booked_visit_keeps_its_travel_days_when_planned_around_and_moved);

const PROVIDER: i32 = 101;

fn utc(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, m, d, h, min, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    utc(1, 4, 12, 0)
}

fn draft(form: IntakeForm) -> RequestDraft {
    RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

/// A two-day Memphis visit, 08:30–17:00 each day, with travel days, from 9 to 26 February
/// 2027 (Central Standard Time throughout).
fn visit() -> RequestDraft {
    draft(IntakeForm {
        title: "On-site gun crime review".into(),
        topic_ids: vec![GUN_VIOLENCE.to_string()],
        engagement_type: "operations".into(),
        modality: "on_site".into(),
        session_count: "1".into(),
        cadence: "once".into(),
        session_minutes: "510".into(),
        earliest_date: "2027-02-09".into(),
        latest_date: "2027-02-26".into(),
        preferred_start: "08:30".into(),
        preferred_end: "17:00".into(),
        visit_days: "2".into(),
        travel_days: "on".into(),
        ..IntakeForm::default()
    })
}

/// One virtual hour for Memphis on `date` only (10:00 Central, anywhere 08:00–16:00).
fn hour_on(date: &str) -> RequestDraft {
    draft(IntakeForm {
        title: "One hour".into(),
        topic_ids: vec![GUN_VIOLENCE.to_string()],
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: "1".into(),
        cadence: "once".into(),
        session_minutes: "60".into(),
        earliest_date: date.into(),
        latest_date: date.into(),
        preferred_weekdays: ["mon", "tue", "wed", "thu", "fri"]
            .map(String::from)
            .to_vec(),
        preferred_start: "10:00".into(),
        preferred_end: "16:00".into(),
        minimum_level: "1".into(),
        ..IntakeForm::default()
    })
}

async fn store(db: &service::Database, draft: &RequestDraft) -> i32 {
    service::requests::store_request(db, MEMPHIS, None, draft, &notify())
        .await
        .unwrap()
}

async fn a_booked_visit_keeps_its_travel_days_when_planned_around_and_moved(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let visit = store(&db, &visit()).await;
    let occurrences = planned_occurrences(&db, visit, PROVIDER).await;
    // Tuesday 9 and Wednesday 10 February, 08:30–17:00 CST; travel Monday 8 and Thursday 11.
    assert_eq!(occurrences[0].starts_at, utc(2, 9, 14, 30));
    send_accept_approve(&db, visit, PROVIDER, &occurrences).await;

    // An hour asked for the Monday (a travel day) is not placed: the engine reads the travel
    // days as taken, naming the visit.
    let monday = store(&db, &hour_on("2027-02-08")).await;
    let (plan, _, _) = service::engine::plan_series(&db, monday, PROVIDER, now())
        .await
        .unwrap();
    let Outcome::Unplaced { reasons } = &plan.occurrences[0].outcome else {
        panic!("placed on the visit's travel day: {plan:?}");
    };
    let told: Vec<String> = reasons.iter().map(ToString::to_string).collect();
    assert!(
        told.iter()
            .any(|r| r.contains("travel for the on-site visit")),
        "{told:?}"
    );
    // The free-time preview shows nothing free on either travel day.
    let preview = service::providers::free_time_preview(
        &db,
        &actor_of(&db, PROVIDER).await,
        utc(2, 1, 12, 0),
        2,
    )
    .await
    .unwrap()
    .expect("a profile");
    for day in [8, 11] {
        let date = NaiveDate::from_ymd_opt(2027, 2, day).unwrap();
        let shown = preview.days.iter().find(|d| d.date == date).unwrap();
        assert!(shown.free.is_empty(), "travel day {date}: {:?}", shown.free);
    }

    // Moved two weeks on (Tuesday 23 February), the visit takes its travel days along.
    let session = request_sessions(&db, visit).await.unwrap().remove(0);
    let to = NaiveDateTime::parse_from_str("2027-02-23 08:30", "%Y-%m-%d %H:%M").unwrap();
    let moved = move_sessions(
        &db,
        &actor_of(&db, COORDINATOR).await,
        SessionMove {
            session_id: session.id,
            scope: MoveScope::One,
            to,
        },
        &notify(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (moved[0].starts_at, moved[0].ends_at),
        (utc(2, 23, 14, 30), utc(2, 24, 23, 0)),
        "both days, 08:30–17:00 CST"
    );
    assert_eq!(
        (moved[0].blocked_from, moved[0].blocked_until),
        (utc(2, 22, 6, 0), utc(2, 26, 6, 0)),
        "blocked from Monday 22 to Friday 26 February, 00:00 CST: the new travel days"
    );
    // The old travel day is free again: the Monday hour is planned and books.
    let planned = planned_occurrences(&db, monday, PROVIDER).await;
    assert_eq!(planned.len(), 1, "placed on Monday 8 February now");
    send_accept_approve(&db, monday, PROVIDER, &planned).await;
    // The new travel day is not: an hour on Monday 22 is not placed.
    let later = store(&db, &hour_on("2027-02-22")).await;
    let (plan, _, _) = service::engine::plan_series(&db, later, PROVIDER, now())
        .await
        .unwrap();
    assert!(
        plan.occurrences[0].slot().is_none(),
        "placed on the moved visit's travel day: {plan:?}"
    );
}
