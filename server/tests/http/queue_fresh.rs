//! The coordinator's queue keeps what every view shows whatever its filters (the status counts,
//! the filters' choices, what waits for the coordinators, the open asks) between views under the
//! database's queue generation (issue 19; `service::views::coordinator::queue_cache`). Every kind
//! of write those depend on — a new request, a status change, a proposal accepted and declined,
//! a change asked and answered, a site renamed, a topic renamed, an account's change — made
//! through another handle on the same database (as another instance or the CLI would), shows in
//! the very next view of the running application, on SQLite and PostgreSQL. Each view is
//! compared with the page computed afresh (a new handle with nothing kept) and with the view
//! before the change, which must differ.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use sea_orm::ConnectionTrait;
use serde_json::Value;
use service::accounts::SessionPolicy;
use service::accounts::login_sessions::start_login_session;
use service::change_requests::{
    ChangeAnswer, ChangeKind, NewChangeRequest, answer_change_request, create_change_request,
};
use service::proposals::{
    accept_proposal_notifying, approve_proposal, book_proposal, decline_proposal,
};
use service::requests::store_request;
use service::views::coordinator::{QueueQuery, queue_page};

use crate::accounts_support::call_with_cookie;
use crate::harness::TestApp;
use crate::harness::fixtures::*;

on_both_databases!(every_write_the_kept_queue_reads_shows_in_the_next_view);

/// The view without its ages ("3 days"), which move with the clock between two readings.
fn without_ages(mut view: Value) -> Value {
    for list in ["rows", "changes"] {
        for item in view[list].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("waiting");
        }
    }
    view
}

struct Reader<'a> {
    app: &'a TestApp,
    cookie: String,
}

impl Reader<'_> {
    /// The running application's queue (every waiting request, no filter), checked against
    /// the page computed afresh from the stored data.
    async fn view(&self) -> Value {
        let response = call_with_cookie(
            self.app,
            "coordinator/queue",
            &self.cookie,
            crate::harness::UNFILTERED_QUEUE,
        )
        .await;
        assert_eq!(response.status(), 200);
        let shown = without_ages(response.json::<Value>().await.unwrap());
        // A new handle keeps nothing: its page is read from the database.
        let fresh = server::startup::open_database(&self.app.config)
            .await
            .unwrap();
        let computed = queue_page(
            &fresh,
            &actor_of(&fresh, COORDINATOR).await,
            &QueueQuery::default(),
            Utc::now(),
        )
        .await
        .unwrap();
        let computed = without_ages(serde_json::to_value(computed).unwrap());
        assert_eq!(shown, computed, "the queue shown is the stored data's");
        shown
    }

    /// The next view after `what`: the stored data's, and not the view before.
    async fn after(&self, what: &str, before: &Value) -> Value {
        let now = self.view().await;
        assert_ne!(&now, before, "{what} shows in the next view");
        assert_eq!(self.view().await, now, "viewed again after {what}");
        now
    }
}

async fn every_write_the_kept_queue_reads_shows_in_the_next_view(app: &TestApp) {
    // Another handle on the same database: its writes reach the running application only
    // through the database.
    let db = server::startup::open_database(&app.config).await.unwrap();
    let url = app.config.database_url.as_str().to_owned();
    demo::seed_reference_data(&db).await.unwrap();
    three_providers(&url, &db).await;
    add_site_contact(&url, 200, "Morgan Memphis", MEMPHIS).await;
    let session = start_login_session(&db, COORDINATOR, None, &SessionPolicy::default())
        .await
        .unwrap();
    let reader = Reader {
        app,
        cookie: format!("tta_session={}", session.token.expose()),
    };
    let coordinator = actor_of(&db, COORDINATOR).await;
    let empty = reader.view().await;
    assert_eq!(empty, reader.view().await, "kept, unchanged");

    // A new request.
    let first = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let submitted = reader.after("a new request", &empty).await;
    assert_eq!(submitted["rows"][0]["id"], first);

    // A status change: proposed to a provider.
    let accepted = book_proposal(
        &db,
        first,
        101,
        &may_sessions(0),
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    let proposed = reader.after("a proposal sent", &submitted).await;
    assert_eq!(proposed["rows"][0]["status"], "proposed");

    // The provider accepts: it waits for the coordinator.
    accept_proposal_notifying(&db, &actor_of(&db, 101).await, accepted, &notify())
        .await
        .unwrap();
    let waiting = reader.after("a proposal accepted", &proposed).await;
    assert_eq!(waiting["rows"][0]["waiting_on"], "Accepted");

    // Another request, proposed and declined.
    let second = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let two = reader.after("a second request", &waiting).await;
    let declined = book_proposal(
        &db,
        second,
        102,
        &may_sessions(2),
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    let sent = reader.after("a second proposal sent", &two).await;
    decline_proposal(&db, &actor_of(&db, 102).await, declined, "Away", &notify())
        .await
        .unwrap();
    let refused = reader.after("a proposal declined", &sent).await;
    let waiting_on = |view: &Value, id: i32| {
        view["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["waiting_on"].clone())
    };
    assert_eq!(waiting_on(&refused, second), Some(Value::from("Declined")));

    // The coordinator approves the first: scheduled, it leaves the waiting queue.
    approve_proposal(&db, &coordinator, accepted, &notify())
        .await
        .unwrap();
    let approved = reader.after("a proposal approved", &refused).await;
    assert_eq!(waiting_on(&approved, first), None);

    // The site asks to move one of its sessions, then the coordinator declines the ask.
    let ask = create_change_request(
        &db,
        &actor_of(&db, 200).await,
        &NewChangeRequest {
            session_id: session_at(&db, first, 1).await,
            kind: ChangeKind::Reschedule,
            reason: "Training day",
            wanted: "The Thursday after",
        },
        Utc::now(),
    )
    .await
    .unwrap();
    let asked = reader.after("a change asked", &approved).await;
    assert_eq!(asked["changes"][0]["id"], ask);
    answer_change_request(
        &db,
        &coordinator,
        ask,
        ChangeAnswer::Decline,
        "The provider cannot that week.",
        &notify(),
        Utc::now(),
    )
    .await
    .unwrap();
    let answered = reader.after("a change answered", &asked).await;
    assert_eq!(answered["changes"], Value::Array(Vec::new()));

    // A site renamed, a topic renamed, the coordinator's time zone changed: plain writes.
    db.conn()
        .execute_unprepared(&format!(
            "UPDATE site SET name = 'Memphis Metro' WHERE id = {MEMPHIS}"
        ))
        .await
        .unwrap();
    let renamed = reader.after("a site renamed", &answered).await;
    assert_eq!(waiting_on(&renamed, second), Some(Value::from("Declined")));
    assert!(renamed.to_string().contains("Memphis Metro"), "{renamed}");
    db.conn()
        .execute_unprepared(&format!(
            "UPDATE topic SET name = 'Community violence' WHERE id = {GUN_VIOLENCE}"
        ))
        .await
        .unwrap();
    let topic = reader.after("a topic renamed", &renamed).await;
    assert!(topic.to_string().contains("Community violence"), "{topic}");
    db.conn()
        .execute_unprepared(&format!(
            "UPDATE app_user SET time_zone = 'Pacific/Honolulu' WHERE id = {COORDINATOR}"
        ))
        .await
        .unwrap();
    reader
        .after("the coordinator's time zone changed", &topic)
        .await;
}
