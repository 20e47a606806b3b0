//! Page statuses and the public server functions (issue 15, item 9), on SQLite and PostgreSQL:
//! a page whose data decides its status (a request another site's contact may not see, a
//! coordinator page for a site contact, an unknown site) answers the same status on every load.
//! Which server functions answer a caller who is not logged in is `server_fn_access.rs`'s test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(pages_answer_the_same_status_on_every_load);

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
        // Nobody logged in: sent to log in, and back here afterwards (return_to.rs).
        ("/admin/users".to_owned(), &String::new(), 303),
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
