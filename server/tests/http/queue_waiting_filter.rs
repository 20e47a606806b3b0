//! The queue's "Waiting for you" counts filter it, on both databases: `waiting=accepted`,
//! `declined` and `change-asked` each keep exactly the requests the count counted (a request
//! whose sessions are scheduled included), combine with the other filters, and an unknown name
//! is refused (400) rather than ignored.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{TimeZone as _, Utc};
use contract::views::home::WaitingOn;
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use service::ServiceError;
use service::change_requests::{ChangeKind, NewChangeRequest, create_change_request};
use service::proposals::{accept_proposal_notifying, book_proposal, decline_proposal};
use service::requests::store_request;
use service::views::coordinator::{QueueQuery, queue_page};

async fn rows(db: &service::Database, query: QueueQuery) -> (Vec<i32>, Option<WaitingOn>) {
    let view = queue_page(db, &actor_of(db, COORDINATOR).await, &query, Utc::now())
        .await
        .unwrap();
    let mut ids: Vec<i32> = view.rows.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    (ids, view.waiting_filter)
}

fn waiting(kind: &str) -> QueueQuery {
    QueueQuery {
        waiting: kind.into(),
        ..QueueQuery::default()
    }
}

async fn the_waiting_counts_filter_the_queue(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    // A confirmed series the site asks to change.
    let (scheduled, sessions) = confirmed_memphis_series(&database, &db).await;
    add_site_contact(&database.url, 200, "Morgan Memphis", MEMPHIS).await;
    create_change_request(
        &db,
        &actor_of(&db, 200).await,
        &NewChangeRequest {
            session_id: sessions[2].id,
            kind: ChangeKind::Reschedule,
            reason: "Training day",
            wanted: "The Thursday after",
        },
        Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap(),
    )
    .await
    .unwrap();
    // Two requests a provider accepted, one declined, one untouched.
    let mut accepted = Vec::new();
    for week in [0, 2] {
        let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
            .await
            .unwrap();
        let proposal = book_proposal(
            &db,
            request,
            101,
            &may_sessions(week),
            0.8,
            "{}".into(),
            None,
            &notify(),
        )
        .await
        .unwrap();
        accept_proposal_notifying(&db, &actor_of(&db, 101).await, proposal, &notify())
            .await
            .unwrap();
        accepted.push(request);
    }
    let declined = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let proposal = book_proposal(
        &db,
        declined,
        101,
        &may_sessions(4),
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    decline_proposal(&db, &actor_of(&db, 101).await, proposal, "Away", &notify())
        .await
        .unwrap();
    let untouched = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();

    // The counts and the rows each link shows agree.
    let all = queue_page(
        &db,
        &actor_of(&db, COORDINATOR).await,
        &QueueQuery::default(),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(all.waiting_filter, None);
    let count = |kind| {
        all.waiting
            .iter()
            .find(|w| w.waiting_on == kind)
            .map(|w| w.count)
            .unwrap()
    };
    assert_eq!(
        (
            count(WaitingOn::Accepted),
            count(WaitingOn::Declined),
            count(WaitingOn::ChangeAsked)
        ),
        (2, 1, 1)
    );
    assert!(all.rows.iter().any(|r| r.id == untouched));
    assert_eq!(
        rows(&db, waiting("accepted")).await,
        (accepted.clone(), Some(WaitingOn::Accepted))
    );
    assert_eq!(
        rows(&db, waiting("declined")).await,
        (vec![declined], Some(WaitingOn::Declined))
    );
    // The scheduled request is not among the waiting statuses, yet its site's ask waits.
    assert_eq!(
        rows(&db, waiting("change-asked")).await,
        (vec![scheduled], Some(WaitingOn::ChangeAsked))
    );
    // With another filter: both apply.
    let matching_and_accepted = QueueQuery {
        status: "matching".into(),
        ..waiting("accepted")
    };
    assert_eq!(rows(&db, matching_and_accepted).await.0, Vec::<i32>::new());
    let proposed_and_accepted = QueueQuery {
        status: "proposed".into(),
        ..waiting("accepted")
    };
    assert_eq!(rows(&db, proposed_and_accepted).await.0, accepted);
    // An unknown name is refused.
    let refused = queue_page(
        &db,
        &actor_of(&db, COORDINATOR).await,
        &waiting("approved"),
        Utc::now(),
    )
    .await;
    assert!(
        matches!(&refused, Err(ServiceError::InvalidFields(e))
            if e.message_for("waiting") == Some("Unknown waiting filter.")),
        "{refused:?}"
    );
}

on_both_backends!(the_waiting_counts_filter_the_queue);
