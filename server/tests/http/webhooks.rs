//! Signed webhooks (issue 18) against a real receiver process on loopback
//! (`webhook_support/receiver.py`) that verifies every Standard Webhooks signature on its own,
//! with the application's own worker delivering (polling every 100 ms, retrying after 200 ms in
//! tests), on both databases: an approval delivers one signed `session.confirmed`; a failing
//! receiver is retried until it succeeds, each attempt logged; an endpoint that keeps failing is
//! disabled with a notice and an e-mail to the administrators, and resumes when enabled; a
//! replay sends the same `webhook-id`; a rolled-back change sends nothing; only administrators
//! see or manage webhooks; a bad URL is refused naming the field.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::Value;
use service::ServiceError;
use service::accounts::Role;

use crate::accounts_support::{call_with_cookie, count, create_user, logged_in, raw_db};
use crate::harness::fixtures::*;
use crate::harness::{Backend, TestApp, spawn_app_with};
use crate::webhook_support::Receiver;

const ADMIN_EMAIL: &str = "webhook-admin@example.org";

struct World {
    app: TestApp,
    db: service::Database,
    raw: DatabaseConnection,
    receiver: Receiver,
    admin: String,
}

/// The app (its webhook worker quick), the Memphis fixtures, a logged-in administrator and a
/// receiver; `None` when PostgreSQL or Python is missing outside CI.
async fn world(backend: Backend, disable_after: u32) -> Option<World> {
    let receiver = Receiver::start()?;
    let app = spawn_app_with(
        backend,
        &[
            ("TTA_WEBHOOK_POLL_MS", "100".to_owned()),
            ("TTA_TEST_WEBHOOK_RETRY_MS", "200".to_owned()),
            ("TTA_WEBHOOK_DISABLE_AFTER", disable_after.to_string()),
        ],
    )
    .await?;
    let db = server::startup::open_database(&app.config).await.unwrap();
    demo::seed_reference_data(&db).await.unwrap();
    three_providers(app.config.database_url.as_str(), &db).await;
    create_user(&app, ADMIN_EMAIL, Role::Admin).await;
    let admin = logged_in(&app, ADMIN_EMAIL).await;
    let raw = raw_db(&app).await;
    Some(World {
        app,
        db,
        raw,
        receiver,
        admin,
    })
}

impl World {
    /// Registers the receiver for `events`; tells the receiver the secret and to fail the first
    /// `fail_first` deliveries. Returns the registration's answer.
    async fn register(&self, events: &[&str], fail_first: u32) -> Value {
        let url = self.receiver.url("/hooks/tta");
        let mut form = vec![
            ("form[url]", url.as_str()),
            ("form[description]", "Grant system"),
        ];
        form.extend(events.iter().map(|event| ("form[events][]", *event)));
        let response =
            call_with_cookie(&self.app, "admin/webhooks/register", &self.admin, &form).await;
        assert_eq!(response.status(), 200);
        let answer: Value = response.json().await.unwrap();
        let secret = answer["secret"].as_str().unwrap();
        assert!(secret.starts_with("whsec_"), "{answer}");
        self.receiver.configure(secret, fail_first).await;
        answer
    }

    async fn page(&self) -> Value {
        let response = call_with_cookie(&self.app, "admin/webhooks", &self.admin, &[]).await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// A Memphis request sent to the Phoenix provider, accepted and approved: the proposal.
    async fn approved_proposal(&self) -> i32 {
        let request = service::requests::store_request(
            &self.db,
            MEMPHIS,
            None,
            &memphis_request(),
            &notify(),
        )
        .await
        .unwrap();
        let occurrences = planned_occurrences(&self.db, request, 101).await;
        send_accept_approve(&self.db, request, 101, &occurrences).await
    }

    /// Waits (polling, up to two minutes) until `sql` counts `expected`.
    async fn wait_count(&self, sql: &str, expected: i64) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let got = count(&self.raw, sql).await;
            if got == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{sql}: waited two minutes for {expected}, got {got}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn texts(&self, sql: &str) -> Vec<String> {
        self.raw
            .query_all_raw(Statement::from_string(
                self.raw.get_database_backend(),
                sql.to_owned(),
            ))
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.try_get_by_index::<String>(0).unwrap())
            .collect()
    }

    async fn numbers(&self, sql: &str) -> Vec<Option<i32>> {
        self.raw
            .query_all_raw(Statement::from_string(
                self.raw.get_database_backend(),
                sql.to_owned(),
            ))
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.try_get_by_index::<Option<i32>>(0).unwrap())
            .collect()
    }
}

async fn approval_delivers_one_signed_event(backend: Backend) {
    let Some(world) = world(backend, 10).await else {
        return;
    };
    world.register(&["session.confirmed"], 0).await;
    let proposal = world.approved_proposal().await;
    world
        .wait_count(
            "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered'",
            1,
        )
        .await;
    assert_eq!(
        count(&world.raw, "SELECT COUNT(*) FROM webhook_delivery").await,
        1,
        "one event for the approval (the request, proposal and acceptance were not chosen)"
    );
    let received = world.receiver.deliveries().await;
    assert_eq!(received.len(), 1, "{received:?}");
    let delivery = &received[0];
    assert_eq!(
        delivery["verified"], true,
        "the receiver verified the signature"
    );
    assert_eq!(delivery["answered"], 200);
    assert_eq!(delivery["path"], "/hooks/tta");
    assert_eq!(delivery["content_type"], "application/json");
    assert!(
        delivery["signature"].as_str().unwrap().starts_with("v1,"),
        "{delivery}"
    );
    let stored = world.texts("SELECT webhook_id FROM webhook_delivery").await;
    assert_eq!(delivery["webhook_id"], stored[0].as_str());
    let body = &delivery["body"];
    assert_eq!(body["type"], "session.confirmed");
    assert!(body["timestamp"].as_str().unwrap().ends_with('Z'));
    let data = &body["data"];
    assert_eq!(data["proposal_id"], proposal);
    assert_eq!(data["provider_id"], 101);
    assert_eq!(data["site_id"], MEMPHIS);
    assert_eq!(data["status"], "accepted");
    let sessions = data["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 6);
    for session in sessions {
        assert_eq!(session["status"], "confirmed");
        assert_eq!(session["time_zone"], "America/Chicago");
        assert!(session["starts_at"].as_str().unwrap().ends_with('Z'));
        assert!(session["session_id"].as_i64().unwrap() > 0);
    }
    let page = world.page().await;
    let shown = &page["endpoints"][0]["deliveries"][0];
    assert_eq!(shown["status"], "delivered");
    assert_eq!(shown["attempt_log"][0]["status_code"], "200");
    assert_eq!(shown["can_replay"], true);
}

async fn failure_then_retry_then_success(backend: Backend) {
    let Some(world) = world(backend, 10).await else {
        return;
    };
    world.register(&["session.confirmed"], 2).await;
    world.approved_proposal().await;
    world
        .wait_count(
            "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered'",
            1,
        )
        .await;
    let received = world.receiver.deliveries().await;
    let answered: Vec<i64> = received
        .iter()
        .map(|d| d["answered"].as_i64().unwrap())
        .collect();
    assert_eq!(answered, [500, 500, 200], "{received:?}");
    assert!(received.iter().all(|d| d["verified"] == true));
    assert!(
        received
            .iter()
            .all(|d| d["webhook_id"] == received[0]["webhook_id"]),
        "every attempt carries the same webhook-id"
    );
    assert_eq!(
        world
            .texts("SELECT outcome FROM webhook_attempt ORDER BY id")
            .await,
        ["retry", "retry", "delivered"]
    );
    assert_eq!(
        world
            .numbers("SELECT status_code FROM webhook_attempt ORDER BY id")
            .await,
        [Some(500), Some(500), Some(200)]
    );
    let excerpts = world
        .texts("SELECT response_excerpt FROM webhook_attempt WHERE outcome = 'retry'")
        .await;
    assert!(excerpts.iter().all(|e| e.contains("failing on purpose")));
    assert_eq!(
        world.numbers("SELECT attempts FROM webhook_delivery").await,
        [Some(3)]
    );
    assert_eq!(
        world
            .numbers("SELECT consecutive_failures FROM webhook_endpoint")
            .await,
        [Some(0)],
        "a success ends the failure streak"
    );
}

async fn disabled_after_repeated_failures(backend: Backend) {
    let Some(world) = world(backend, 3).await else {
        return;
    };
    let registered = world.register(&["session.confirmed"], 1_000).await;
    world.approved_proposal().await;
    world
        .wait_count("SELECT COUNT(*) FROM webhook_endpoint WHERE NOT enabled", 1)
        .await;
    // Disabled in the transaction that recorded the third failure: nothing more is claimed.
    assert_eq!(world.receiver.deliveries().await.len(), 3);
    assert_eq!(
        count(&world.raw, "SELECT COUNT(*) FROM webhook_attempt").await,
        3
    );
    let page = world.page().await;
    let endpoint = &page["endpoints"][0];
    assert_eq!(endpoint["enabled"], false);
    let notice = endpoint["disabled_notice"].as_str().unwrap();
    assert!(notice.contains("3 failed attempts in a row"), "{notice}");
    assert_eq!(endpoint["deliveries"][0]["status"], "pending");
    assert_eq!(
        count(
            &world.raw,
            &format!(
                "SELECT COUNT(*) FROM email_outbox WHERE event = 'webhook_disabled' \
                 AND recipient = '{ADMIN_EMAIL}'"
            ),
        )
        .await,
        1,
        "the administrator is e-mailed once"
    );

    // Fixed and enabled again: the pending delivery goes out.
    world
        .receiver
        .configure(registered["secret"].as_str().unwrap(), 0)
        .await;
    let endpoint_id = registered["endpoint_id"].to_string();
    let enabled = call_with_cookie(
        &world.app,
        "admin/webhooks/enabled",
        &world.admin,
        &[("endpoint_id", endpoint_id.as_str()), ("enabled", "true")],
    )
    .await;
    assert_eq!(enabled.status(), 200);
    world
        .wait_count(
            "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered'",
            1,
        )
        .await;
    let received = world.receiver.deliveries().await;
    assert_eq!(received.len(), 4);
    assert_eq!(received[3]["answered"], 200);
    assert_eq!(received[3]["verified"], true);
}

async fn replay_sends_the_same_webhook_id(backend: Backend) {
    let Some(world) = world(backend, 10).await else {
        return;
    };
    let registered = world.register(&["session.confirmed"], 0).await;
    world.approved_proposal().await;
    world
        .wait_count(
            "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered'",
            1,
        )
        .await;
    let delivery_id = count(&world.raw, "SELECT MIN(id) FROM webhook_delivery").await;
    let replayed = call_with_cookie(
        &world.app,
        "admin/webhooks/replay",
        &world.admin,
        &[("delivery_id", delivery_id.to_string().as_str())],
    )
    .await;
    assert_eq!(replayed.status(), 200);
    let received = world.receiver.wait_for(2).await;
    assert_eq!(received[1]["webhook_id"], received[0]["webhook_id"]);
    assert_eq!(received[1]["body"], received[0]["body"]);
    assert_eq!(received[1]["verified"], true);
    world
        .wait_count(
            "SELECT COUNT(*) FROM webhook_attempt WHERE outcome = 'delivered'",
            2,
        )
        .await;

    // A rotated secret signs the next replay; the receiver verifies with the new one.
    let endpoint_id = registered["endpoint_id"].to_string();
    let rotated = call_with_cookie(
        &world.app,
        "admin/webhooks/rotate",
        &world.admin,
        &[("endpoint_id", endpoint_id.as_str())],
    )
    .await;
    assert_eq!(rotated.status(), 200);
    let rotated: Value = rotated.json().await.unwrap();
    let secret = rotated["secret"].as_str().unwrap();
    assert_ne!(secret, registered["secret"].as_str().unwrap());
    world.receiver.configure(secret, 0).await;
    world
        .wait_count(
            "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered'",
            1,
        )
        .await;
    let again = call_with_cookie(
        &world.app,
        "admin/webhooks/replay",
        &world.admin,
        &[("delivery_id", delivery_id.to_string().as_str())],
    )
    .await;
    assert_eq!(again.status(), 200);
    let received = world.receiver.wait_for(3).await;
    assert_eq!(received[2]["webhook_id"], received[0]["webhook_id"]);
    assert_eq!(received[2]["verified"], true);
    assert_eq!(
        count(
            &world.raw,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'webhook.replayed'"
        )
        .await,
        2
    );
}

async fn rolled_back_action_sends_nothing(backend: Backend) {
    let Some(world) = world(backend, 10).await else {
        return;
    };
    world
        .register(&["proposal.accepted", "proposal.declined"], 0)
        .await;
    let request =
        service::requests::store_request(&world.db, MEMPHIS, None, &memphis_request(), &notify())
            .await
            .unwrap();
    let occurrences = planned_occurrences(&world.db, request, 101).await;
    let proposal = service::proposals::book_proposal(
        &world.db,
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
    // An event queued by a change whose transaction then fails is rolled back with it.
    let failed: Result<(), ServiceError> = world
        .db
        .transaction(async |txn| {
            service::webhooks::payloads::proposal_event(
                txn,
                service::webhooks::WebhookEvent::ProposalAccepted,
                proposal,
            )
            .await?;
            Err(ServiceError::Conflict("the change failed".to_owned()))
        })
        .await;
    assert!(failed.is_err());
    assert_eq!(
        count(&world.raw, "SELECT COUNT(*) FROM webhook_delivery").await,
        0
    );
    // A refused decision (no reason given) queues nothing either.
    let provider = actor_of(&world.db, 101).await;
    let refused =
        service::proposals::decline_proposal(&world.db, &provider, proposal, " ", &notify()).await;
    assert!(
        matches!(refused, Err(ServiceError::Invalid(_))),
        "{refused:?}"
    );
    // The real acceptance is the one event sent.
    service::proposals::accept_proposal(&world.db, &provider, proposal)
        .await
        .unwrap();
    let received = world.receiver.wait_for(1).await;
    world
        .wait_count(
            "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered'",
            1,
        )
        .await;
    assert_eq!(
        count(&world.raw, "SELECT COUNT(*) FROM webhook_delivery").await,
        1
    );
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["body"]["type"], "proposal.accepted");
    assert_eq!(received[0]["body"]["data"]["status"], "accepted");
    // Accepting again is refused inside the transaction: still one delivery.
    let twice = service::proposals::accept_proposal(&world.db, &provider, proposal).await;
    assert!(twice.is_err());
    assert_eq!(
        count(&world.raw, "SELECT COUNT(*) FROM webhook_delivery").await,
        1
    );
}

async fn other_roles_cannot_see_or_manage_webhooks(backend: Backend) {
    let Some(world) = world(backend, 10).await else {
        return;
    };
    let registered = world.register(&["request.created"], 0).await;
    let endpoint_id = registered["endpoint_id"].to_string();
    let calls: [(&str, Vec<(&str, &str)>); 5] = [
        ("admin/webhooks", vec![]),
        (
            "admin/webhooks/register",
            vec![
                ("form[url]", "https://example.org/hooks"),
                ("form[events][]", "request.created"),
            ],
        ),
        (
            "admin/webhooks/enabled",
            vec![("endpoint_id", endpoint_id.as_str()), ("enabled", "false")],
        ),
        (
            "admin/webhooks/rotate",
            vec![("endpoint_id", endpoint_id.as_str())],
        ),
        ("admin/webhooks/replay", vec![("delivery_id", "1")]),
    ];
    for (email, role) in [
        ("coordinator@example.org", Role::Coordinator),
        ("provider@example.org", Role::Provider),
        ("contact@example.org", Role::SiteContact),
    ] {
        create_user(&world.app, email, role).await;
        let cookie = logged_in(&world.app, email).await;
        for (endpoint, form) in &calls {
            let response = call_with_cookie(&world.app, endpoint, &cookie, form).await;
            assert_eq!(response.status(), 403, "{email} {endpoint}");
        }
    }
    for (endpoint, form) in &calls {
        let response = world.app.call_server_fn(endpoint, form).await;
        assert_eq!(response.status(), 401, "anonymous {endpoint}");
    }
    assert_eq!(
        count(
            &world.raw,
            "SELECT COUNT(*) FROM webhook_endpoint WHERE enabled"
        )
        .await,
        1,
        "nothing changed"
    );
}

async fn bad_url_is_refused_naming_the_field(backend: Backend) {
    let Some(world) = world(backend, 10).await else {
        return;
    };
    for (url, says) in [
        ("ftp://example.org/hooks", "https://"),
        (
            "https://user:secret@example.org/hooks",
            "user name and password",
        ),
        ("not a url", "not a web address"),
        ("", "Give the address"),
    ] {
        let response = call_with_cookie(
            &world.app,
            "admin/webhooks/register",
            &world.admin,
            &[("form[url]", url), ("form[events][]", "proposal.sent")],
        )
        .await;
        assert_eq!(response.status(), 400, "{url}");
        let text = response.text().await.unwrap();
        assert!(
            text.contains("url:") && text.contains(says),
            "{url}: {text}"
        );
    }
    let response = call_with_cookie(
        &world.app,
        "admin/webhooks/register",
        &world.admin,
        &[("form[url]", "https://example.org/hooks")],
    )
    .await;
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("events:"));
    let response = call_with_cookie(
        &world.app,
        "admin/webhooks/register",
        &world.admin,
        &[
            ("form[url]", "https://example.org/hooks"),
            ("form[events][]", "proposal.eaten"),
        ],
    )
    .await;
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("events:"));
    assert_eq!(
        count(&world.raw, "SELECT COUNT(*) FROM webhook_endpoint").await,
        0
    );
}

crate::on_both_backends!(
    approval_delivers_one_signed_event,
    failure_then_retry_then_success,
    disabled_after_repeated_failures,
    replay_sends_the_same_webhook_id,
    rolled_back_action_sends_nothing,
    other_roles_cannot_see_or_manage_webhooks,
    bad_url_is_refused_naming_the_field,
);
