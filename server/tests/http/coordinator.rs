//! The coordinator's server functions over HTTP, on SQLite and PostgreSQL: who may call them
//! (a matrix of roles × functions), record-level refusals, bad input, and the brokering flow.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::{call_with_cookie, error_text};
use harness::TestApp;
use serde_json::Value;

const DEMO_PASSWORD: &str = "demo-password-2026";

async fn cookie_for(app: &TestApp, email: &str) -> String {
    let response = accounts_support::login(app, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200, "log in {email}");
    accounts_support::session_cookie(&response).unwrap().0
}

async fn houston_request(app: &TestApp, cookie: &str) -> i64 {
    let queue = call_with_cookie(
        app,
        "coordinator/queue",
        cookie,
        crate::harness::UNFILTERED_QUEUE,
    )
    .await;
    assert_eq!(queue.status(), 200);
    let queue: Value = queue.json().await.unwrap();
    queue["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["site"] == "Houston")
        .map(|r| r["id"].as_i64().unwrap())
        .expect("the demo Houston request is queued")
}

on_both_databases!(
    only_coordinators_and_admins_reach_the_coordinator_functions,
    unknown_requests_are_404_and_bad_filters_400,
    sending_a_proposal_over_http_holds_the_time_and_cannot_be_repeated,
    batch_matching_proposes_the_kept_rows_and_reports_each,
    report_exports_are_for_coordinators_and_check_the_period,
);

async fn only_coordinators_and_admins_reach_the_coordinator_functions(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let request = houston_request(app, &coordinator).await.to_string();
    // A real batch row (the Houston request to its best provider), so that a refused
    // `batch_send` would have had something to send.
    let batch: Value = call_with_cookie(app, "coordinator/batch", &coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    let row = &batch["rows"][0];
    assert_eq!(row["request_id"].to_string(), request);
    let pair = format!("{}:{}", row["request_id"], row["provider_id"]);
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "coordinator/queue",
            vec![
                ("status", ""),
                ("site", ""),
                ("topic", ""),
                ("engagement", ""),
                ("min_age_days", ""),
            ],
        ),
        ("coordinator/request", vec![("id", request.as_str())]),
        ("coordinator/candidates", vec![("id", request.as_str())]),
        (
            "coordinator/plan",
            vec![("id", request.as_str()), ("provider_id", "4")],
        ),
        (
            "coordinator/close",
            vec![
                ("id", request.as_str()),
                ("decision", "return"),
                ("reason", "x"),
            ],
        ),
        ("coordinator/approve", vec![("proposal_id", "1")]),
        (
            "coordinator/withdraw",
            vec![("proposal_id", "1"), ("reason", "x")],
        ),
        (
            "coordinator/reschedule",
            vec![
                ("session_id", "1"),
                ("date", "2027-01-05"),
                ("time", "10:00"),
            ],
        ),
        (
            "coordinator/cancel",
            vec![("session_id", "1"), ("scope", "one")],
        ),
        (
            "coordinator/send_proposal",
            vec![("id", request.as_str()), ("provider_id", "4")],
        ),
        ("coordinator/batch", vec![]),
        ("coordinator/batch_send", vec![("pairs", pair.as_str())]),
        (
            "coordinator/report",
            vec![
                ("kind", "sessions-by-site"),
                ("from", "2026-01-01"),
                ("to", "2027-12-31"),
            ],
        ),
    ];
    let anonymous = String::new();
    let contact = cookie_for(app, "contact.houston@tta.example.gov").await;
    let provider = cookie_for(app, "provider.denver@tta.example.gov").await;
    for (endpoint, form) in &calls {
        for (who, cookie, status) in [
            ("anonymous", &anonymous, 401),
            ("site contact", &contact, 403),
            ("provider", &provider, 403),
        ] {
            let response = call_with_cookie(app, endpoint, cookie, form).await;
            assert_eq!(response.status(), status, "{who} calling {endpoint}");
            let text = error_text(response).await;
            assert!(
                !text.contains("database") && !text.contains("sqlx"),
                "{text}"
            );
        }
    }
    // The refused calls changed nothing: the Houston request is still waiting, unproposed.
    let detail: Value = call_with_cookie(
        app,
        "coordinator/request",
        &coordinator,
        &[("id", &request)],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(detail["status"], "submitted", "{detail}");
    // Reading functions answer coordinators and admins.
    let admin = cookie_for(app, "admin@tta.example.gov").await;
    let reading = calls.iter().filter(|(endpoint, _)| {
        calls[..4].iter().any(|(e, _)| e == endpoint)
            || ["coordinator/batch", "coordinator/report"].contains(endpoint)
    });
    for (endpoint, form) in reading {
        for cookie in [&coordinator, &admin] {
            let response = call_with_cookie(app, endpoint, cookie, form).await;
            assert_eq!(response.status(), 200, "{endpoint}");
        }
    }
    // Sending a batch is for coordinators and admins too (an admin here).
    let sent: Value = call_with_cookie(app, "coordinator/batch_send", &admin, &[("pairs", &pair)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sent[0]["sent"], true, "{sent}");
}

async fn unknown_requests_are_404_and_bad_filters_400(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let missing =
        call_with_cookie(app, "coordinator/request", &coordinator, &[("id", "9999")]).await;
    assert_eq!(missing.status(), 404);
    assert!(
        error_text(missing)
            .await
            .contains("Request #9999 was not found")
    );
    let bad = call_with_cookie(
        app,
        "coordinator/queue",
        &coordinator,
        &[
            ("status", "done"),
            ("site", ""),
            ("topic", ""),
            ("engagement", ""),
            ("min_age_days", ""),
        ],
    )
    .await;
    assert_eq!(bad.status(), 400);
    assert!(error_text(bad).await.contains("Unknown status filter"));
    let negative = call_with_cookie(
        app,
        "coordinator/queue",
        &coordinator,
        &[
            ("status", ""),
            ("site", ""),
            ("topic", ""),
            ("engagement", ""),
            ("min_age_days", "-3"),
        ],
    )
    .await;
    assert_eq!(negative.status(), 400);
    assert!(error_text(negative).await.contains("0 or more"));
    let bad_date = call_with_cookie(
        app,
        "coordinator/reschedule",
        &coordinator,
        &[("session_id", "9999"), ("date", "soon"), ("time", "10:00")],
    )
    .await;
    // A malformed date is refused before anything is looked up (the use case takes parsed
    // times); a well-formed move of an unknown session is not found.
    assert_eq!(bad_date.status(), 400);
    assert!(
        error_text(bad_date)
            .await
            .contains("Enter the new date, for example 15 March 2027.")
    );
    let unknown = call_with_cookie(
        app,
        "coordinator/reschedule",
        &coordinator,
        &[
            ("session_id", "9999"),
            ("date", "2027-03-02"),
            ("time", "10:00"),
        ],
    )
    .await;
    assert_eq!(unknown.status(), 404);
}

async fn sending_a_proposal_over_http_holds_the_time_and_cannot_be_repeated(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let request = houston_request(app, &coordinator).await.to_string();
    let candidates: Value = call_with_cookie(
        app,
        "coordinator/candidates",
        &coordinator,
        &[("id", &request)],
    )
    .await
    .json()
    .await
    .unwrap();
    let dan = candidates["eligible"][0]["provider_id"]
        .as_i64()
        .unwrap()
        .to_string();
    assert_eq!(candidates["eligible"][0]["name"], "Dan Morales");
    assert_eq!(
        candidates["eligible"][0]["parts"].as_array().unwrap().len(),
        5
    );

    let plan: Value = call_with_cookie(
        app,
        "coordinator/plan",
        &coordinator,
        &[("id", &request), ("provider_id", &dan)],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(plan["placed"], 4);
    assert!(
        plan["occurrences"][0]["provider_time"]
            .as_str()
            .unwrap()
            .ends_with("MST")
    );

    let sent = call_with_cookie(
        app,
        "coordinator/send_proposal",
        &coordinator,
        &[("id", &request), ("provider_id", &dan)],
    )
    .await;
    assert_eq!(sent.status(), 200);
    let again = call_with_cookie(
        app,
        "coordinator/send_proposal",
        &coordinator,
        &[("id", &request), ("provider_id", &dan)],
    )
    .await;
    assert_eq!(again.status(), 409);
    assert!(
        error_text(again)
            .await
            .contains("Cannot propose a request that is proposed")
    );

    let detail: Value = call_with_cookie(
        app,
        "coordinator/request",
        &coordinator,
        &[("id", &request)],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(detail["status"], "proposed");
    assert_eq!(detail["sessions"].as_array().unwrap().len(), 4);
    assert!(
        detail["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] == "tentative")
    );
}

async fn batch_matching_proposes_the_kept_rows_and_reports_each(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let batch: Value = call_with_cookie(app, "coordinator/batch", &coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    let rows = batch["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["provider"], "Dan Morales");
    let pair = format!("{}:{}", rows[0]["request_id"], rows[0]["provider_id"]);

    let malformed = call_with_cookie(
        app,
        "coordinator/batch_send",
        &coordinator,
        &[("pairs", "1-2")],
    )
    .await;
    assert_eq!(malformed.status(), 400);
    let empty = call_with_cookie(
        app,
        "coordinator/batch_send",
        &coordinator,
        &[("pairs", "")],
    )
    .await;
    assert_eq!(empty.status(), 400);

    // The same row twice: the first is sent, the second refused with its reason.
    let both = format!("{pair},{pair}");
    let outcomes: Value = call_with_cookie(
        app,
        "coordinator/batch_send",
        &coordinator,
        &[("pairs", &both)],
    )
    .await
    .json()
    .await
    .unwrap();
    let outcomes = outcomes.as_array().unwrap();
    assert_eq!(outcomes[0]["sent"], true);
    assert_eq!(outcomes[1]["sent"], false);
    assert!(
        outcomes[1]["message"]
            .as_str()
            .unwrap()
            .contains("not eligible")
            || outcomes[1]["message"]
                .as_str()
                .unwrap()
                .contains("Cannot propose")
    );
    let after: Value = call_with_cookie(app, "coordinator/batch", &coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(
        after["rows"].as_array().unwrap().is_empty(),
        "nothing open any more"
    );
}

async fn report_exports_are_for_coordinators_and_check_the_period(app: &TestApp) {
    app.seed_demo().await;
    let get = |cookie: String, path: &'static str| async move {
        app.client
            .get(app.url(path))
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap()
    };
    let path = "/exports/sessions-by-site.csv?from=2026-01-01&to=2027-12-31";
    assert_eq!(get(String::new(), path).await.status(), 401);
    let contact = cookie_for(app, "contact.memphis@tta.example.gov").await;
    assert_eq!(get(contact, path).await.status(), 403);
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let ok = get(coordinator.clone(), path).await;
    assert_eq!(ok.status(), 200);
    assert!(
        ok.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("sessions-by-site-2026-01-01-2027-12-31.csv")
    );
    assert!(
        ok.text()
            .await
            .unwrap()
            .starts_with("Site,Delivered,Scheduled,Awaiting approval,Total\r\n")
    );
    let reversed = get(
        coordinator.clone(),
        "/exports/turnaround.csv?from=2027-01-01&to=2026-01-01",
    )
    .await;
    assert_eq!(reversed.status(), 400);
    assert!(reversed.text().await.unwrap().contains("before its start"));
    assert_eq!(
        get(
            coordinator.clone(),
            "/exports/secrets.csv?from=2026-01-01&to=2026-02-01"
        )
        .await
        .status(),
        404
    );
    assert_eq!(
        get(
            coordinator,
            "/exports/feedback.csv?from=yesterday&to=2026-02-01"
        )
        .await
        .status(),
        400
    );
}
