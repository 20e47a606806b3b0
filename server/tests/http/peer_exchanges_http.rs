//! Peer exchanges through the real server functions, on both databases: Memphis's contact
//! submits the new-request form naming Buffalo as the visiting site (`requests/submit` with
//! `visiting_site_id`); naming their own site is a 400 beside the field; Buffalo's contact
//! finds it on `requests/mine` and reads `requests/detail` read-only in their own zone;
//! Houston's contact gets 404; the coordinator's request page names the exchange.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(a_host_contact_submits_an_exchange_that_the_visitor_reads);

const MEMPHIS: &str = "3";
const BUFFALO: &str = "6";

fn form(visiting: &str) -> Vec<(&'static str, String)> {
    let from = chrono::Utc::now().date_naive() + chrono::Duration::days(60);
    let until = from + chrono::Duration::days(30);
    vec![
        ("site_id", MEMPHIS.to_owned()),
        ("visiting_site_id", visiting.to_owned()),
        ("form[title]", "Buffalo visits Memphis's CGIC".to_owned()),
        ("form[topic_ids][]", "4".to_owned()),
        ("form[engagement_type]", "operations".to_owned()),
        ("form[modality]", "on_site".to_owned()),
        ("form[session_count]", "1".to_owned()),
        ("form[cadence]", "once".to_owned()),
        ("form[session_minutes]", "240".to_owned()),
        ("form[earliest_date]", from.format("%Y-%m-%d").to_string()),
        ("form[latest_date]", until.format("%Y-%m-%d").to_string()),
        ("form[preferred_weekdays][]", "tue".to_owned()),
        ("form[preferred_start]", "09:00".to_owned()),
        ("form[preferred_end]", "16:00".to_owned()),
    ]
}

async fn call(
    app: &TestApp,
    endpoint: &str,
    cookie: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call_with_cookie(app, endpoint, cookie, &pairs).await
}

async fn a_host_contact_submits_an_exchange_that_the_visitor_reads(app: &TestApp) {
    app.seed_demo().await;
    let memphis = demo_login(app, "contact.memphis@tta.example.gov").await;

    // The other sites are offered; Memphis is not.
    let partners: Value = call_with_cookie(app, "peer-exchanges/partner-sites", &memphis, &[])
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = partners
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Buffalo, NY") && !names.contains(&"Memphis, TN"));

    let refused = call(app, "requests/submit", &memphis, &form(MEMPHIS)).await;
    assert_eq!(refused.status(), 400);
    let message = error_text(refused).await;
    assert!(
        message.contains("visiting_site_id: The visiting site must be another site than the host."),
        "{message}"
    );

    let stored = call(app, "requests/submit", &memphis, &form(BUFFALO)).await;
    assert_eq!(stored.status(), 200);
    let id = stored.json::<Value>().await.unwrap().as_i64().unwrap();

    let buffalo = demo_login(app, "contact.buffalo@tta.example.gov").await;
    let mine: Value = call_with_cookie(app, "requests/mine", &buffalo, &[])
        .await
        .json()
        .await
        .unwrap();
    let row = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_i64() == Some(id))
        .expect("the visitor lists the exchange");
    assert_eq!(row["site"], "Memphis");
    assert_eq!(
        row["peer_exchange"],
        "Peer exchange: Buffalo, NY visits Memphis, TN."
    );
    let detail = call(app, "requests/detail", &buffalo, &[("id", id.to_string())]).await;
    assert_eq!(detail.status(), 200);
    let detail: Value = detail.json().await.unwrap();
    assert_eq!(detail["read_only"], true);
    assert!(
        detail["zone_label"]
            .as_str()
            .unwrap()
            .contains("America/New_York"),
        "{detail}"
    );

    // Houston's contact: not found.
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    let hidden = call(app, "requests/detail", &houston, &[("id", id.to_string())]).await;
    assert_eq!(hidden.status(), 404);

    // The host reads it as its own; the coordinator's page names the exchange.
    let own: Value = call(app, "requests/detail", &memphis, &[("id", id.to_string())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own["read_only"], false);
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let page = call(
        app,
        "coordinator/request",
        &coordinator,
        &[("id", id.to_string())],
    )
    .await;
    assert_eq!(page.status(), 200);
    let page: Value = page.json().await.unwrap();
    assert_eq!(
        page["peer_exchange"],
        "Peer exchange: Buffalo, NY visits Memphis, TN."
    );
}
