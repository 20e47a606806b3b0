//! The coordinator's queue a page at a time (issue 19), on SQLite and PostgreSQL: keyset pages
//! forward and back cover every waiting request once, in order, ties of the submission instant
//! broken by id; a request submitted between two page loads neither repeats nor hides a row; a
//! page position the queue did not give is a 400 naming the field; and the page itself links
//! the next page keeping the filters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, EntityTrait, QueryOrder};
use serde_json::Value;
use service::entities::tta_request;

use crate::accounts_support::{call_with_cookie, login, session_cookie};
use crate::harness::TestApp;

on_both_databases!(
    pages_cover_the_queue_once_in_order_forward_and_back,
    bad_positions_are_named_and_the_page_links_the_next,
    the_total_is_every_row_across_the_pages
);

/// Adds `count` waiting requests copied from the demo's first one, three at each submission
/// instant (so ids break the ties), older than every demo request.
async fn add_requests(app: &TestApp, count: usize) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    let model = tta_request::Entity::find()
        .order_by_asc(tta_request::Column::Id)
        .one(db.conn())
        .await
        .unwrap()
        .expect("a demo request");
    let base = Utc.with_ymd_and_hms(2025, 3, 8, 12, 0, 0).unwrap();
    for n in 0..count {
        let at = base + chrono::Duration::minutes((n / 3) as i64);
        let copy = tta_request::ActiveModel {
            id: NotSet,
            title: Set(format!("Paged request {n:03}")),
            status: Set("submitted".to_owned()),
            created_at: Set(at),
            updated_at: Set(at),
            ..tta_request::ActiveModel::from(model.clone())
        };
        copy.insert(db.conn()).await.unwrap();
    }
}

async fn page(app: &TestApp, cookie: &str, after: &str, before: &str) -> reqwest::Response {
    call_with_cookie(
        app,
        "coordinator/queue",
        cookie,
        &[
            ("status", "submitted"),
            ("site", ""),
            ("topic", ""),
            ("engagement", ""),
            ("min_age_days", ""),
            ("after", after),
            ("before", before),
        ],
    )
    .await
}

async fn read(app: &TestApp, cookie: &str, after: &str, before: &str) -> Value {
    let response = page(app, cookie, after, before).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn ids(page: &Value) -> Vec<i64> {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

fn position(page: &Value, key: &str) -> Option<String> {
    page[key].as_str().map(str::to_owned)
}

async fn coordinator(app: &TestApp) -> String {
    let response = login(app, "coordinator@tta.example.gov", "demo-password-2026").await;
    assert_eq!(response.status(), 200);
    session_cookie(&response).unwrap().0
}

async fn pages_cover_the_queue_once_in_order_forward_and_back(app: &TestApp) {
    app.seed_demo().await;
    add_requests(app, 130).await;
    let cookie = coordinator(app).await;

    let first = read(app, &cookie, "", "").await;
    let total = first["total"].as_u64().unwrap();
    let size = first["page_size"].as_u64().unwrap() as usize;
    assert!(total >= 130, "{total}");
    assert_eq!(ids(&first).len(), size);
    assert_eq!(
        position(&first, "previous"),
        None,
        "the first page has none before"
    );

    // Forward to the end; a request submitted meanwhile (the newest) shows up once, last.
    let mut seen = ids(&first);
    let mut next = position(&first, "next");
    let mut pages = vec![first];
    let mut added = false;
    while let Some(after) = next {
        if !added {
            add_requests_now(app).await;
            added = true;
        }
        let page = read(app, &cookie, &after, "").await;
        assert!(!ids(&page).is_empty(), "a next page is never empty");
        seen.extend(ids(&page));
        next = position(&page, "next");
        pages.push(page);
    }
    let mut sorted = seen.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), seen.len(), "no row twice");
    assert_eq!(
        seen.len() as u64,
        total + 1,
        "every request once, the new one too"
    );
    assert!(pages.len() >= 3);

    // Oldest first, ties (three per instant) by id: the copies are in id order.
    let db = server::startup::open_database(&app.config).await.unwrap();
    let stored: Vec<(i64, chrono::DateTime<Utc>)> = tta_request::Entity::find()
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.status == "submitted")
        .map(|r| (i64::from(r.id), r.created_at))
        .collect();
    let mut expected = stored.clone();
    expected.sort_by_key(|(id, at)| (*at, *id));
    assert_eq!(
        seen,
        expected.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        "the pages in the queue's order"
    );

    // Back from the last page: each page before is the one seen going forward.
    let last = pages.last().unwrap();
    let mut before = position(last, "previous");
    let mut index = pages.len() - 1;
    while let Some(position_before) = before {
        index -= 1;
        let page = read(app, &cookie, "", &position_before).await;
        assert_eq!(
            ids(&page),
            ids(&pages[index]),
            "page {index} read backwards"
        );
        before = position(&page, "previous");
    }
    assert_eq!(index, 0, "going back ends on the first page");
}

/// One request submitted now (the newest).
async fn add_requests_now(app: &TestApp) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    let model = tta_request::Entity::find()
        .order_by_asc(tta_request::Column::Id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    tta_request::ActiveModel {
        id: NotSet,
        title: Set("Submitted while paging".to_owned()),
        status: Set("submitted".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..tta_request::ActiveModel::from(model)
    }
    .insert(db.conn())
    .await
    .unwrap();
}

async fn bad_positions_are_named_and_the_page_links_the_next(app: &TestApp) {
    app.seed_demo().await;
    add_requests(app, 60).await;
    let cookie = coordinator(app).await;
    for (after, before, field) in [
        ("12", "", "after"),
        ("x-1", "", "after"),
        ("", "1-0", "before"),
        ("", "99999999999999999999-1", "before"),
    ] {
        let response = page(app, &cookie, after, before).await;
        assert_eq!(response.status(), 400, "{after:?} {before:?}");
        let text = response.text().await.unwrap();
        assert!(
            text.contains(&format!(
                "{field}: This page position is not one the queue gave"
            )),
            "{text}"
        );
    }
    // The page (server-rendered): a link to the next page that keeps the status filter.
    let html = app
        .client
        .get(app.url("/coordinator?status=submitted"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let first = read(app, &cookie, "", "").await;
    let next = position(&first, "next").expect("more than a page");
    assert!(
        html.contains(&format!(
            "href=\"/coordinator?status=submitted&amp;after={next}\""
        )),
        "{}",
        &html[html.find("Queue pages").unwrap_or(0)..][..400.min(html.len())]
    );
    assert!(html.contains("rel=\"next\""));
}

/// The queue's total is the number of rows its pages hold, whether it comes from the status
/// counts (no filter, or only a status) or is counted (any other filter), and the status
/// counts beside it are the database's own.
async fn the_total_is_every_row_across_the_pages(app: &TestApp) {
    app.seed_demo().await;
    add_requests(app, 70).await;
    let cookie = coordinator(app).await;
    let db = server::startup::open_database(&app.config).await.unwrap();
    let stored = tta_request::Entity::find().all(db.conn()).await.unwrap();
    let site = stored[0].site_id.to_string();
    let waiting = ["submitted", "matching", "proposed", "approved"];
    for (status, site, expected) in [
        (
            "",
            "",
            stored
                .iter()
                .filter(|r| waiting.contains(&r.status.as_str()))
                .count(),
        ),
        (
            "submitted",
            "",
            stored.iter().filter(|r| r.status == "submitted").count(),
        ),
        (
            "scheduled",
            "",
            stored.iter().filter(|r| r.status == "scheduled").count(),
        ),
        (
            "",
            site.as_str(),
            stored
                .iter()
                .filter(|r| r.site_id.to_string() == site && waiting.contains(&r.status.as_str()))
                .count(),
        ),
    ] {
        let mut after = String::new();
        let mut seen = 0;
        let mut total = None;
        loop {
            let response = call_with_cookie(
                app,
                "coordinator/queue",
                &cookie,
                &[
                    ("status", status),
                    ("site", site),
                    ("topic", ""),
                    ("engagement", ""),
                    ("min_age_days", ""),
                    ("after", &after),
                ],
            )
            .await;
            assert_eq!(response.status(), 200);
            let page: Value = response.json().await.unwrap();
            let this_total = page["total"].as_u64().unwrap();
            assert_eq!(*total.get_or_insert(this_total), this_total);
            seen += ids(&page).len();
            match position(&page, "next") {
                Some(next) => after = next,
                None => break,
            }
        }
        assert_eq!(
            (total, seen),
            (Some(expected as u64), expected),
            "status {status:?}, site {site:?}"
        );
        if status.is_empty() && site.is_empty() {
            assert!(expected > 50, "more than one page: {expected}");
        }
    }
    let first = read(app, &cookie, "", "").await;
    for count in first["counts"].as_array().unwrap() {
        let status = count["status"].as_str().unwrap();
        assert_eq!(
            count["count"].as_u64().unwrap() as usize,
            stored.iter().filter(|r| r.status == status).count(),
            "{status}"
        );
    }
}
