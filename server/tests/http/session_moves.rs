//! Moving booked sessions on both databases: one session or the rest of a series, on the site's
//! wall clock across the March daylight-saving change, checked against the engine's rules (notice,
//! blackout dates and federal holidays, the provider's hours and other bookings), all or nothing;
//! and a site's reschedule ask answered for the rest of the series.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use service::ServiceError;
use service::change_requests::{
    ChangeAnswer, ChangeKind, NewChangeRequest, answer_change_request, create_change_request,
};
use service::proposals::request_sessions;
use service::sessions::{MoveScope, SessionMove, move_sessions};
use service::zone::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

fn at(date: (i32, u32, u32), hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

fn central() -> TimeZone {
    TimeZone::parse("America/Chicago").unwrap()
}

fn rescheduled_mails(rows: &[service::entities::email_outbox::Model]) -> usize {
    rows.iter()
        .filter(|r| r.event == "session_rescheduled")
        .count()
}

async fn the_rest_of_a_series_moves_on_the_site_clock_across_the_march_change(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, before) = confirmed_memphis_series(&database, &db).await;
    let third = &before[2];
    let third_local = central().local(third.starts_at).date();
    assert!(third_local < NaiveDate::from_ymd_opt(2027, 3, 14).unwrap());
    let mails_before = rescheduled_mails(&service::mail::list_recent(&db, 1000).await.unwrap());

    // Session 3 and every later one: two days later, at 10:00 on the site's clock.
    let to = (third_local + chrono::Duration::days(2))
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let asked = SessionMove {
        session_id: third.id,
        scope: MoveScope::Rest,
        to,
    };
    let moved = move_sessions(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        asked,
        &notify(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(moved.len(), 4, "sessions 3 to 6");

    let after = request_sessions(&db, request).await.unwrap();
    assert_eq!(after[0].starts_at, before[0].starts_at, "session 1 stays");
    assert_eq!(after[1].starts_at, before[1].starts_at, "session 2 stays");
    let mut offsets = Vec::new();
    for (old, new) in before.iter().zip(&after).skip(2) {
        let (old_local, new_local) = (
            central().local(old.starts_at),
            central().local(new.starts_at),
        );
        assert_eq!(
            new_local.date(),
            old_local.date() + chrono::Duration::days(2)
        );
        assert_eq!(
            new_local.time(),
            chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap()
        );
        assert_eq!(new.ends_at - new.starts_at, old.ends_at - old.starts_at);
        assert_eq!(
            (new.calendar_uid.as_str(), new.sequence),
            (old.calendar_uid.as_str(), old.sequence + 1)
        );
        offsets.push(new.starts_at.format("%H:%M").to_string());
    }
    // 10:00 CST is 16:00 UTC; after 14 March 2027, 10:00 CDT is 15:00 UTC.
    assert_eq!(offsets.first().map(String::as_str), Some("16:00"));
    assert_eq!(offsets.last().map(String::as_str), Some("15:00"));
    let rows = service::mail::list_recent(&db, 1000).await.unwrap();
    let mails_after = rescheduled_mails(&rows);
    assert!(
        mails_after > mails_before,
        "the moved sessions are announced ({mails_before} → {mails_after})"
    );
    // One message per person for the four sessions moved, each with every updated invite.
    let newest = rows
        .iter()
        .filter(|r| r.event == "session_rescheduled")
        .take(mails_after - mails_before);
    for row in newest {
        let invites = crate::mail_support::invites_of(&db, row.id).await;
        assert_eq!(invites.len(), 4, "an updated invite per moved session");
        assert!(
            row.subject.starts_with("4 sessions rescheduled: "),
            "{}",
            row.subject
        );
    }
}

async fn a_move_that_breaks_a_rule_is_refused_with_its_reason_and_changes_nothing(
    backend: Backend,
) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, before) = confirmed_memphis_series(&database, &db).await;
    let second = &before[1];
    let one = |to| SessionMove {
        session_id: second.id,
        scope: MoveScope::One,
        to,
    };

    // Sooner than the minimum notice (72 hours by default).
    let soon = move_sessions(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        one(at((2026, 11, 30), 10, 0)),
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&soon, ServiceError::Invalid(m) if m.contains("minimum notice is 3 days")),
        "{soon:?}"
    );
    // A federal holiday: Washington's Birthday, Monday 15 February 2027.
    let holiday = move_sessions(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        one(at((2027, 2, 15), 10, 0)),
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&holiday, ServiceError::Invalid(m) if m.contains("2027-02-15 is")),
        "{holiday:?}"
    );
    // 16:30 Central is 15:30 in Phoenix: past the provider's 15:00 end.
    let late = move_sessions(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        one(at((2027, 2, 18), 16, 30)),
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&late, ServiceError::Conflict(m)
            if m.contains("Alex Phoenix is not free") && m.contains("outside the provider's hours")),
        "{late:?}"
    );
    // Onto session 3's time: the provider is booked then.
    let third = &before[2];
    let local = central().local(third.starts_at);
    let clash = move_sessions(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        one(local),
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&clash, ServiceError::Conflict(m) if m.contains(&format!("#{}", third.id))),
        "{clash:?}"
    );
    // 02:30 on 14 March 2027 does not exist in Chicago.
    let gap = move_sessions(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        one(at((2027, 3, 14), 2, 30)),
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&gap, ServiceError::Invalid(m) if m.contains("does not exist once")),
        "{gap:?}"
    );
    // Where it already is.
    let same = move_sessions(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        one(central().local(second.starts_at)),
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(same, ServiceError::Conflict(_)), "{same:?}");

    // The rest of the series, where only the last session would land on a site blackout date:
    // refused, and no session moves.
    let last = before.last().unwrap();
    let last_moved = central().local(last.starts_at).date() + chrono::Duration::days(1);
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    raw.execute_unprepared(&format!(
        "INSERT INTO blackout_date (site_id, date, reason) VALUES ({MEMPHIS}, '{last_moved}', 'City budget hearings')"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
    let rest = SessionMove {
        session_id: second.id,
        scope: MoveScope::Rest,
        to: (central().local(second.starts_at).date() + chrono::Duration::days(1))
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    };
    let blackout = move_sessions(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        rest,
        &notify(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&blackout, ServiceError::Invalid(m)
            if m.contains("session 6") && m.contains("City budget hearings")),
        "{blackout:?}"
    );
    let after = request_sessions(&db, request).await.unwrap();
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(
            (new.starts_at, new.sequence),
            (old.starts_at, old.sequence),
            "session {} unchanged",
            old.occurrence
        );
    }
}

async fn a_reschedule_ask_can_be_answered_for_the_rest_of_the_series(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, before) = confirmed_memphis_series(&database, &db).await;
    add_site_contact(&database.url, 200, "Morgan Memphis", MEMPHIS).await;
    let fifth = &before[4];
    let ask = create_change_request(
        &db,
        &harness::fixtures::actor_of(&db, 200).await,
        &NewChangeRequest {
            session_id: fifth.id,
            kind: ChangeKind::Reschedule,
            reason: "Roll call moved to Tuesdays",
            wanted: "Wednesdays from now on, same time",
        },
        now(),
    )
    .await
    .unwrap();
    let local = central().local(fifth.starts_at);
    let to = (local.date() + chrono::Duration::days(1)).and_time(local.time());
    answer_change_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        ask,
        ChangeAnswer::Reschedule {
            to,
            scope: MoveScope::Rest,
        },
        "Moved to Wednesdays",
        &notify(),
        now(),
    )
    .await
    .unwrap();
    let after = request_sessions(&db, request).await.unwrap();
    for (old, new) in before.iter().zip(&after) {
        let shift = i64::from(old.occurrence >= fifth.occurrence);
        assert_eq!(
            central().local(new.starts_at),
            central().local(old.starts_at) + chrono::Duration::days(shift),
            "session {}",
            old.occurrence
        );
    }
}

on_both_backends!(
    the_rest_of_a_series_moves_on_the_site_clock_across_the_march_change,
    a_move_that_breaks_a_rule_is_refused_with_its_reason_and_changes_nothing,
    a_reschedule_ask_can_be_answered_for_the_rest_of_the_series,
);
