//! Pages keep rendering while other applications start in the same process (as they do in
//! these integration tests): `leptos_axum::generate_route_list` switches resource loading off
//! process-wide while it runs (leptos-rs/leptos#4773), so a page whose data load began then
//! waited forever. The server works its route list out once per process
//! (`server::page_routes`); here one application serves 400 pages with data while 30 others
//! start, and every page must arrive (a stalled one never would; 20 s is far beyond any page).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::{Backend, spawn_app};

#[tokio::test]
async fn pages_render_while_other_applications_start() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    app.seed_demo().await;
    let houston = demo_login(&app, "contact.houston@tta.example.gov").await;
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap();
    let mut stalled = 0;
    for _ in 0..400 {
        match client
            .get(app.url("/requests"))
            .header("Cookie", houston.as_str())
            .send()
            .await
        {
            Ok(page) => stalled += usize::from(page.text().await.is_err()),
            Err(_) => stalled += 1,
        }
    }
    assert_eq!(stalled, 0, "pages that never finished");
}

#[tokio::test]
async fn other_applications_start_meanwhile() {
    for _ in 0..30 {
        let _app = spawn_app(Backend::Sqlite).await.unwrap();
    }
}
