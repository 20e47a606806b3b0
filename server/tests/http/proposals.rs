//! The brokering workflow on both databases: plan → send (tentative sessions hold the time) →
//! provider accepts or declines → coordinator approves (all sessions confirmed at once).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use service::ServiceError;
use service::proposals::{
    ProposedOccurrence, accept_proposal, approve_proposal, book_proposal, decline_proposal,
    proposal_view, provider_proposals, request_sessions,
};
use service::requests::{request_view, store_request};
use service::status::{ProposalStatus, RequestStatus};

async fn planned(db: &service::Database, request: i32, provider: i32) -> Vec<ProposedOccurrence> {
    planned_occurrences(db, request, provider).await
}

async fn send_accept_approve_confirms_every_session(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let occurrences = planned(&db, request, 101).await;
    assert_eq!(occurrences.len(), 6);

    let proposal = book_proposal(
        &db,
        request,
        101,
        &occurrences,
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(
        request_view(&db, request).await.unwrap().status,
        RequestStatus::Proposed
    );
    let sessions = request_sessions(&db, request).await.unwrap();
    assert!(
        sessions
            .iter()
            .all(|s| s.status == "tentative" && s.sequence == 0)
    );

    // The tentative sessions hold the provider's time: a second request at the same times is refused.
    let other = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let clash = book_proposal(
        &db,
        other,
        101,
        &occurrences,
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(clash, ServiceError::Conflict(ref m) if m.contains("conflicts with session #")),
        "{clash:?}"
    );
    assert_eq!(
        request_view(&db, other).await.unwrap().status,
        RequestStatus::Submitted,
        "nothing changed"
    );

    // Approving before the provider accepted is refused.
    assert!(matches!(
        approve_proposal(
            &db,
            &harness::fixtures::actor_of(&db, COORDINATOR).await,
            proposal,
            &notify()
        )
        .await,
        Err(ServiceError::Conflict(_))
    ));
    // Another provider cannot accept it.
    assert!(matches!(
        accept_proposal(&db, &harness::fixtures::actor_of(&db, 102).await, proposal).await,
        Err(ServiceError::NotFound(_))
    ));
    accept_proposal(&db, &harness::fixtures::actor_of(&db, 101).await, proposal)
        .await
        .unwrap();
    assert_eq!(
        provider_proposals(&db, 101).await.unwrap()[0].status,
        ProposalStatus::Accepted
    );

    assert_eq!(
        approve_proposal(
            &db,
            &harness::fixtures::actor_of(&db, COORDINATOR).await,
            proposal,
            &notify()
        )
        .await
        .unwrap(),
        6
    );
    let view = request_view(&db, request).await.unwrap();
    assert_eq!(view.status, RequestStatus::Scheduled);
    let trail: Vec<_> = view.history.iter().map(|c| c.to.as_str()).collect();
    assert_eq!(trail, ["submitted", "proposed", "approved", "scheduled"]);
    let sessions = proposal_view(&db, proposal, Some(101))
        .await
        .unwrap()
        .sessions;
    assert!(
        sessions
            .iter()
            .all(|s| s.status == "confirmed" && s.sequence == 0)
    );
    // Accepting twice is an illegal transition with a readable message.
    let again = accept_proposal(&db, &harness::fixtures::actor_of(&db, 101).await, proposal)
        .await
        .unwrap_err();
    assert_eq!(
        again.to_string(),
        "Cannot accept a proposal that is accepted"
    );
}

async fn declining_releases_the_time_and_reopens_matching(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let occurrences = planned(&db, request, 101).await;
    let proposal = book_proposal(
        &db,
        request,
        101,
        &occurrences,
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();

    let missing_reason = decline_proposal(
        &db,
        &harness::fixtures::actor_of(&db, 101).await,
        proposal,
        "  ",
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(missing_reason, ServiceError::Invalid(_)));
    decline_proposal(
        &db,
        &harness::fixtures::actor_of(&db, 101).await,
        proposal,
        "On leave in March",
        &notify(),
    )
    .await
    .unwrap();

    let view = request_view(&db, request).await.unwrap();
    assert_eq!(view.status, RequestStatus::Matching);
    assert_eq!(view.history.last().unwrap().reason, "On leave in March");
    assert!(
        request_sessions(&db, request)
            .await
            .unwrap()
            .iter()
            .all(|s| s.status == "cancelled")
    );
    // The released time can be proposed again.
    book_proposal(
        &db,
        request,
        101,
        &occurrences,
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
}

async fn reschedule_and_cancel_keep_the_uid_and_raise_the_sequence(backend: Backend) {
    use chrono::Duration;
    use service::sessions::{cancel_rest_of_series, cancel_session, reschedule_session};
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let occurrences = planned(&db, request, 101).await;
    send_accept_approve(&db, request, 101, &occurrences).await;
    let sessions = request_sessions(&db, request).await.unwrap();

    let second = &sessions[1];
    let moved = reschedule_session(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        second.id,
        second.starts_at + Duration::days(1),
        second.ends_at + Duration::days(1),
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(moved.calendar_uid, second.calendar_uid);
    assert_eq!(moved.sequence, 1);
    assert_eq!(moved.status, "confirmed");

    // Onto the third session's time: refused, and nothing changed.
    let third = &sessions[2];
    let clash = reschedule_session(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        second.id,
        third.starts_at,
        third.ends_at,
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(clash, ServiceError::Conflict(ref m) if m.contains(&format!("session #{}", third.id))),
        "{clash:?}"
    );

    let last = sessions.last().unwrap();
    let cancelled = cancel_session(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        last.id,
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(
        (cancelled.status.as_str(), cancelled.sequence),
        ("cancelled", 1)
    );
    let again = cancel_session(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        last.id,
        &notify(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        again.to_string(),
        "Cannot cancel a session that is cancelled"
    );

    let rest = cancel_rest_of_series(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        harness::fixtures::session_at(&db, request, 4).await,
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(
        rest.len(),
        2,
        "occurrences 4 and 5 (6 was already cancelled)"
    );
    assert!(rest.iter().all(|s| s.status == "cancelled"));
}

on_both_backends!(
    send_accept_approve_confirms_every_session,
    declining_releases_the_time_and_reopens_matching,
    reschedule_and_cancel_keep_the_uid_and_raise_the_sequence
);
