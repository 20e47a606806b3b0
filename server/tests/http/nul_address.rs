//! A NUL character in a request's address (issue 20), on SQLite and PostgreSQL: a page's query,
//! a path segment that a use case would look up (a shared registration link), a server
//! function's and the JSON API's query are each refused with a 400 naming the field, before
//! anything reaches the database (PostgreSQL would fail the statement on the NUL).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};

use accounts_support::demo_login;
use harness::TestApp;

async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> (u16, String) {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn a_nul_in_the_address_is_a_400_naming_the_field(app: &TestApp) {
    app.seed_demo().await;
    let cookie = demo_login(app, "coordinator@tta.example.gov").await;

    // A page's query, as the logged-in coordinator.
    let (status, body) = get(app, "/coordinator?status=%00approved", Some(&cookie)).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("field 'status'") && body.contains("NUL"),
        "{body}"
    );

    // A path segment a use case would look up.
    let (status, body) = get(app, "/events/join/ab%00cd", None).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("NUL"), "{body}");

    // A server function called with GET: its own error format.
    let (status, body) = get(app, "/api/auth/whoami?x=%00", Some(&cookie)).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("field 'x'"), "{body}");

    // The JSON API: its error body, the field named.
    let (status, body) = get(app, "/api/v1/me?cursor=%00", None).await;
    assert_eq!(status, 400, "{body}");
    let error: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(error["error"]["field"], "cursor", "{body}");

    // Without a NUL the same addresses answer as before.
    let (status, _) = get(app, "/coordinator?status=approved", Some(&cookie)).await;
    assert_eq!(status, 200);
}

on_both_databases!(a_nul_in_the_address_is_a_400_naming_the_field);
