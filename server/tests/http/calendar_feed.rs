//! The provider's calendar feed over HTTP, on both databases: a secret address listing the
//! confirmed sessions (one VEVENT per session, stable UID), renewable and revocable, providers
//! only; silent (404, as for an unknown address) while its owner is deactivated or no longer a
//! provider, and back at the same address when that is undone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, admin_support, harness};
use accounts_support::call_with_cookie;
use admin_support::{ADMIN, ROBIN, json, outcome, user_id};
use harness::TestApp;
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use serde_json::Value;

async fn cookie_for(app: &TestApp, email: &str) -> String {
    let response = accounts_support::login(app, email, "demo-password-2026").await;
    assert_eq!(response.status(), 200);
    accounts_support::session_cookie(&response).unwrap().0
}

fn path_of(url: &str) -> String {
    url.split_once("/calendar/")
        .map(|(_, rest)| format!("/calendar/{rest}"))
        .unwrap()
}

on_both_databases!(
    the_feed_lists_confirmed_sessions_and_can_be_renewed_and_revoked,
    the_feed_stops_while_its_owner_is_deactivated_or_no_longer_a_provider,
);

async fn the_feed_lists_confirmed_sessions_and_can_be_renewed_and_revoked(app: &TestApp) {
    app.seed_demo().await;
    let contact = cookie_for(app, "contact.memphis@tta.example.gov").await;
    assert_eq!(
        call_with_cookie(app, "provider/calendar/renew", &contact, &[])
            .await
            .status(),
        403
    );
    assert_eq!(
        call_with_cookie(app, "provider/calendar/renew", "", &[])
            .await
            .status(),
        401
    );

    let priya = cookie_for(app, "provider.phoenix@tta.example.gov").await;
    let status: Value = call_with_cookie(app, "provider/calendar/status", &priya, &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(status.is_null());
    let url: String = call_with_cookie(app, "provider/calendar/renew", &priya, &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(url.contains("/calendar/") && url.ends_with(".ics"), "{url}");
    let first = app.get(&path_of(&url)).await;
    assert_eq!(first.status(), 200);
    assert!(
        first.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let body = first.text().await.unwrap();
    assert!(body.contains("METHOD:PUBLISH\r\n"));
    // The demo's confirmed Kansas City series is in the feed; the tentative Memphis sessions
    // are not.
    assert_eq!(
        body.matches("BEGIN:VEVENT").count(),
        4,
        "tentative sessions are not in the feed"
    );

    // Approve the demo proposal (accepted by Priya): its four sessions appear, with their UIDs.
    let db = server::startup::open_database(&app.config).await.unwrap();
    let proposal = service::proposals::provider_proposals(&db, 3)
        .await
        .unwrap()
        .remove(0);
    service::proposals::accept_proposal(
        &db,
        &harness::fixtures::actor_of(&db, 3).await,
        proposal.proposal.id,
    )
    .await
    .unwrap();
    service::proposals::approve_proposal(
        &db,
        &harness::fixtures::actor_of(&db, 2).await,
        proposal.proposal.id,
        &service::notify::NotifySettings::default(),
    )
    .await
    .unwrap();
    let body = app.get(&path_of(&url)).await.text().await.unwrap();
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 8);
    let raw = SeaDatabase::connect(app.config.database_url.as_str())
        .await
        .unwrap();
    let uid = raw
        .query_one_raw(sea_orm::Statement::from_string(
            raw.get_database_backend(),
            "SELECT calendar_uid FROM tta_session WHERE status = 'confirmed' ORDER BY id LIMIT 1",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<String>("", "calendar_uid")
        .unwrap();
    assert!(body.contains(&format!("UID:{uid}")), "{body}");

    // A new address stops the old one; revoking stops the new one.
    let renewed: String = call_with_cookie(app, "provider/calendar/renew", &priya, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(renewed, url);
    assert_eq!(app.get(&path_of(&url)).await.status(), 404);
    assert_eq!(app.get(&path_of(&renewed)).await.status(), 200);
    assert_eq!(
        call_with_cookie(app, "provider/calendar/revoke", &priya, &[])
            .await
            .status(),
        200
    );
    assert_eq!(app.get(&path_of(&renewed)).await.status(), 404);
    assert_eq!(app.get("/calendar/not-a-token.ics").await.status(), 404);
}

async fn the_feed_stops_while_its_owner_is_deactivated_or_no_longer_a_provider(app: &TestApp) {
    app.seed_demo().await;
    let unknown = app.get("/calendar/not-a-token.ics").await;
    assert_eq!(unknown.status(), 404);
    let unknown = unknown.text().await.unwrap();

    let priya = cookie_for(app, "provider.phoenix@tta.example.gov").await;
    let url: String = call_with_cookie(app, "provider/calendar/renew", &priya, &[])
        .await
        .json()
        .await
        .unwrap();
    let feed = path_of(&url);
    let events = |body: &str| body.matches("BEGIN:VEVENT").count();
    let body = app.get(&feed).await.text().await.unwrap();
    assert_eq!(events(&body), 4, "{body}");

    // Deactivated by an administrator: the address answers as an unknown one.
    let admin = cookie_for(app, ADMIN).await;
    let id = user_id(app, &admin, "provider.phoenix@tta.example.gov").await;
    let done = json(
        app,
        "admin/users/active",
        &admin,
        &[("user_id", &id), ("active", "false")],
    )
    .await;
    assert!(done.as_str().unwrap().contains("deactivated"), "{done}");
    let gone = app.get(&feed).await;
    assert_eq!(gone.status(), 404);
    assert_eq!(gone.text().await.unwrap(), unknown);

    // Reactivated: the same address works again, with the same sessions.
    json(
        app,
        "admin/users/active",
        &admin,
        &[("user_id", &id), ("active", "true")],
    )
    .await;
    let back = app.get(&feed).await;
    assert_eq!(back.status(), 200);
    assert_eq!(events(&back.text().await.unwrap()), 4);

    // A provider who becomes a coordinator (Robin holds no sessions, so the role may change):
    // the feed stops; made a provider again, it is back.
    let robin = cookie_for(app, ROBIN).await;
    let robins: String = call_with_cookie(app, "provider/calendar/renew", &robin, &[])
        .await
        .json()
        .await
        .unwrap();
    let robins = path_of(&robins);
    let empty = app.get(&robins).await;
    assert_eq!(empty.status(), 200);
    assert_eq!(events(&empty.text().await.unwrap()), 0);
    let robin_id = user_id(app, &admin, ROBIN).await;
    let (status, text) = outcome(
        app,
        "admin/users/role",
        &admin,
        &[("user_id", &robin_id), ("role", "coordinator")],
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let gone = app.get(&robins).await;
    assert_eq!(gone.status(), 404);
    assert_eq!(gone.text().await.unwrap(), unknown);
    assert_eq!(
        app.get(&feed).await.status(),
        200,
        "Priya's feed is unaffected"
    );
    json(
        app,
        "admin/users/role",
        &admin,
        &[("user_id", &robin_id), ("role", "provider")],
    )
    .await;
    assert_eq!(app.get(&robins).await.status(), 200);
}
