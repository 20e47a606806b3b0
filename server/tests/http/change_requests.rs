//! Site asks to reschedule or cancel sessions, and feedback after a session, on SQLite and
//! PostgreSQL: the rules of `service::change_requests` and `service::feedback`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{Duration, TimeZone as _, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use service::ServiceError;
use service::change_requests::{
    ChangeKind, NewChangeRequest, create_change_request, open_change_requests,
    request_change_requests,
};
use service::feedback::{give_feedback, has_given_feedback};
use service::proposals::{
    ProposedOccurrence, accept_proposal, approve_proposal, book_proposal, request_sessions,
};
use service::requests::store_request;

const CONTACT: i32 = 200;

/// A Memphis request with two confirmed sessions (Tue 9 and 16 Mar 2027, 09:00 Central) by
/// provider 101; returns (request id, session ids).
async fn confirmed_series(url: &str, db: &service::Database) -> (i32, Vec<i32>) {
    three_providers(url, db).await;
    add_site_contact(url, CONTACT, "Morgan Memphis", MEMPHIS).await;
    let request = store_request(db, MEMPHIS, Some(CONTACT), &memphis_request(), &notify())
        .await
        .unwrap();
    let first = Utc.with_ymd_and_hms(2027, 3, 9, 15, 0, 0).unwrap();
    let second = Utc.with_ymd_and_hms(2027, 3, 16, 14, 0, 0).unwrap();
    let occurrences: Vec<_> = [first, second]
        .into_iter()
        .enumerate()
        .map(|(i, start)| ProposedOccurrence {
            occurrence: i32::try_from(i).unwrap(),
            starts_at: start,
            ends_at: start + Duration::minutes(90),
        })
        .collect();
    let proposal = book_proposal(
        db,
        request,
        101,
        &occurrences,
        0.9,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    accept_proposal(db, &harness::fixtures::actor_of(db, 101).await, proposal)
        .await
        .unwrap();
    approve_proposal(
        db,
        &harness::fixtures::actor_of(db, COORDINATOR).await,
        proposal,
        &notify(),
    )
    .await
    .unwrap();
    let sessions = request_sessions(db, request).await.unwrap();
    (request, sessions.iter().map(|s| s.id).collect())
}

async fn asks_are_stored_open_and_checked(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, sessions) = confirmed_series(&database.url, &db).await;
    let now = Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap();
    let ask = |kind, reason, wanted| NewChangeRequest {
        session_id: sessions[0],
        kind,
        reason,
        wanted,
    };
    assert!(matches!(
        create_change_request(
            &db,
            &harness::fixtures::actor_of(&db, CONTACT).await,
            &ask(ChangeKind::CancelOne, " ", ""),
            now
        )
        .await,
        Err(ServiceError::Invalid(_))
    ));
    assert!(matches!(
        create_change_request(&db, &harness::fixtures::actor_of(&db, CONTACT).await, &ask(ChangeKind::Reschedule, "Training day", ""), now).await,
        Err(ServiceError::Invalid(ref m)) if m.contains("when would suit you")
    ));
    let id = create_change_request(
        &db,
        &harness::fixtures::actor_of(&db, CONTACT).await,
        &ask(
            ChangeKind::Reschedule,
            "Training day",
            "Thursday the same week, 10:00",
        ),
        now,
    )
    .await
    .unwrap();
    assert!(matches!(
        create_change_request(
            &db,
            &harness::fixtures::actor_of(&db, CONTACT).await,
            &ask(ChangeKind::Reschedule, "Again", "Friday"),
            now
        )
        .await,
        Err(ServiceError::Conflict(_))
    ));
    create_change_request(
        &db,
        &harness::fixtures::actor_of(&db, CONTACT).await,
        &ask(ChangeKind::CancelRest, "Grant ended", ""),
        now,
    )
    .await
    .unwrap();
    // After the session started, it can no longer be changed.
    let later = Utc.with_ymd_and_hms(2027, 3, 9, 16, 0, 0).unwrap();
    assert!(matches!(
        create_change_request(
            &db,
            &harness::fixtures::actor_of(&db, CONTACT).await,
            &ask(ChangeKind::CancelOne, "Late", ""),
            later
        )
        .await,
        Err(ServiceError::Conflict(_))
    ));
    let open = open_change_requests(&db).await.unwrap();
    assert_eq!(open.len(), 2);
    assert_eq!(open[0].id, id);
    assert_eq!(open[0].kind, "reschedule");
    assert_eq!(open[0].request_id, request);
    assert_eq!(open[0].wanted, "Thursday the same week, 10:00");
    assert_eq!(open[0].created_by, Some(CONTACT));
    assert_eq!(
        request_change_requests(&db, request).await.unwrap().len(),
        2
    );
    assert!(matches!(
        ChangeKind::parse("delete"),
        Err(ServiceError::Invalid(_))
    ));
}

async fn feedback_once_after_the_session(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (_, sessions) = confirmed_series(&database.url, &db).await;
    let during = Utc.with_ymd_and_hms(2027, 3, 9, 15, 30, 0).unwrap();
    let after = Utc.with_ymd_and_hms(2027, 3, 10, 12, 0, 0).unwrap();
    assert!(matches!(
        give_feedback(
            &db,
            &harness::fixtures::actor_of(&db, CONTACT).await,
            sessions[0],
            5,
            "",
            during
        )
        .await,
        Err(ServiceError::Conflict(_))
    ));
    assert!(matches!(
        give_feedback(
            &db,
            &harness::fixtures::actor_of(&db, CONTACT).await,
            sessions[0],
            6,
            "",
            after
        )
        .await,
        Err(ServiceError::Invalid(_))
    ));
    assert!(!has_given_feedback(&db, sessions[0], CONTACT).await.unwrap());
    give_feedback(
        &db,
        &harness::fixtures::actor_of(&db, CONTACT).await,
        sessions[0],
        4,
        "Useful case reviews.",
        after,
    )
    .await
    .unwrap();
    assert!(has_given_feedback(&db, sessions[0], CONTACT).await.unwrap());
    assert!(matches!(
        give_feedback(
            &db,
            &harness::fixtures::actor_of(&db, CONTACT).await,
            sessions[0],
            5,
            "again",
            after
        )
        .await,
        Err(ServiceError::Conflict(_))
    ));
}

on_both_backends!(
    asks_are_stored_open_and_checked,
    feedback_once_after_the_session
);
