//! The provider's server functions over HTTP on SQLite and PostgreSQL: the proposals inbox in
//! the provider's zone with the site's time beside it across the March DST change, accept,
//! decline with a reason, and another provider's proposal being "not found".

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(
    the_inbox_shows_the_series_in_phoenix_time_with_memphis_beside,
    decline_needs_a_reason_and_others_cannot_decide,
    accept_moves_the_proposal_on,
);

async fn inbox(app: &TestApp, cookie: &str) -> Vec<Value> {
    let response = call_with_cookie(app, "proposals/mine", cookie, &[]).await;
    assert_eq!(response.status(), 200);
    response.json::<Vec<Value>>().await.unwrap()
}

async fn the_inbox_shows_the_series_in_phoenix_time_with_memphis_beside(app: &TestApp) {
    app.seed_demo().await;
    assert_eq!(
        app.call_server_fn("proposals/mine", &[]).await.status(),
        401
    );
    let contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    assert_eq!(
        call_with_cookie(app, "proposals/mine", &contact, &[])
            .await
            .status(),
        403
    );
    let priya = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let cards = inbox(app, &priya).await;
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card["site"], "Memphis, TN");
    assert_eq!(card["status"], "sent");
    assert_eq!(card["topics"], serde_json::json!(["Gun violence"]));
    let sessions: Vec<&str> = card["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(sessions.len(), 4);
    // Before the change: 08:00 MST = 09:00 CST; after it: 07:00 MST = 09:00 CDT.
    assert!(
        sessions[1].contains("08:00–09:30 MST (site: 09:00–10:30 CST)"),
        "{sessions:?}"
    );
    assert!(
        sessions[2].contains("07:00–08:30 MST (site: 09:00–10:30 CDT)"),
        "{sessions:?}"
    );
    // Another provider's inbox is empty.
    let dan = demo_login(app, "provider.denver@tta.example.gov").await;
    assert!(inbox(app, &dan).await.is_empty());
}

async fn decline_needs_a_reason_and_others_cannot_decide(app: &TestApp) {
    app.seed_demo().await;
    let priya = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let id = inbox(app, &priya).await[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();

    let dan = demo_login(app, "provider.denver@tta.example.gov").await;
    let hidden = call_with_cookie(app, "proposals/accept", &dan, &[("id", &id)]).await;
    assert_eq!(hidden.status(), 404);
    let hidden = call_with_cookie(
        app,
        "proposals/decline",
        &dan,
        &[("id", &id), ("reason", "busy")],
    )
    .await;
    assert_eq!(hidden.status(), 404);
    let contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    let refused = call_with_cookie(app, "proposals/accept", &contact, &[("id", &id)]).await;
    assert_eq!(refused.status(), 403);

    let empty = call_with_cookie(
        app,
        "proposals/decline",
        &priya,
        &[("id", &id), ("reason", "  ")],
    )
    .await;
    assert_eq!(empty.status(), 400);
    assert!(error_text(empty).await.contains("Say why you decline"));

    let declined = call_with_cookie(
        app,
        "proposals/decline",
        &priya,
        &[("id", &id), ("reason", "On leave in March")],
    )
    .await;
    assert_eq!(declined.status(), 200);
    let card = &inbox(app, &priya).await[0];
    assert_eq!(card["status"], "declined");
    assert_eq!(card["reason"], "On leave in March");
    // Deciding twice is a conflict.
    let again = call_with_cookie(app, "proposals/accept", &priya, &[("id", &id)]).await;
    assert_eq!(again.status(), 409);
}

async fn accept_moves_the_proposal_on(app: &TestApp) {
    app.seed_demo().await;
    let priya = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let id = inbox(app, &priya).await[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let accepted = call_with_cookie(app, "proposals/accept", &priya, &[("id", &id)]).await;
    assert_eq!(accepted.status(), 200);
    assert_eq!(inbox(app, &priya).await[0]["status"], "accepted");
    let missing = call_with_cookie(app, "proposals/accept", &priya, &[("id", "99999")]).await;
    assert_eq!(missing.status(), 404);
}
