//! Long lists a page at a time (issue 19), on SQLite and PostgreSQL: the audit log and the
//! outbox (newest first), the accounts (by name) and a provider's upcoming sessions (by start),
//! each with many rows (the first three with several sharing one sort key), read forward to the end and back again, page for page, in the stored
//! order (key, then id); a row added between two page loads, beyond the pages read, shows once
//! and nothing repeats or goes missing; a position the list did not give is a 400 naming
//! `after` or `before`; and the server-rendered page links the next page keeping its filters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::Value;
use service::entities::{app_user, audit_event, email_outbox, tta_session};

use crate::accounts_support::call_with_cookie;
use crate::admin_support::{ADMIN, cookie};
use crate::harness::TestApp;

on_both_databases!(
    the_audit_log_pages_forward_and_back_in_order,
    the_outbox_pages_forward_and_back_in_order,
    the_accounts_page_by_name_forward_and_back,
    a_providers_session_list_pages_forward_and_back
);

/// Rows added per list: three per sort key, so ids break the ties.
const ROWS: usize = 130;

/// One list's server function and the filters its test reads it with.
struct List {
    endpoint: &'static str,
    filters: &'static [(&'static str, &'static str)],
}

async fn read(app: &TestApp, cookie: &str, list: &List, after: &str, before: &str) -> Value {
    let mut form: Vec<(&str, &str)> = list.filters.to_vec();
    form.extend([("after", after), ("before", before)]);
    let response = call_with_cookie(app, list.endpoint, cookie, &form).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{}: {text}", list.endpoint);
    serde_json::from_str(&text).unwrap()
}

/// The ids of a page's rows; for a provider's session list, of the sessions its days show (a
/// visit over several days once).
fn ids(page: &Value) -> Vec<i64> {
    if let Some(rows) = page["rows"].as_array() {
        return rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    }
    let mut ids: Vec<i64> = page["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["items"].as_array().unwrap().iter())
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    ids.dedup();
    ids
}

fn position(page: &Value, key: &str) -> Option<String> {
    page["pages"][key].as_str().map(str::to_owned)
}

/// Reads `list` from its first page to its last; `meanwhile` runs once, after the first page.
async fn forward(
    app: &TestApp,
    cookie: &str,
    list: &List,
    meanwhile: impl AsyncFnOnce(),
) -> Vec<Value> {
    let first = read(app, cookie, list, "", "").await;
    assert_eq!(position(&first, "previous"), None, "nothing before page 1");
    let size = first["pages"]["page_size"].as_u64().unwrap() as usize;
    assert_eq!(size, 50);
    assert_eq!(ids(&first).len(), size, "a full first page");
    let mut pages = vec![first];
    let mut meanwhile = Some(meanwhile);
    while let Some(after) = position(pages.last().unwrap(), "next") {
        if let Some(run) = meanwhile.take() {
            run().await;
        }
        let page = read(app, cookie, list, &after, "").await;
        assert!(!ids(&page).is_empty(), "a next page is never empty");
        pages.push(page);
    }
    assert!(pages.len() >= 3, "{} pages", pages.len());
    pages
}

/// Reads `list` back from the last of `pages` to the first: each page before is the one read
/// going forward.
async fn backward(app: &TestApp, cookie: &str, list: &List, pages: &[Value]) {
    let mut before = position(pages.last().unwrap(), "previous");
    let mut index = pages.len() - 1;
    while let Some(at) = before {
        index -= 1;
        let page = read(app, cookie, list, "", &at).await;
        assert_eq!(
            ids(&page),
            ids(&pages[index]),
            "page {index} read backwards"
        );
        before = position(&page, "previous");
    }
    assert_eq!(index, 0, "going back ends on the first page");
}

/// Every id once, in `expected` order, and the count each page gave.
fn assert_covers(pages: &[Value], expected: &[i64]) {
    let seen: Vec<i64> = pages.iter().flat_map(ids).collect();
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no row twice");
    assert_eq!(seen, expected, "the pages in the list's order");
    let last_total = pages.last().unwrap()["pages"]["total"].as_u64().unwrap();
    assert_eq!(last_total as usize, expected.len(), "the count is exact");
}

/// A position the list did not give, in either field, is a 400 naming the field.
async fn refuses_foreign_positions(app: &TestApp, cookie: &str, list: &List) {
    for (after, before, field) in [
        ("12", "", "after"),
        ("x-1", "", "after"),
        ("%%%-1", "", "after"),
        ("", "1-0", "before"),
        ("", "99999999999999999999-1", "before"),
    ] {
        let mut form: Vec<(&str, &str)> = list.filters.to_vec();
        form.extend([("after", after), ("before", before)]);
        let response = call_with_cookie(app, list.endpoint, cookie, &form).await;
        assert_eq!(
            response.status(),
            400,
            "{} {after:?} {before:?}",
            list.endpoint
        );
        let text = response.text().await.unwrap();
        assert!(
            text.contains(&format!("{field}: This page position is not one the")),
            "{text}"
        );
    }
}

/// The server-rendered page at `path` links the next page, keeping `kept` (already encoded), in
/// a navigation named `label`.
async fn links_the_next_page(
    app: &TestApp,
    cookie: &str,
    path: &str,
    kept: &str,
    next: &str,
    label: &str,
) {
    let html = app
        .client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (route, _) = path.split_once('?').unwrap_or((path, ""));
    let href = format!("href=\"{route}?{kept}after={next}\"");
    assert!(html.contains(&href), "{href} in {path}");
    assert!(html.contains("rel=\"next\""));
    assert!(html.contains(&format!("aria-label=\"{label}\"")), "{label}");
}

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 8, 12, 0, 0).unwrap()
}

async fn add_audit_event(app: &TestApp, at: DateTime<Utc>, n: usize) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    audit_event::ActiveModel {
        actor_user_id: Set(None),
        action: Set("paging.test".to_owned()),
        subject_type: Set("test".to_owned()),
        subject_id: Set(Some(n.to_string())),
        detail: Set("{}".to_owned()),
        ip: Set(None),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
}

async fn the_audit_log_pages_forward_and_back_in_order(app: &TestApp) {
    app.seed_demo().await;
    for n in 0..ROWS {
        add_audit_event(app, base() + Duration::minutes((n / 3) as i64), n).await;
    }
    let admin = cookie(app, ADMIN).await;
    let list = List {
        endpoint: "admin/audit",
        filters: &[("action", "paging.")],
    };
    // Added while paging, older than page 1 and at an instant three rows share already.
    let pages = forward(app, &admin, &list, async || {
        add_audit_event(app, base() + Duration::minutes(5), 999).await;
    })
    .await;
    let db = server::startup::open_database(&app.config).await.unwrap();
    let mut stored: Vec<(DateTime<Utc>, i64)> = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("paging.test"))
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.created_at, e.id))
        .collect();
    stored.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(stored.len(), ROWS + 1);
    assert_covers(
        &pages,
        &stored.iter().map(|(_, id)| *id).collect::<Vec<_>>(),
    );
    backward(app, &admin, &list, &pages).await;
    refuses_foreign_positions(app, &admin, &list).await;
    let next = position(&pages[0], "next").unwrap();
    links_the_next_page(
        app,
        &admin,
        "/admin/audit?action=paging.",
        "action=paging.&amp;",
        &next,
        "Audit log pages",
    )
    .await;
}

async fn add_message(app: &TestApp, at: DateTime<Utc>, n: usize) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    email_outbox::ActiveModel {
        dedup_key: Set(format!("paging:{n}")),
        recipient: Set(format!("paged{n}@example.org")),
        recipient_name: Set(format!("Paged {n}")),
        event: Set("paging".to_owned()),
        subject: Set(format!("Paged message {n}")),
        body_text: Set("text".to_owned()),
        body_html: Set("<p>html</p>".to_owned()),
        calendar: Set(None),
        calendar_method: Set(None),
        message_id: Set(format!("<paging-{n}@tta-scheduler>")),
        status: Set("sent".to_owned()),
        attempts: Set(1),
        next_attempt_at: Set(at),
        last_error: Set(None),
        sent_at: Set(Some(at)),
        created_at: Set(at),
        claimed_by: Set(None),
        claimed_until: Set(None),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
}

async fn the_outbox_pages_forward_and_back_in_order(app: &TestApp) {
    app.seed_demo().await;
    for n in 0..ROWS {
        add_message(app, base() + Duration::minutes((n / 3) as i64), n).await;
    }
    let admin = cookie(app, ADMIN).await;
    let list = List {
        endpoint: "admin/outbox",
        filters: &[],
    };
    let pages = forward(app, &admin, &list, async || {
        add_message(app, base() + Duration::minutes(5), 999).await;
    })
    .await;
    let db = server::startup::open_database(&app.config).await.unwrap();
    let mut stored: Vec<(DateTime<Utc>, i64)> = email_outbox::Entity::find()
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.created_at, m.id))
        .collect();
    stored.sort_unstable_by(|a, b| b.cmp(a));
    assert!(stored.len() > ROWS);
    assert_covers(
        &pages,
        &stored.iter().map(|(_, id)| *id).collect::<Vec<_>>(),
    );
    backward(app, &admin, &list, &pages).await;
    refuses_foreign_positions(app, &admin, &list).await;
    let next = position(&pages[0], "next").unwrap();
    links_the_next_page(app, &admin, "/admin/outbox", "", &next, "Outbox pages").await;
}

async fn add_coordinator(app: &TestApp, name: &str, n: usize) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    let email = format!("paged.{n}@tta.example.gov");
    app_user::ActiveModel {
        email_normalized: Set(email.clone()),
        email: Set(email),
        display_name: Set(name.to_owned()),
        time_zone: Set("America/Chicago".to_owned()),
        role: Set("coordinator".to_owned()),
        password_hash: Set(None),
        active: Set(true),
        created_at: Set(base()),
        updated_at: Set(base()),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
}

async fn the_accounts_page_by_name_forward_and_back(app: &TestApp) {
    app.seed_demo().await;
    for n in 0..ROWS {
        add_coordinator(app, &format!("Paged Person {:03}", n / 3), n).await;
    }
    let admin = cookie(app, ADMIN).await;
    let list = List {
        endpoint: "admin/users",
        filters: &[("role", "coordinator")],
    };
    // Named like three others, beyond page 1.
    let pages = forward(app, &admin, &list, async || {
        add_coordinator(app, "Paged Person 040", 999).await;
    })
    .await;
    // The stored order is the database's own order of names (its collation), then ids.
    let db = server::startup::open_database(&app.config).await.unwrap();
    let stored: Vec<i64> = app_user::Entity::find()
        .filter(app_user::Column::Role.eq("coordinator"))
        .order_by_asc(app_user::Column::DisplayName)
        .order_by_asc(app_user::Column::Id)
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|u| i64::from(u.id))
        .collect();
    assert!(stored.len() > ROWS);
    assert_covers(&pages, &stored);
    backward(app, &admin, &list, &pages).await;
    refuses_foreign_positions(app, &admin, &list).await;
    let next = position(&pages[0], "next").unwrap();
    links_the_next_page(
        app,
        &admin,
        "/admin/users?role=coordinator",
        "role=coordinator&amp;",
        &next,
        "Account pages",
    )
    .await;
}

/// A confirmed 30-minute session for `provider` on request `request`, `days` from now at
/// 03:00 UTC (clear of the demo's own sessions).
async fn add_session(app: &TestApp, provider: i32, request: i32, days: i64) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    let day = (Utc::now() + Duration::days(days)).date_naive();
    let starts = Utc.from_utc_datetime(&day.and_hms_opt(3, 0, 0).unwrap());
    let ends = starts + Duration::minutes(30);
    tta_session::ActiveModel {
        request_id: Set(request),
        provider_id: Set(provider),
        occurrence: Set(i32::try_from(days).unwrap()),
        starts_at: Set(starts),
        ends_at: Set(ends),
        blocked_from: Set(starts),
        blocked_until: Set(ends),
        anchor_zone: Set("America/Chicago".to_owned()),
        location: Set(String::new()),
        virtual_link: Set(String::new()),
        status: Set("confirmed".to_owned()),
        calendar_uid: Set(format!("paged-{days}@tta.example.gov")),
        sequence: Set(0),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .unwrap();
}

async fn a_providers_session_list_pages_forward_and_back(app: &TestApp) {
    const PRIYA: &str = "provider.phoenix@tta.example.gov";
    app.seed_demo().await;
    let db = server::startup::open_database(&app.config).await.unwrap();
    let priya = app_user::Entity::find()
        .filter(app_user::Column::EmailNormalized.eq(PRIYA))
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .id;
    let request = tta_session::Entity::find()
        .filter(tta_session::Column::ProviderId.eq(priya))
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .request_id;
    for day in 0..ROWS as i64 {
        add_session(app, priya, request, 400 + day).await;
    }
    let cookie = cookie(app, PRIYA).await;
    let list = List {
        endpoint: "provider/sessions",
        filters: &[("view", "list"), ("date", ""), ("past", "false")],
    };
    // Beyond page 1, between two sessions already listed.
    let pages = forward(app, &cookie, &list, async || {
        add_session(app, priya, request, 400 + ROWS as i64 + 5).await;
    })
    .await;
    let now = Utc::now();
    let stored: Vec<i64> = tta_session::Entity::find()
        .filter(tta_session::Column::ProviderId.eq(priya))
        .filter(tta_session::Column::Status.is_in(["tentative", "confirmed", "completed"]))
        .filter(tta_session::Column::EndsAt.gt(now))
        .filter(tta_session::Column::StartsAt.lt(now + Duration::days(731)))
        .order_by_asc(tta_session::Column::StartsAt)
        .order_by_asc(tta_session::Column::Id)
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|s| i64::from(s.id))
        .collect();
    assert!(stored.len() > ROWS);
    assert_covers(&pages, &stored);
    backward(app, &cookie, &list, &pages).await;
    refuses_foreign_positions(app, &cookie, &list).await;
    let next = position(&pages[0], "next").unwrap();
    links_the_next_page(
        app,
        &cookie,
        "/provider/sessions?view=list",
        "view=list&amp;",
        &next,
        "Session list pages",
    )
    .await;
    // A week is shown whole, without pages.
    let week = read(
        app,
        &cookie,
        &List {
            endpoint: "provider/sessions",
            filters: &[("view", "week"), ("date", ""), ("past", "false")],
        },
        "",
        "",
    )
    .await;
    assert!(week["pages"].is_null(), "{}", week["pages"]);
}
