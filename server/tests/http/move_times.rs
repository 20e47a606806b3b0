//! The free times a coordinator's move form offers, on both databases: every time offered for a
//! session is one the move itself accepts (the provider's hours, time off, bookings, caps,
//! buffers, the site's blackout dates and the federal holidays), none falls inside the minimum
//! notice, each is on one of the site's preferred weekdays, and only staff may read them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone as _, Utc, Weekday};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use scheduling::Resolution;
use service::ServiceError;
use service::engine::OFFERED_MOVE_TIMES;
use service::proposals::request_sessions;
use service::sessions::{MoveScope, SessionMove, chosen_date_time, move_sessions};
use service::timefmt::parse_wall_clock;
use service::views::coordinator::move_times_page;
use service::zone::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

fn central() -> TimeZone {
    TimeZone::parse("America/Chicago").unwrap()
}

/// The site's wall-clock start a move form posts for an offered time.
fn chosen(value: &str) -> NaiveDateTime {
    let (date, time) = chosen_date_time(value, "", "").unwrap();
    parse_wall_clock(&date, &time).unwrap()
}

/// Moves `session` to `to` (one session) at `at`, as the coordinator.
async fn move_to(
    db: &service::Database,
    session: i32,
    to: NaiveDateTime,
    at: DateTime<Utc>,
) -> Result<Vec<service::entities::tta_session::Model>, ServiceError> {
    let asked = SessionMove {
        session_id: session,
        scope: MoveScope::One,
        to,
    };
    move_sessions(db, &actor_of(db, COORDINATOR).await, asked, &notify(), at).await
}

async fn every_offered_time_is_accepted_by_the_move_and_none_is_inside_the_notice(
    backend: Backend,
) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, before) = confirmed_memphis_series(&database, &db).await;
    let coordinator = actor_of(&db, COORDINATOR).await;
    let offered = move_times_page(&db, &coordinator, request, now())
        .await
        .unwrap();
    assert_eq!(
        offered.len(),
        before.len(),
        "every booked session is offered times"
    );
    let earliest = now() + Duration::hours(72);
    for (session, view) in before.iter().zip(&offered) {
        assert_eq!(view.session_id, session.id);
        assert_eq!(
            view.times.len(),
            OFFERED_MOVE_TIMES,
            "session {}",
            session.occurrence
        );
        let mut previous = None;
        for time in &view.times {
            let local = chosen(&time.value);
            let (start, resolution) = central().resolve(local);
            assert!(matches!(resolution, Resolution::Exact));
            assert!(start >= earliest, "{} is inside the notice", time.value);
            assert_ne!(start, session.starts_at, "its own time is not offered");
            assert!(
                [Weekday::Tue, Weekday::Wed, Weekday::Thu].contains(&local.weekday()),
                "{} is on one of the site's days",
                time.value
            );
            assert!(time.site_time.ends_with("CST") || time.site_time.ends_with("CDT"));
            // The coordinator reads New York time beside the site's.
            assert!(time.reader_time.starts_with("your time: "), "{time:?}");
            assert!(previous < Some(start), "in date order");
            previous = Some(start);
        }
    }

    // Each time offered for session 2, chosen, is accepted; moving it back is too.
    let second = &before[1];
    let home = central().local(second.starts_at);
    for time in &offered[1].times {
        let moved = move_to(&db, second.id, chosen(&time.value), now())
            .await
            .unwrap_or_else(|e| panic!("{} refused: {e}", time.value));
        assert_eq!(central().local(moved[0].starts_at), chosen(&time.value));
        move_to(&db, second.id, home, now()).await.unwrap();
    }
    // And the first time offered for every other session.
    for (session, view) in before
        .iter()
        .zip(&offered)
        .filter(|(s, _)| s.id != second.id)
    {
        let time = &view.times[0];
        move_to(&db, session.id, chosen(&time.value), now())
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "session {} to {} refused: {e}",
                    session.occurrence, time.value
                )
            });
    }

    // The times now offered for session 2 leave out those the other sessions took.
    let taken: Vec<DateTime<Utc>> = request_sessions(&db, request)
        .await
        .unwrap()
        .iter()
        .filter(|s| s.id != second.id)
        .map(|s| s.starts_at)
        .collect();
    let again = move_times_page(&db, &coordinator, request, now())
        .await
        .unwrap();
    for time in &again[1].times {
        let start = central().to_utc(chosen(&time.value));
        assert!(!taken.contains(&start), "{} is taken", time.value);
        move_to(&db, second.id, chosen(&time.value), now())
            .await
            .unwrap();
        move_to(&db, second.id, home, now()).await.unwrap();
    }
}

async fn close_to_a_session_the_notice_bounds_the_offered_times(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, before) = confirmed_memphis_series(&database, &db).await;
    // Four days before session 1: the notice (72 hours) leaves it one day to move back.
    let late = before[0].starts_at - Duration::days(4);
    let coordinator = actor_of(&db, COORDINATOR).await;
    let offered = move_times_page(&db, &coordinator, request, late)
        .await
        .unwrap();
    let first = &offered[0];
    assert!(!first.times.is_empty());
    for time in &first.times {
        let start = central().to_utc(chosen(&time.value));
        assert!(
            start >= late + Duration::hours(72),
            "{} is inside the notice",
            time.value
        );
    }
    for time in &first.times {
        move_to(&db, before[0].id, chosen(&time.value), late)
            .await
            .unwrap_or_else(|e| panic!("{} refused: {e}", time.value));
        move_to(
            &db,
            before[0].id,
            central().local(before[0].starts_at),
            late,
        )
        .await
        .unwrap();
    }
    // A session that has started is offered nothing.
    let started = before[0].starts_at + Duration::minutes(5);
    let offered = move_times_page(&db, &coordinator, request, started)
        .await
        .unwrap();
    assert!(offered.iter().all(|v| v.session_id != before[0].id));
}

async fn only_staff_read_the_offered_times(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, _) = confirmed_memphis_series(&database, &db).await;
    add_site_contact(&database.url, 200, "Morgan Memphis", MEMPHIS).await;
    for who in [101, 200] {
        let refused = move_times_page(&db, &actor_of(&db, who).await, request, now()).await;
        assert!(
            matches!(refused, Err(ServiceError::Forbidden(_))),
            "{who}: {refused:?}"
        );
    }
    let missing = move_times_page(&db, &actor_of(&db, COORDINATOR).await, 9999, now()).await;
    assert!(
        matches!(missing, Err(ServiceError::NotFound(_))),
        "{missing:?}"
    );
}

on_both_backends!(
    every_offered_time_is_accepted_by_the_move_and_none_is_inside_the_notice,
    close_to_a_session_the_notice_bounds_the_offered_times,
    only_staff_read_the_offered_times,
);
