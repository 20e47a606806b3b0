//! Every time the engine offers beside a booking with buffers is one the database books (issue
//! 16), on SQLite and PostgreSQL. The double-booking constraint compares *blocked* spans (each
//! session widened by the buffers before and after, 15 minutes each here), so a new session must
//! end 30 minutes before a booked one starts and start 30 minutes after it ends; the engine once
//! widened only the booked session by 15, and offered times the constraint then refused (409).
//!
//! Alex Phoenix (working 07:00–15:00 MST) holds a weekly hour at 10:00–11:00 MST on Wednesdays
//! 20 and 27 January 2027. On the 20th the free-time preview shows 07:00–09:30 and 11:30–15:00,
//! and an hour at each edge of those stretches books; on the 27th a one-time Memphis request
//! asked for 10:00 MST is planned at the nearest bookable time, 90 minutes away, and books; and
//! every time the move form then offers for it is one the move accepts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone as _, Utc};
use service::intake::{IntakeForm, RequestDraft};
use service::sessions::{
    MoveScope, NewSession, SessionMove, book_series, chosen_date_time, move_sessions,
};
use service::status::SessionStatus;
use service::timefmt::parse_wall_clock;
use service::views::coordinator::move_times_page;
use service::zone::TimeZone;

use crate::harness::fixtures::{
    COORDINATOR, GUN_VIOLENCE, MEMPHIS, actor_of, notify, planned_occurrences, send_accept_approve,
    three_providers,
};
use crate::harness::{Backend, seeded_service_database};

crate::on_both_backends!(every_time_offered_beside_a_booking_books);

/// The tests' "now": Monday 4 January 2027.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 12, 0, 0).unwrap()
}

/// `h:m` on 2027-01-`day` in Phoenix (MST, UTC−7 all year), as an instant.
fn mst(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, day, h + 7, m, 0).unwrap()
}

/// A Memphis request of `count` hour-long sessions on Wednesdays from `first` to `last`,
/// starting 11:00 Central (10:00 MST) within 08:00–16:00.
async fn memphis_hours(
    db: &service::Database,
    title: &str,
    count: u32,
    first: &str,
    last: &str,
) -> i32 {
    let form = IntakeForm {
        title: title.into(),
        topic_ids: vec![GUN_VIOLENCE.to_string()],
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: count.to_string(),
        cadence: if count == 1 { "once" } else { "weekly" }.into(),
        session_minutes: "60".into(),
        earliest_date: first.into(),
        latest_date: last.into(),
        preferred_weekdays: vec!["wed".into()],
        preferred_start: "11:00".into(),
        preferred_end: "16:00".into(),
        minimum_level: "1".into(),
        ..IntakeForm::default()
    };
    let draft = RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap();
    service::requests::store_request(db, MEMPHIS, None, &draft, &notify())
        .await
        .unwrap()
}

/// A tentative hour of `request` with Alex Phoenix at `starts_at`, with the programme's buffers.
fn hour_at(request: i32, occurrence: i32, starts_at: DateTime<Utc>) -> NewSession {
    NewSession {
        request_id: request,
        provider_id: 101,
        proposal_id: None,
        occurrence,
        starts_at,
        ends_at: starts_at + Duration::hours(1),
        buffer_before: Duration::minutes(15),
        buffer_after: Duration::minutes(15),
        anchor_zone: TimeZone::parse("America/Chicago").unwrap(),
        location: String::new(),
        virtual_link: String::new(),
        status: SessionStatus::Tentative,
    }
}

async fn every_time_offered_beside_a_booking_books(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let booked = memphis_hours(&db, "Weekly hour", 2, "2027-01-18", "2027-01-29").await;
    let occurrences = planned_occurrences(&db, booked, 101).await;
    assert_eq!(
        occurrences
            .iter()
            .map(|o| (o.starts_at, o.ends_at))
            .collect::<Vec<_>>(),
        vec![
            (mst(20, 10, 0), mst(20, 11, 0)),
            (mst(27, 10, 0), mst(27, 11, 0))
        ],
        "the booked hours"
    );
    send_accept_approve(&db, booked, 101, &occurrences).await;

    // The free-time preview keeps 30 minutes either side of the booked hour: what books.
    let preview = service::providers::free_time_preview(&db, &actor_of(&db, 101).await, now(), 3)
        .await
        .unwrap()
        .expect("a profile");
    let day = preview
        .days
        .iter()
        .find(|d| d.date == NaiveDate::from_ymd_opt(2027, 1, 20).unwrap())
        .expect("the 20th is previewed");
    assert_eq!(
        day.free,
        vec![
            (mst(20, 7, 0), mst(20, 9, 30)),
            (mst(20, 11, 30), mst(20, 15, 0))
        ],
        "free beside the booked 10:00–11:00"
    );
    let other = memphis_hours(&db, "Edges", 1, "2027-01-20", "2027-01-20").await;
    let edges: Vec<NewSession> = day
        .free
        .iter()
        .flat_map(|(from, until)| [*from, *until - Duration::hours(1)])
        .enumerate()
        .map(|(i, start)| hour_at(other, i32::try_from(i).unwrap() + 1, start))
        .collect();
    let stored = book_series(&db, &edges)
        .await
        .unwrap_or_else(|e| panic!("an hour at each edge of the free time books: {e}"));
    assert_eq!(stored.len(), 4);
    // A minute closer is refused by the database: the preview's edges are exact.
    let closer = hour_at(other, 5, mst(20, 11, 29));
    assert!(matches!(
        book_series(&db, &[closer]).await,
        Err(service::ServiceError::Conflict(_))
    ));

    // The engine plans a request asked for the booked time 90 minutes away, and it books.
    let once = memphis_hours(&db, "One hour", 1, "2027-01-27", "2027-01-27").await;
    let planned = planned_occurrences(&db, once, 101).await;
    assert_eq!(planned.len(), 1);
    let slot = &planned[0];
    assert!(
        [mst(27, 8, 30), mst(27, 11, 30)].contains(&slot.starts_at),
        "the nearest bookable time, 30 minutes clear of the booked hour: {}",
        slot.starts_at
    );
    send_accept_approve(&db, once, 101, std::slice::from_ref(slot)).await;

    // Every time the move form offers for it is one the move accepts (and back again).
    let coordinator = actor_of(&db, COORDINATOR).await;
    let offered = move_times_page(&db, &coordinator, once, now())
        .await
        .unwrap();
    let session = service::proposals::request_sessions(&db, once)
        .await
        .unwrap()
        .remove(0);
    let central = TimeZone::parse("America/Chicago").unwrap();
    let home = central.local(session.starts_at);
    assert!(!offered[0].times.is_empty(), "times are offered");
    for time in &offered[0].times {
        let (date, clock) = chosen_date_time(&time.value, "", "").unwrap();
        let to = parse_wall_clock(&date, &clock).unwrap();
        let asked = |to| SessionMove {
            session_id: session.id,
            scope: MoveScope::One,
            to,
        };
        move_sessions(&db, &coordinator, asked(to), &notify(), now())
            .await
            .unwrap_or_else(|e| panic!("{} offered but refused: {e}", time.value));
        move_sessions(&db, &coordinator, asked(home), &notify(), now())
            .await
            .unwrap();
    }
}
