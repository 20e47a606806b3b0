//! Page statuses and the public server functions (issue 15, item 9), on SQLite and PostgreSQL:
//! a page whose data decides its status (a request another site's contact may not see, a
//! coordinator page for a site contact, an unknown site) answers the same status on every load;
//! and only the server functions listed as public in the README answer a caller who is not
//! logged in — every other one refuses with 401 before doing anything.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(
    pages_answer_the_same_status_on_every_load,
    only_the_listed_server_functions_are_public,
);

/// The README's "Public server functions, and why".
const PUBLIC: [&str; 8] = [
    "/api/auth/whoami",
    "/api/auth/login",
    "/api/auth/logout",
    "/api/auth/forgot",
    "/api/auth/reset",
    "/api/invitations/details",
    "/api/invitations/accept",
    "/api/sites/list",
];

const LOADS: usize = 20;

async fn pages_answer_the_same_status_on_every_load(app: &TestApp) {
    app.seed_demo().await;
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    let memphis = demo_login(app, "contact.memphis@tta.example.gov").await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let admin = demo_login(app, "admin@tta.example.gov").await;
    let theirs: Value = call_with_cookie(app, "requests/mine", &houston, &[])
        .await
        .json()
        .await
        .unwrap();
    let id = theirs[0]["id"].as_i64().unwrap();
    let cases = [
        (format!("/requests/{id}"), &memphis, 404),
        (format!("/requests/{id}"), &houston, 200),
        ("/requests/999999".to_owned(), &houston, 404),
        ("/requests/abc".to_owned(), &houston, 404),
        (format!("/coordinator/requests/{id}"), &memphis, 403),
        (format!("/coordinator/requests/{id}"), &coordinator, 200),
        ("/coordinator/requests/999999".to_owned(), &coordinator, 404),
        ("/admin/sites/3".to_owned(), &coordinator, 403),
        ("/admin/sites/999999".to_owned(), &admin, 404),
        ("/admin/sites/3".to_owned(), &admin, 200),
        ("/admin/users".to_owned(), &String::new(), 401),
    ];
    for (path, cookie, expected) in cases {
        let mut statuses = Vec::new();
        for _ in 0..LOADS {
            let response = app
                .client
                .get(app.url(&path))
                .header("Cookie", cookie.as_str())
                .send()
                .await
                .unwrap();
            statuses.push(response.status().as_u16());
            // Read the whole page, as a browser does.
            let _ = response.text().await.unwrap();
        }
        assert!(
            statuses.iter().all(|s| *s == expected),
            "{path}: expected {expected} every time, got {statuses:?}"
        );
    }
}

/// Calls the server function at `path` as nobody, filling in each field its 400 names until the
/// arguments decode; the final status and body.
async fn call_anonymously(app: &TestApp, path: &str) -> (u16, String) {
    if path == "/api/provider/availability/save" {
        let response = app
            .client
            .post(app.url(path))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .body(r#"{"form":{}}"#)
            .send()
            .await
            .unwrap();
        return (response.status().as_u16(), response.text().await.unwrap());
    }
    let mut form: Vec<(String, String)> = Vec::new();
    for _ in 0..30 {
        let response = app
            .client
            .post(app.url(path))
            .header("Accept", "application/json")
            .form(&form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        let lead = "ServerError|The request could not be read: field '";
        let Some(rest) = body.strip_prefix(lead).filter(|_| status == 400) else {
            return (status, body);
        };
        let (field, what) = rest.split_once("' ").unwrap();
        // `form.title` is `form[title]` in a URL-encoded body.
        let mut parts = field.split('.');
        let mut key = parts.next().unwrap().to_owned();
        for part in parts {
            key = format!("{key}[{part}]");
        }
        form.retain(|(k, _)| !k.starts_with(&key));
        match what {
            "must be true or false." => form.push((key, "true".to_owned())),
            "must be a list." => form.push((format!("{key}[0]"), "1".to_owned())),
            what if what.starts_with("must be given in named parts") => {
                form.push((format!("{key}[unknown]"), "1".to_owned()));
            }
            _ => form.push((key, "1".to_owned())),
        }
    }
    panic!("{path}: the arguments never decoded: {form:?}");
}

async fn only_the_listed_server_functions_are_public(app: &TestApp) {
    app.seed_demo().await;
    let refusal = format!("ServerError|{}", app::api::login_session::NOT_LOGGED_IN);
    let mut answered = Vec::new();
    let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    paths.sort_unstable();
    assert!(paths.len() > 60, "{paths:?}");
    for path in paths {
        let (status, body) = call_anonymously(app, path).await;
        if status == 401 && body == refusal {
            continue;
        }
        answered.push(path);
    }
    assert_eq!(answered, {
        let mut public = PUBLIC.to_vec();
        public.sort_unstable();
        public
    });
}
