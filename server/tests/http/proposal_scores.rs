//! One score scale, frozen when sent (issue 22, item 8), over HTTP on SQLite and PostgreSQL: batch
//! matching shows each row and its summary on the 0–100 scale of the candidate list; a proposal
//! keeps the score it was sent with on the request page after the weights change, while the
//! candidate list shows today's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::accounts_support::call_with_cookie;
use crate::admin_support::{ADMIN, cookie, json, outcome, pairs, settings_form};
use crate::harness::TestApp;
use serde_json::Value;

const COORDINATOR: &str = "coordinator@tta.example.gov";
/// Dan Morales, the one provider who can take the demo Houston request.
const DAN: i64 = 4;

async fn houston_request(app: &TestApp, coordinator: &str) -> String {
    let queue = json(
        app,
        "coordinator/queue",
        coordinator,
        crate::harness::UNFILTERED_QUEUE,
    )
    .await;
    queue["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["site"] == "Houston")
        .map(|r| r["id"].as_i64().unwrap().to_string())
        .expect("the demo Houston request is queued")
}

async fn dans_live_score(app: &TestApp, coordinator: &str, request: &str) -> i64 {
    let candidates = json(
        app,
        "coordinator/candidates",
        coordinator,
        &[("id", request)],
    )
    .await;
    candidates["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["provider_id"] == DAN)
        .map(|c| c["score_percent"].as_i64().unwrap())
        .expect("Dan is eligible")
}

on_both_databases!(
    batch_scores_read_on_the_0_to_100_scale,
    a_proposal_keeps_the_score_it_was_sent_with,
);

async fn batch_scores_read_on_the_0_to_100_scale(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie(app, COORDINATOR).await;
    let batch = json(app, "coordinator/batch", &coordinator, &[]).await;
    let rows = batch["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let scores: Vec<i64> = rows
        .iter()
        .map(|r| r["score_percent"].as_i64().unwrap())
        .collect();
    assert!(scores.iter().all(|s| (0..=100).contains(s)), "{scores:?}");
    let average = batch["average_score_percent"].as_i64().unwrap();
    let count = i64::try_from(scores.len()).unwrap();
    let sum: i64 = scores.iter().sum();
    assert_eq!(average, (sum + count / 2) / count, "{scores:?}");
    assert!(batch.get("total_score").is_none(), "no second scale");
    // A row's score is the candidate list's score for the same request and provider.
    let row = &rows[0];
    let candidates = json(
        app,
        "coordinator/candidates",
        &coordinator,
        &[("id", &row["request_id"].to_string())],
    )
    .await;
    let listed = candidates["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["provider_id"] == row["provider_id"])
        .map(|c| c["score_percent"].clone())
        .unwrap();
    assert_eq!(listed, row["score_percent"]);
}

async fn a_proposal_keeps_the_score_it_was_sent_with(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie(app, COORDINATOR).await;
    let request = houston_request(app, &coordinator).await;
    let before = dans_live_score(app, &coordinator, &request).await;
    let sent = call_with_cookie(
        app,
        "coordinator/send_proposal",
        &coordinator,
        &[
            ("id", request.as_str()),
            ("provider_id", &DAN.to_string()),
            ("moves", ""),
        ],
    )
    .await;
    assert_eq!(sent.status(), 200);
    let sent_with = |detail: &Value| {
        detail["proposals"][0]["sent_score_percent"]
            .as_i64()
            .unwrap()
    };
    let detail = json(
        app,
        "coordinator/request",
        &coordinator,
        &[("id", &request)],
    )
    .await;
    assert_eq!(sent_with(&detail), before);

    // The weights change: only the fit of the series counts now (Dan's is just below full).
    // Today's score moves; the proposal's does not.
    let admin = cookie(app, ADMIN).await;
    let fit_only = settings_form(&[
        ("weight_expertise", "0"),
        ("weight_continuity", "0"),
        ("weight_time_zone", "0"),
        ("weight_load_balance", "0"),
        ("weight_availability", "100"),
    ]);
    let (status, text) = outcome(app, "admin/settings/save", &admin, &pairs(&fit_only)).await;
    assert_eq!(status, 200, "{text}");
    let after = dans_live_score(app, &coordinator, &request).await;
    assert_ne!(after, before, "the weights change today's score");
    let detail = json(
        app,
        "coordinator/request",
        &coordinator,
        &[("id", &request)],
    )
    .await;
    assert_eq!(sent_with(&detail), before);
}
