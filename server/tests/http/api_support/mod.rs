//! Helpers of the JSON API tests: make a personal access token on the tokens page's server
//! function as a demo person, and call `/api/v1` with it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;

use crate::accounts_support::{call_with_cookie, demo_login};
use crate::harness::TestApp;

pub const COORDINATOR: &str = "coordinator@tta.example.gov";
pub const MEMPHIS: &str = "contact.memphis@tta.example.gov";
pub const PRIYA: &str = "provider.phoenix@tta.example.gov";

/// A token of the demo person `email` with `scope` (`read` or `write`); its secret.
pub async fn token(app: &TestApp, email: &str, scope: &str) -> String {
    let cookie = demo_login(app, email).await;
    let response = call_with_cookie(
        app,
        "tokens/create",
        &cookie,
        &[
            ("name", &format!("{scope} token")),
            ("scope", scope),
            ("expires_in_days", "30"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let made: Value = response.json().await.unwrap();
    made["secret"].as_str().unwrap().to_owned()
}

/// `GET path` with `token`: the status and the JSON body.
pub async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let response = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// `POST path` with `token` and a JSON body.
pub async fn post(app: &TestApp, token: &str, path: &str, body: &Value) -> (u16, Value) {
    let response = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Every item of a list, page by page (`limit` per page), following `next_cursor`.
pub async fn every_page(app: &TestApp, token: &str, path: &str, limit: u32) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    let join = if path.contains('?') { '&' } else { '?' };
    loop {
        let mut address = format!("{path}{join}limit={limit}");
        if let Some(cursor) = &cursor {
            address.push_str(&format!("&cursor={cursor}"));
        }
        let (status, page) = get(app, token, &address).await;
        assert_eq!(status, 200, "{address}: {page}");
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return items,
        }
    }
}

/// A valid new request for `site_id` (the new-request form's fields).
pub fn new_request(site_id: i64, title: &str) -> Value {
    let start = chrono::Utc::now().date_naive() + chrono::Duration::days(40);
    let end = start + chrono::Duration::days(90);
    serde_json::json!({
        "site_id": site_id,
        "title": title,
        "topic_ids": [3, 4],
        "description": "Coaching for the gun crime intelligence centre.",
        "engagement_type": "operations",
        "modality": "virtual",
        "session_count": 3,
        "cadence": "biweekly",
        "session_minutes": 90,
        "earliest_date": start.to_string(),
        "latest_date": end.to_string(),
        "preferred_weekdays": ["tue", "wed", "thu"],
        "preferred_start": "09:00",
        "preferred_end": "12:00",
        "expected_attendees": 12,
        "minimum_level": 2,
    })
}

pub fn ids(items: &[Value]) -> Vec<i64> {
    items.iter().map(|i| i["id"].as_i64().unwrap()).collect()
}
