//! The walking skeleton end to end over HTTP: probes, the server-rendered home page, the site
//! search server function and its error handling, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(
    health_probes_answer,
    home_page_lists_the_twelve_operations_sites_with_their_zones,
    home_page_honours_the_search_in_the_address,
    site_search_server_function_filters_by_name_state_and_zone,
    site_search_treats_like_wildcards_literally,
    overlong_search_is_refused_with_a_reason,
    seeding_twice_changes_nothing,
    unknown_pages_are_404_with_a_helpful_page,
    pages_go_out_gzip_compressed_to_browsers_that_accept_it,
);

async fn health_probes_answer(app: &TestApp) {
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");
}

async fn home_page_lists_the_twelve_operations_sites_with_their_zones(app: &TestApp) {
    app.seed_demo().await;
    let page = app.get("/").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert_eq!(html.matches("data-site-id=").count(), 12, "{html}");
    for expected in [
        "Birmingham",
        "Indianapolis",
        "America/Indiana/Indianapolis",
        "Lansing",
        "America/Detroit",
        "Buffalo",
        "America/New_York",
        "Kansas City",
        "America/Chicago",
        "12 sites",
    ] {
        assert!(html.contains(expected), "home page lacks {expected}");
    }
    // The page is hydratable: it loads the wasm bundle and marks itself not yet hydrated.
    assert!(html.contains("/pkg/tta.js"));
    assert!(html.contains(r#"data-hydrated="false""#));
    // Each local time carries a zone abbreviation.
    assert!(html.contains(" CST<") || html.contains(" CDT<"), "{html}");
    assert!(html.contains(" EST<") || html.contains(" EDT<"));
}

async fn home_page_honours_the_search_in_the_address(app: &TestApp) {
    app.seed_demo().await;
    let html = app.get("/?q=memphis").await.text().await.unwrap();
    assert_eq!(html.matches("data-site-id=").count(), 1);
    assert!(html.contains("Memphis"));
    assert!(!html.contains("Buffalo"));
}

fn names(rows: &Value) -> Vec<String> {
    rows.as_array()
        .expect("a JSON array")
        .iter()
        .map(|row| row["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn site_search_server_function_filters_by_name_state_and_zone(app: &TestApp) {
    app.seed_demo().await;
    let all = app.call_server_fn("sites/list", &[("search", "")]).await;
    assert_eq!(all.status(), 200);
    let all: Value = all.json().await.unwrap();
    assert_eq!(names(&all).len(), 12);
    assert_eq!(names(&all)[0], "Baton Rouge", "sorted by name");

    let ohio: Value = app
        .call_server_fn("sites/list", &[("search", "  oh ")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(names(&ohio), ["Cincinnati", "Toledo"]);

    let detroit: Value = app
        .call_server_fn("sites/list", &[("search", "DETROIT")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(names(&detroit), ["Lansing"]);
    assert_eq!(detroit[0]["zone"], "America/Detroit");
    let local_time = detroit[0]["local_time"].as_str().unwrap();
    assert!(
        local_time.ends_with(" EST") || local_time.ends_with(" EDT"),
        "{local_time}"
    );
}

async fn site_search_treats_like_wildcards_literally(app: &TestApp) {
    app.seed_demo().await;
    let search = |text: &'static str| async move {
        let rows: Value = app
            .call_server_fn("sites/list", &[("search", text)])
            .await
            .json()
            .await
            .unwrap();
        names(&rows)
    };
    assert!(search("%").await.is_empty());
    assert!(search("\\").await.is_empty());
    // A literal underscore only appears in America/New_York; as a LIKE wildcard it would match all.
    assert_eq!(search("_").await, ["Buffalo", "Cincinnati", "Toledo"]);
}

async fn overlong_search_is_refused_with_a_reason(app: &TestApp) {
    let long = "x".repeat(101);
    let response = app.call_server_fn("sites/list", &[("search", &long)]).await;
    assert_eq!(response.status(), 400);
    let body = response.text().await.unwrap();
    assert!(body.contains("at most 100 characters"), "{body}");
}

async fn seeding_twice_changes_nothing(app: &TestApp) {
    app.seed_demo().await;
    app.seed_demo().await;
    let rows: Value = app
        .call_server_fn("sites/list", &[("search", "")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(names(&rows).len(), 12);
}

async fn unknown_pages_are_404_with_a_helpful_page(app: &TestApp) {
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}

async fn pages_go_out_gzip_compressed_to_browsers_that_accept_it(app: &TestApp) {
    app.seed_demo().await;
    let plain = app.get("/").await;
    assert_eq!(plain.headers().get("content-encoding"), None);
    let plain = plain.bytes().await.unwrap();
    let gzipped = app
        .client
        .get(app.url("/"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gzipped.status(), 200);
    assert_eq!(
        gzipped
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("gzip")
    );
    let gzipped = gzipped.bytes().await.unwrap();
    // The gzip magic number, and the page (twelve sites in a table) shrinks to well under half.
    assert_eq!(&gzipped[..2], &[0x1f, 0x8b]);
    assert!(
        gzipped.len() * 2 < plain.len(),
        "{} bytes gzipped vs {} plain",
        gzipped.len(),
        plain.len()
    );
}
