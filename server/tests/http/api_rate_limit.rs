//! The JSON API's rate limit over HTTP, on both databases: a token may make
//! `TTA_API_RATE_PER_MINUTE` calls at once; the next is 429 with `Retry-After` and the one error
//! body, while another token keeps its own allowance.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::api_support::{COORDINATOR, get, token};
use crate::harness::{Backend, spawn_app_with};
use serde_json::Value;

on_both_backends!(each_token_is_rate_limited_with_retry_after);

async fn each_token_is_rate_limited_with_retry_after(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[("TTA_API_RATE_PER_MINUTE", "3".to_owned())]).await
    else {
        return;
    };
    app.seed_demo().await;
    let first = token(&app, COORDINATOR, "read").await;
    let second = token(&app, COORDINATOR, "read").await;
    for _ in 0..3 {
        assert_eq!(get(&app, &first, "/api/v1/me").await.0, 200);
    }
    let response = app
        .client
        .get(app.url("/api/v1/sessions"))
        .bearer_auth(&first)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // Another token has its own allowance.
    assert_eq!(get(&app, &second, "/api/v1/me").await.0, 200);
}
