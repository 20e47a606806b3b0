//! What waits for the coordinator is visible and told, on both databases: a provider's
//! acceptance shows in the queue as "Accepted — ready to approve" with its count and e-mails each
//! coordinator who chose immediate notices once, while one who chose the daily digest hears of
//! it in one digest a day (from 07:00 on their own clock, only when something waits); a decline
//! and a site's change request likewise.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;

use chrono::{Duration, TimeZone as _, Utc};
use contract::views::home::{Delivery, WaitingOn};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use service::Database;
use service::change_requests::{ChangeKind, NewChangeRequest, ask_for_change};
use service::entities::email_outbox;
use service::mail::digest::enqueue_digests;
use service::proposals::{
    ProposedOccurrence, accept_proposal_notifying, approve_proposal, book_proposal,
    decline_proposal,
};
use service::requests::store_request;
use service::views::coordinator::{QueueQuery, queue_page};

/// A second coordinator, who chooses the daily digest.
const DIGEST_READER: i32 = 120;
const CONTACT: i32 = 110;

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
    rows.iter().map(|r| r.recipient.clone()).collect()
}

/// Two sessions of `request` in May 2027 (clear of the Memphis series).
fn may_sessions() -> Vec<ProposedOccurrence> {
    let first = Utc.with_ymd_and_hms(2027, 5, 4, 15, 0, 0).unwrap();
    [first, first + Duration::days(7)]
        .into_iter()
        .enumerate()
        .map(|(i, start)| ProposedOccurrence {
            occurrence: i32::try_from(i + 1).unwrap(),
            starts_at: start,
            ends_at: start + Duration::minutes(90),
        })
        .collect()
}

/// The shared fixtures and a second coordinator who chose the daily digest.
async fn setup(backend: Backend) -> Option<(harness::TestDatabase, Database)> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    add_user(
        &database.url,
        DIGEST_READER,
        "Dee Digest",
        "America/Los_Angeles",
        "coordinator",
    )
    .await;
    let reader = actor_of(&db, DIGEST_READER).await;
    assert_eq!(
        service::notify::set_notice_delivery(&db, &reader, "daily")
            .await
            .unwrap(),
        Delivery::Daily
    );
    assert_eq!(
        service::notify::delivery_of(db.conn(), DIGEST_READER)
            .await
            .unwrap(),
        Delivery::Daily
    );
    assert!(matches!(
        service::notify::set_notice_delivery(&db, &reader, "weekly").await,
        Err(service::ServiceError::InvalidFields(ref e)) if e.message_for("delivery").is_some()
    ));
    assert!(matches!(
        service::notify::set_notice_delivery(&db, &actor_of(&db, 101).await, "daily").await,
        Err(service::ServiceError::Forbidden(_))
    ));
    Some((database, db))
}

async fn waiting_counts(db: &Database) -> Vec<(WaitingOn, u64)> {
    let coordinator = actor_of(db, COORDINATOR).await;
    queue_page(db, &coordinator, &QueueQuery::default(), Utc::now())
        .await
        .unwrap()
        .waiting
        .into_iter()
        .map(|w| (w.waiting_on, w.count))
        .collect()
}

async fn row_waiting_on(db: &Database, request: i32) -> Option<WaitingOn> {
    let coordinator = actor_of(db, COORDINATOR).await;
    queue_page(db, &coordinator, &QueueQuery::default(), Utc::now())
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.id == request)
        .expect("the request is in the queue")
        .waiting_on
}

async fn an_acceptance_waits_in_the_queue_and_is_told_once(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let proposal = book_proposal(
        &db,
        request,
        101,
        &may_sessions(),
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(row_waiting_on(&db, request).await, None);
    accept_proposal_notifying(&db, &actor_of(&db, 101).await, proposal, &notify())
        .await
        .unwrap();

    // The queue says what waits, with counts.
    assert_eq!(
        row_waiting_on(&db, request).await,
        Some(WaitingOn::Accepted)
    );
    assert_eq!(
        waiting_counts(&db).await,
        vec![
            (WaitingOn::Accepted, 1),
            (WaitingOn::Declined, 0),
            (WaitingOn::ChangeAsked, 0)
        ]
    );
    assert_eq!(WaitingOn::Accepted.label(), "Accepted — ready to approve");

    // One e-mail to the coordinator who wants them immediately, none to the digest reader.
    let accepted = outbox(&db, "proposal_accepted").await;
    assert_eq!(
        recipients(&accepted),
        vec![format!("p{COORDINATOR}@example.org")]
    );
    assert!(accepted[0].subject.contains("Ready to approve"));
    assert!(accepted[0].body_text.contains(&format!(
        "https://tta.example.gov/coordinator/requests/{request}"
    )));

    // The digest: not before 07:00 on the reader's clock (Los Angeles), then once that day.
    let early = Utc.with_ymd_and_hms(2027, 1, 5, 14, 0, 0).unwrap(); // 06:00 PST
    assert_eq!(
        enqueue_digests(&db, early, "https://tta.example.gov")
            .await
            .unwrap(),
        0
    );
    let morning = Utc.with_ymd_and_hms(2027, 1, 5, 16, 0, 0).unwrap(); // 08:00 PST
    assert_eq!(
        enqueue_digests(&db, morning, "https://tta.example.gov")
            .await
            .unwrap(),
        1
    );
    let evening = Utc.with_ymd_and_hms(2027, 1, 6, 6, 0, 0).unwrap(); // 22:00 PST, same day
    assert_eq!(
        enqueue_digests(&db, evening, "https://tta.example.gov")
            .await
            .unwrap(),
        0
    );
    let digests = outbox(&db, "coordinator_digest").await;
    assert_eq!(
        recipients(&digests),
        vec![format!("p{DIGEST_READER}@example.org")]
    );
    assert!(digests[0].body_text.contains("Accepted — ready to approve"));
    assert!(digests[0].subject.contains("1 item"));
    // The worker's time-driven pass sends the next day's digest.
    let next_day = morning + Duration::days(1);
    let settings = service::mail::ReminderSettings {
        lead: std::time::Duration::from_secs(86_400),
        feedback_window: std::time::Duration::from_secs(7 * 86_400),
        contact: service::mail::messages::Contact {
            name: "Casey".into(),
            email: "casey@example.org".into(),
        },
        organizer: service::mail::messages::Contact {
            name: "TTA".into(),
            email: "tta@example.org".into(),
        },
        app_url: "https://tta.example.gov".into(),
    };
    assert_eq!(
        service::mail::reminders::enqueue_due(&db, next_day, &settings)
            .await
            .unwrap(),
        1
    );

    // Approved: nothing waits, so no digest the day after.
    approve_proposal(&db, &actor_of(&db, COORDINATOR).await, proposal, &notify())
        .await
        .unwrap();
    assert_eq!(waiting_counts(&db).await[0], (WaitingOn::Accepted, 0));
    let later = morning + Duration::days(2);
    assert_eq!(
        enqueue_digests(&db, later, "https://tta.example.gov")
            .await
            .unwrap(),
        0
    );
    assert_eq!(outbox(&db, "coordinator_digest").await.len(), 2);
    assert_eq!(outbox(&db, "proposal_accepted").await.len(), 1);
}

async fn declines_and_change_asks_wait_and_are_told(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    add_site_contact(&database.url, CONTACT, "Sam Site", MEMPHIS).await;
    // A confirmed request: the site asks to move a session.
    let (confirmed, sessions) = confirmed_memphis_series_without_providers(&db).await;
    let ask = NewChangeRequest {
        session_id: sessions[1],
        kind: ChangeKind::Reschedule,
        reason: "Training day",
        wanted: "The Thursday after",
    };
    let now = Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap();
    ask_for_change(&db, &actor_of(&db, CONTACT).await, &ask, now, &notify())
        .await
        .unwrap();
    let asked = outbox(&db, "change_asked").await;
    assert_eq!(
        recipients(&asked),
        vec![format!("p{COORDINATOR}@example.org")]
    );
    assert!(asked[0].body_text.contains("The Thursday after"));
    assert!(asked[0].body_text.contains("Sam Site"));
    assert!(
        asked[0]
            .body_text
            .contains(&format!("/coordinator/requests/{confirmed}"))
    );

    // Another request: the provider declines.
    let declined = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let proposal = book_proposal(
        &db,
        declined,
        101,
        &may_sessions(),
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    decline_proposal(
        &db,
        &actor_of(&db, 101).await,
        proposal,
        "Away in May",
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(
        recipients(&outbox(&db, "proposal_declined").await),
        vec![format!("p{COORDINATOR}@example.org")]
    );
    assert_eq!(
        row_waiting_on(&db, declined).await,
        Some(WaitingOn::Declined)
    );
    assert_eq!(
        waiting_counts(&db).await,
        vec![
            (WaitingOn::Accepted, 0),
            (WaitingOn::Declined, 1),
            (WaitingOn::ChangeAsked, 1)
        ]
    );
    // Proposed again: the decline no longer waits.
    book_proposal(
        &db,
        declined,
        101,
        &may_sessions(),
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(row_waiting_on(&db, declined).await, None);

    // The digest reader hears of the change ask in their digest.
    let morning = Utc.with_ymd_and_hms(2027, 1, 11, 16, 0, 0).unwrap();
    assert_eq!(
        enqueue_digests(&db, morning, "https://tta.example.gov")
            .await
            .unwrap(),
        1
    );
    let digest = &outbox(&db, "coordinator_digest").await[0];
    assert!(digest.body_text.contains("Change asked"));
    assert!(
        !digest
            .body_text
            .contains("Declined — find another provider")
    );
}

/// Memphis's series confirmed with the Phoenix provider, the providers already added.
async fn confirmed_memphis_series_without_providers(db: &Database) -> (i32, Vec<i32>) {
    let request = store_request(db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let occurrences = planned_occurrences(db, request, 101).await;
    send_accept_approve(db, request, 101, &occurrences).await;
    let sessions = service::proposals::request_sessions(db, request)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    (request, sessions)
}

on_both_backends!(
    an_acceptance_waits_in_the_queue_and_is_told_once,
    declines_and_change_asks_wait_and_are_told
);

/// The recipients of the outbox's messages of `event`, through the app's own database.
async fn queued_to(app: &harness::TestApp, event: &str) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let raw = sea_orm::Database::connect(app.config.database_url.as_str())
        .await
        .unwrap();
    raw.query_all_raw(Statement::from_string(
        raw.get_database_backend(),
        format!("SELECT recipient FROM email_outbox WHERE event = '{event}' ORDER BY id"),
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|row| row.try_get_by_index::<String>(0).unwrap())
    .collect()
}

async fn an_acceptance_through_http_shows_on_the_queue_page_and_home(app: &harness::TestApp) {
    use crate::accounts_support::{call_with_cookie, demo_login};
    app.seed_demo().await;
    let priya = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let cards = call_with_cookie(app, "proposals/mine", &priya, &[])
        .await
        .json::<Vec<serde_json::Value>>()
        .await
        .unwrap();
    let card = cards
        .iter()
        .find(|c| c["status"] == "sent")
        .expect("the demo has a proposal to answer");
    let (id, title) = (card["id"].to_string(), card["title"].as_str().unwrap());
    let accepted = call_with_cookie(app, "proposals/accept", &priya, &[("id", id.as_str())]).await;
    assert_eq!(accepted.status(), 200);
    assert!(
        queued_to(app, "proposal_accepted")
            .await
            .contains(&"coordinator@tta.example.gov".to_owned())
    );

    let casey = demo_login(app, "coordinator@tta.example.gov").await;
    let page = app
        .client
        .get(app.url("/coordinator"))
        .header("Cookie", &casey)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let row = page
        .split("<tr data-request-id=")
        .find(|row| row.contains(title))
        .expect("the accepted request is in the queue");
    let row = row.split("</tr>").next().unwrap();
    assert!(row.contains("Accepted — ready to approve"), "{row}");
    assert!(page.contains("Waiting for you"));

    let home = call_with_cookie(app, "home/overview", &casey, &[])
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert!(
        home["needs_action"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "Accepted — ready to approve" && i["title"] == title),
        "{home}"
    );
    assert_eq!(home["delivery"], "Immediate");
    let saved = call_with_cookie(
        app,
        "home/notice-delivery",
        &casey,
        &[("delivery", "daily")],
    )
    .await;
    assert_eq!(saved.status(), 200);
    let home = call_with_cookie(app, "home/overview", &casey, &[])
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(home["delivery"], "Daily");
    let refused = call_with_cookie(
        app,
        "home/notice-delivery",
        &casey,
        &[("delivery", "hourly")],
    )
    .await;
    assert_eq!(refused.status(), 400);
}

mod http {
    use super::an_acceptance_through_http_shows_on_the_queue_page_and_home;
    on_both_databases!(an_acceptance_through_http_shows_on_the_queue_page_and_home);
}
