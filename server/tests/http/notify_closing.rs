//! The e-mails a coordinator's take-backs owe, queued in the same transaction as the change, on
//! both databases: a withdrawn proposal tells the provider; a request returned to the site or
//! rejected tells the site's contacts (not another site's) with the reason; returning a proposed
//! request withdraws the proposal too; the same event never twice; a refused change queues nothing
//! and a change whose e-mail cannot be built is rolled back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{TimeZone as _, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use service::entities::email_outbox;
use service::notify::{self, Closing};
use service::proposals::{ProposedOccurrence, book_proposal, request_sessions, withdraw_proposal};
use service::requests::{close_request, request_view, store_request};
use service::status::RequestStatus;
use service::{Database, ServiceError};

const SITE_CONTACT: i32 = 110;
const OTHER_CONTACT: i32 = 111;
const ELSEWHERE: i32 = 112;
const PROVIDER: i32 = 101;

fn email(id: i32) -> String {
    format!("p{id}@example.org")
}

async fn setup(backend: Backend) -> Option<(harness::TestDatabase, Database)> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    for (id, name, site) in [
        (SITE_CONTACT, "Sam Site", MEMPHIS),
        (OTHER_CONTACT, "Olu Other", MEMPHIS),
        (ELSEWHERE, "Eve Elsewhere", 1),
    ] {
        add_user(&database.url, id, name, "America/Chicago", "site_contact").await;
        let raw = raw(&database).await;
        raw.execute_unprepared(&format!(
            "INSERT INTO site_contact (site_id, user_id) VALUES ({site}, {id})"
        ))
        .await
        .unwrap();
        raw.close().await.unwrap();
    }
    Some((database, db))
}

async fn raw(database: &harness::TestDatabase) -> sea_orm::DatabaseConnection {
    SeaDatabase::connect(database.url.as_str()).await.unwrap()
}

async fn outbox(db: &Database, event: &str) -> Vec<email_outbox::Model> {
    let mut rows: Vec<_> = service::mail::list_recent(db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.event == event)
        .collect();
    rows.sort_by_key(|row| row.id);
    rows
}

fn recipients(rows: &[email_outbox::Model]) -> Vec<String> {
    let mut list: Vec<String> = rows.iter().map(|r| r.recipient.clone()).collect();
    list.sort();
    list
}

async fn submitted(db: &Database) -> i32 {
    store_request(
        db,
        MEMPHIS,
        Some(SITE_CONTACT),
        &memphis_request(),
        &notify(),
    )
    .await
    .unwrap()
}

/// A submitted request proposed to Phoenix; returns (request, proposal).
async fn proposed(db: &Database) -> (i32, i32) {
    let request = submitted(db).await;
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
    let (plan, _, _) = service::engine::plan_series(db, request, PROVIDER, now)
        .await
        .unwrap();
    let occurrences: Vec<ProposedOccurrence> = plan
        .occurrences
        .iter()
        .filter_map(|o| {
            o.slot().map(|slot| ProposedOccurrence {
                occurrence: i32::try_from(o.index).unwrap(),
                starts_at: slot.start(),
                ends_at: slot.end(),
            })
        })
        .collect();
    let proposal = book_proposal(
        db,
        request,
        PROVIDER,
        &occurrences,
        0.8,
        "{}".into(),
        Some(COORDINATOR),
        &notify(),
    )
    .await
    .unwrap();
    (request, proposal)
}

async fn status(db: &Database, request: i32) -> RequestStatus {
    request_view(db, request).await.unwrap().status
}

async fn a_withdrawal_tells_the_provider_why(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    let (request, proposal) = proposed(&db).await;
    withdraw_proposal(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        proposal,
        "The site postponed",
        &notify(),
    )
    .await
    .unwrap();
    let rows = outbox(&db, "proposal_withdrawn").await;
    assert_eq!(recipients(&rows), [email(PROVIDER)]);
    let text = &rows[0].body_text;
    assert!(text.contains("Reason: The site postponed"), "{text}");
    assert!(
        text.contains("The tentative sessions are released"),
        "{text}"
    );
    assert!(
        text.contains("https://tta.example.gov/provider/proposals"),
        "{text}"
    );
    assert!(rows[0].body_html.contains("The site postponed"));
    assert!(
        rows[0]
            .subject
            .starts_with("Withdrawn: Gun violence coaching")
    );
    assert!(rows[0].calendar.is_none());
    assert_eq!(status(&db, request).await, RequestStatus::Matching);
    let sessions = request_sessions(&db, request).await.unwrap();
    assert!(sessions.iter().all(|s| s.status == "cancelled"));
    // Withdrawing again is refused and queues nothing; notifying again writes nothing.
    let again = withdraw_proposal(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        proposal,
        "x",
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(again, ServiceError::Conflict(_)), "{again:?}");
    assert_eq!(
        notify::proposal_withdrawn(&raw(&database).await, &notify(), proposal, "x")
            .await
            .unwrap(),
        0
    );
    assert_eq!(outbox(&db, "proposal_withdrawn").await.len(), 1);
}

async fn returning_tells_the_site_contacts_with_the_reason(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    let request = submitted(&db).await;
    let refused = close_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        request,
        Closing::Returned,
        "  ",
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(refused, ServiceError::Invalid(_)), "{refused:?}");
    assert!(outbox(&db, "request_returned").await.is_empty());

    close_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        request,
        Closing::Returned,
        "Add the dates your chiefs can attend",
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(status(&db, request).await, RequestStatus::Returned);
    let rows = outbox(&db, "request_returned").await;
    assert_eq!(
        recipients(&rows),
        [email(SITE_CONTACT), email(OTHER_CONTACT)]
    );
    for row in &rows {
        assert!(
            row.subject
                .starts_with("Returned for changes: Gun violence coaching")
        );
        assert!(
            row.body_text
                .contains("Reason: Add the dates your chiefs can attend")
        );
        assert!(
            row.body_text
                .contains(&format!("https://tta.example.gov/requests/{request}"))
        );
        assert!(
            row.body_html
                .contains("Add the dates your chiefs can attend")
        );
    }
    assert_eq!(
        notify::request_closed(&raw(&database).await, &notify(), request, Closing::Returned)
            .await
            .unwrap(),
        0,
        "the same return is not told twice"
    );
    // Returned again after resubmission: a new event, told again.
    service::requests::transition(
        &db,
        request,
        service::status::RequestTransition::Resubmit,
        Some(SITE_CONTACT),
        "",
    )
    .await
    .unwrap();
    close_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        request,
        Closing::Returned,
        "Still vague",
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(outbox(&db, "request_returned").await.len(), 4);
}

async fn returning_a_proposed_request_withdraws_its_proposal(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let (request, _proposal) = proposed(&db).await;
    close_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        request,
        Closing::Returned,
        "Needs a different modality",
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(status(&db, request).await, RequestStatus::Returned);
    let sessions = request_sessions(&db, request).await.unwrap();
    assert!(
        sessions.iter().all(|s| s.status == "cancelled"),
        "Phoenix's time is released"
    );
    let withdrawn = outbox(&db, "proposal_withdrawn").await;
    assert_eq!(recipients(&withdrawn), [email(PROVIDER)]);
    assert!(
        withdrawn[0]
            .body_text
            .contains("Reason: Needs a different modality")
    );
    assert_eq!(outbox(&db, "request_returned").await.len(), 2);
}

async fn rejecting_tells_the_site_contacts_with_the_reason(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let request = submitted(&db).await;
    close_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        request,
        Closing::Rejected,
        "Outside the programme's scope",
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(status(&db, request).await, RequestStatus::Rejected);
    let rows = outbox(&db, "request_rejected").await;
    assert_eq!(
        recipients(&rows),
        [email(SITE_CONTACT), email(OTHER_CONTACT)]
    );
    assert!(
        rows[0]
            .subject
            .starts_with("Not accepted: Gun violence coaching")
    );
    assert!(
        rows[0]
            .body_text
            .contains("Reason: Outside the programme's scope")
    );
    // A rejected request cannot be rejected again: refused, nothing more queued.
    let again = close_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        request,
        Closing::Rejected,
        "x",
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(again, ServiceError::Conflict(_)), "{again:?}");
    assert_eq!(outbox(&db, "request_rejected").await.len(), 2);
    // Rejecting a proposed request is refused (withdraw the proposal first).
    let (proposed_request, _) = proposed(&db).await;
    let refused = close_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        proposed_request,
        Closing::Rejected,
        "x",
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(refused, ServiceError::Conflict(_)), "{refused:?}");
    assert_eq!(status(&db, proposed_request).await, RequestStatus::Proposed);
}

async fn a_return_whose_e_mail_cannot_be_built_is_rolled_back(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    let (request, _proposal) = proposed(&db).await;
    raw(&database)
        .await
        .execute_unprepared(&format!(
            "UPDATE app_user SET time_zone = 'Mars/Olympus_Mons' WHERE id = {OTHER_CONTACT}"
        ))
        .await
        .unwrap();
    let error = close_request(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        request,
        Closing::Returned,
        "x",
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, ServiceError::Internal(_)), "{error:?}");
    assert_eq!(status(&db, request).await, RequestStatus::Proposed);
    assert!(outbox(&db, "request_returned").await.is_empty());
    assert!(outbox(&db, "proposal_withdrawn").await.is_empty());
    let sessions = request_sessions(&db, request).await.unwrap();
    assert!(
        sessions.iter().all(|s| s.status == "tentative"),
        "not released"
    );
}

on_both_backends!(
    a_withdrawal_tells_the_provider_why,
    returning_tells_the_site_contacts_with_the_reason,
    returning_a_proposed_request_withdraws_its_proposal,
    rejecting_tells_the_site_contacts_with_the_reason,
    a_return_whose_e_mail_cannot_be_built_is_rolled_back,
);
