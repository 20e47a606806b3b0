//! The same change asked many times at once, on SQLite and PostgreSQL: exactly one applies, every
//! other caller gets a 409 with a reason (never a 500, never "database is locked"), and the
//! e-mails and calendar invites of the change are queued once.
//!
//! Regression tests for the probe of issue 15: 20 parallel identical moves applied three times
//! (SEQUENCE 0 → 3, three pairs of invites), and 40 parallel accepts or approvals of one proposal
//! answered with 500 "database is locked" on SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use std::sync::Arc;

use accounts_support::{call_with_cookie, demo_login, error_text};
use chrono::{DateTime, TimeZone as _, Utc};
use harness::fixtures::*;
use harness::{Backend, TestApp, seeded_service_database, spawn_app};
use serde_json::Value;
use service::ServiceError;
use service::change_requests::{ChangeKind, NewChangeRequest, create_change_request};
use service::entities::email_outbox;
use service::proposals::request_sessions;
use service::sessions::{MoveScope, SessionMove, cancel_rest_of_series, move_sessions};
use service::zone::TimeZone;

const CALLERS: usize = 20;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

async fn mails(db: &service::Database, event: &str) -> Vec<email_outbox::Model> {
    service::mail::list_recent(db, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.event == event)
        .collect()
}

/// Counts outcomes: successes, conflicts (409) with their messages, anything else.
fn tally<T>(outcomes: Vec<Result<T, ServiceError>>) -> (usize, Vec<String>, Vec<String>) {
    let mut ok = 0;
    let mut conflicts = Vec::new();
    let mut other = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(_) => ok += 1,
            Err(ServiceError::Conflict(message)) => conflicts.push(message),
            Err(error) => other.push(format!("{error:?}")),
        }
    }
    (ok, conflicts, other)
}

async fn an_identical_move_asked_twenty_times_at_once_applies_once(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, before) = confirmed_memphis_series(&database, &db).await;
    let second = before[1].clone();
    let central = TimeZone::parse("America/Chicago").unwrap();
    let to = (central.local(second.starts_at).date() + chrono::Duration::days(1))
        .and_time(central.local(second.starts_at).time());
    let invites_before = mails(&db, "session_rescheduled").await.len();

    let asked = SessionMove {
        session_id: second.id,
        scope: MoveScope::One,
        to,
    };
    let staff = actor_of(&db, COORDINATOR).await;
    let db = Arc::new(db);
    let (ok, conflicts, other) = tally(
        futures_join_all((0..CALLERS).map(|_| {
            let (db, staff) = (Arc::clone(&db), staff.clone());
            async move { move_sessions(&db, &staff, asked, &notify(), now()).await }
        }))
        .await,
    );
    assert_eq!(
        ok, 1,
        "exactly one move applies; others: {conflicts:?} {other:?}"
    );
    assert_eq!(conflicts.len(), CALLERS - 1, "the rest are 409s: {other:?}");
    assert!(
        conflicts
            .iter()
            .all(|m| m.contains("already is") || m.contains("changed by someone else")),
        "each refusal says why: {conflicts:?}"
    );

    let after = request_sessions(&db, request).await.unwrap();
    assert_eq!(
        after[1].sequence,
        second.sequence + 1,
        "SEQUENCE raised once"
    );
    assert_eq!(central.local(after[1].starts_at), to);
    // Its updated invites went out once: every queued message for this session carries the one
    // new SEQUENCE (the defect queued a pair per applied move, with sequences 1, 2 and 3).
    let invites = sequences_announced(&db, "session_rescheduled", &second.calendar_uid).await;
    assert!(mails(&db, "session_rescheduled").await.len() > invites_before);
    assert_eq!(invites, vec![after[1].sequence], "one round of invites");
}

/// The distinct SEQUENCE numbers announced for the session `uid` by the invites attached to
/// `event` messages (one message may carry several sessions' invites, one UID each).
async fn sequences_announced(db: &service::Database, event: &str, uid: &str) -> Vec<i32> {
    let mut sequences: Vec<i32> = Vec::new();
    for m in mails(db, event).await {
        for (_, _, ics) in crate::mail_support::invites_of(db, m.id).await {
            let (_, events) = crate::mail_support::parse_ics(&ics);
            for event in events {
                if crate::mail_support::prop(&event, "UID") == uid {
                    sequences.push(
                        crate::mail_support::prop(&event, "SEQUENCE")
                            .parse()
                            .unwrap(),
                    );
                }
            }
        }
    }
    sequences.sort_unstable();
    sequences.dedup();
    sequences
}

async fn the_rest_of_a_series_cancelled_twenty_times_at_once_is_cancelled_once(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (request, before) = confirmed_memphis_series(&database, &db).await;
    let from = before[3].occurrence;
    let staff = actor_of(&db, COORDINATOR).await;
    let from_session = before[3].id;
    let db = Arc::new(db);
    let (ok, conflicts, other) = tally(
        futures_join_all((0..CALLERS).map(|_| {
            let (db, staff) = (Arc::clone(&db), staff.clone());
            async move { cancel_rest_of_series(&db, &staff, from_session, &notify()).await }
        }))
        .await,
    );
    assert_eq!(
        ok, 1,
        "exactly one cancellation applies: {conflicts:?} {other:?}"
    );
    assert_eq!(conflicts.len(), CALLERS - 1, "the rest are 409s: {other:?}");

    let after = request_sessions(&db, request).await.unwrap();
    for (old, new) in before.iter().zip(&after) {
        if old.occurrence >= from {
            assert_eq!(new.status, "cancelled");
            assert_eq!(new.sequence, old.sequence + 1, "SEQUENCE raised once");
        } else {
            assert_eq!(new.status, "confirmed");
        }
    }
    assert!(
        !mails(&db, "sessions_cancelled").await.is_empty(),
        "announced"
    );
    for (old, new) in before
        .iter()
        .zip(&after)
        .filter(|(o, _)| o.occurrence >= from)
    {
        let announced = sequences_announced(&db, "sessions_cancelled", &old.calendar_uid).await;
        assert!(
            announced.iter().all(|&n| n == new.sequence),
            "session {}: cancelled once ({announced:?})",
            old.occurrence
        );
    }
}

async fn the_same_change_asked_twenty_times_at_once_is_stored_once(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    let (_, sessions) = confirmed_memphis_series(&database, &db).await;
    add_site_contact(&database.url, 200, "Morgan Memphis", MEMPHIS).await;
    let session_id = sessions[4].id;
    let contact = actor_of(&db, 200).await;
    let db = Arc::new(db);
    let (ok, conflicts, other) = tally(
        futures_join_all((0..CALLERS).map(|_| {
            let (db, contact) = (Arc::clone(&db), contact.clone());
            async move {
                let ask = NewChangeRequest {
                    session_id,
                    kind: ChangeKind::CancelOne,
                    reason: "The academy needs the room",
                    wanted: "",
                };
                create_change_request(&db, &contact, &ask, now()).await
            }
        }))
        .await,
    );
    assert_eq!(ok, 1, "one ask stored: {conflicts:?} {other:?}");
    assert_eq!(conflicts.len(), CALLERS - 1, "the rest are 409s: {other:?}");
    assert!(
        conflicts.iter().all(|m| m.contains("already asked")),
        "{conflicts:?}"
    );
    let open = service::change_requests::open_change_requests(&db)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.session_id == session_id)
        .count();
    assert_eq!(open, 1, "one open ask for the session");
}

/// The demo proposal sent to the Phoenix provider.
async fn phoenix_proposal(app: &TestApp, provider: &str) -> String {
    let inbox: Value = call_with_cookie(app, "proposals/mine", provider, &[])
        .await
        .json()
        .await
        .unwrap();
    inbox
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "sent")
        .map(|c| c["id"].as_i64().unwrap().to_string())
        .expect("the demo proposal to the Phoenix provider")
}

/// Awaits every future concurrently (the requests are in flight together).
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.unwrap());
    }
    outputs
}

async fn forty_accepts_and_forty_approvals_at_once_give_one_200_and_409s(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let app = Arc::new(app);
    app.seed_demo().await;
    let provider = demo_login(&app, "provider.phoenix@tta.example.gov").await;
    let coordinator = demo_login(&app, "coordinator@tta.example.gov").await;
    let proposal = phoenix_proposal(&app, &provider).await;

    let (ok, conflict, other) =
        forty_at_once(&app, "proposals/accept", &provider, ("id", &proposal)).await;
    assert_eq!((ok, conflict), (1, 39), "accepts; other answers: {other:?}");

    let (ok, conflict, other) = forty_at_once(
        &app,
        "coordinator/approve",
        &coordinator,
        ("proposal_id", &proposal),
    )
    .await;
    assert_eq!(
        (ok, conflict),
        (1, 39),
        "approvals; other answers: {other:?}"
    );
}

/// Posts `field=value` to server function `endpoint` 40 times at once as `cookie`; counts the
/// 200s and 409s and keeps every other answer.
async fn forty_at_once(
    app: &Arc<TestApp>,
    endpoint: &'static str,
    cookie: &str,
    (field, value): (&'static str, &str),
) -> (usize, usize, Vec<String>) {
    let calls = (0..40).map(|_| {
        let (app, cookie, value) = (Arc::clone(app), cookie.to_owned(), value.to_owned());
        async move { call_with_cookie(&app, endpoint, &cookie, &[(field, &value)]).await }
    });
    count_answers(futures_join_all(calls).await).await
}

async fn count_answers(responses: Vec<reqwest::Response>) -> (usize, usize, Vec<String>) {
    let (mut ok, mut conflict, mut other) = (0, 0, Vec::new());
    for response in responses {
        match response.status().as_u16() {
            200 => ok += 1,
            409 => conflict += 1,
            status => other.push(format!("{status}: {}", error_text(response).await)),
        }
    }
    (ok, conflict, other)
}

on_both_backends!(
    an_identical_move_asked_twenty_times_at_once_applies_once,
    the_rest_of_a_series_cancelled_twenty_times_at_once_is_cancelled_once,
    forty_accepts_and_forty_approvals_at_once_give_one_200_and_409s,
    the_same_change_asked_twenty_times_at_once_is_stored_once,
);
