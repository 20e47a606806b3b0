//! The provider's and the site contacts' group-event pages (issue 17), through the real
//! server functions and the rendered pages, on SQLite and PostgreSQL: a provider sees only
//! the events they deliver (with the participants) and records attendance, another provider
//! finds nothing; a contact of a site in the audience sees the event with its shareable
//! registration link, a contact of another site does not; only the host site's contacts see
//! participants' personal data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(
    a_provider_sees_their_own_events_and_records_attendance,
    audience_sites_see_the_link_and_only_the_host_sees_people,
);

const MEMPHIS: &str = "3";
const TITLE: &str = "Violence interruption workshop";

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    count(&raw_db(app).await, sql).await
}

/// A workshop hosted by Memphis a week from now, open to Memphis and Houston, delivered by
/// Phoenix's provider, with Ana Ruiz registered; returns its id and registration link path.
async fn workshop_with_ana(app: &TestApp) -> (i64, String) {
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let provider = scalar(
        app,
        "SELECT CAST(id AS BIGINT) FROM app_user WHERE email = 'provider.phoenix@tta.example.gov'",
    )
    .await
    .to_string();
    let houston = scalar(
        app,
        "SELECT CAST(id AS BIGINT) FROM site WHERE name = 'Houston'",
    )
    .await
    .to_string();
    let zone = scheduling::Zone::parse("America/Chicago").unwrap();
    let clock = |days: i64| zone.local(chrono::Utc::now() + chrono::Duration::days(days));
    let (start, deadline) = (clock(7), clock(6));
    let form = [
        ("form[kind]", "workshop".to_owned()),
        ("form[title]", TITLE.to_owned()),
        (
            "form[description]",
            "Street outreach in practice.".to_owned(),
        ),
        ("form[host_site_id]", MEMPHIS.to_owned()),
        ("form[audience]", "sites".to_owned()),
        ("form[audience_site_ids][]", houston),
        ("form[provider_id]", provider),
        ("form[date]", start.format("%Y-%m-%d").to_string()),
        ("form[start_time]", start.format("%H:%M").to_string()),
        ("form[minutes]", "120".to_owned()),
        (
            "form[location]",
            "Memphis Police Training Academy".to_owned(),
        ),
        ("form[capacity]", "20".to_owned()),
        (
            "form[deadline_date]",
            deadline.format("%Y-%m-%d").to_string(),
        ),
        ("form[deadline_time]", deadline.format("%H:%M").to_string()),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = call_with_cookie(app, "events/create", &coordinator, &pairs).await;
    assert_eq!(created.status(), 200, "{:?}", created.text().await);
    let id = created.json::<Value>().await.unwrap().as_i64().unwrap();
    let shown = page(app, &coordinator, id).await;
    let share = shown["share_path"].as_str().unwrap().to_owned();
    let token = share.trim_start_matches("/events/join/");
    let registered = app
        .call_server_fn(
            "events/register",
            &[
                ("token", token),
                ("form[name]", "Ana Ruiz"),
                ("form[email]", "ana@mpd.example.gov"),
                ("form[agency]", "Memphis Police Department"),
                ("form[job_role]", "Crime analyst"),
                ("form[accessibility_needs]", "Captions"),
                ("form[time_zone]", "America/Chicago"),
            ],
        )
        .await;
    assert_eq!(registered.status(), 200, "{:?}", registered.text().await);
    (id, share)
}

async fn page(app: &TestApp, cookie: &str, id: i64) -> Value {
    let response = call_with_cookie(app, "events/page", cookie, &[("id", &id.to_string())]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn list(app: &TestApp, cookie: &str) -> Vec<Value> {
    let response = call_with_cookie(app, "events/list", cookie, &[]).await;
    assert_eq!(response.status(), 200);
    response
        .json::<Value>()
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// A rendered page: its status and HTML.
async fn html(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn attendance(app: &TestApp, cookie: &str, id: i64, registration: &str) -> u16 {
    call_with_cookie(
        app,
        "events/attendance",
        cookie,
        &[
            ("id", &id.to_string()),
            ("registration", registration),
            ("attendance", "present"),
        ],
    )
    .await
    .status()
    .as_u16()
}

async fn a_provider_sees_their_own_events_and_records_attendance(app: &TestApp) {
    app.seed_demo().await;
    let (id, share) = workshop_with_ana(app).await;
    let phoenix = demo_login(app, "provider.phoenix@tta.example.gov").await;

    let rows = list(app, &phoenix).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["id"], id);
    assert_eq!(rows[0]["past"], false);
    assert_eq!(rows[0]["registered"], 1);
    assert_eq!(rows[0]["capacity"], 20);
    let (status, body) = html(app, "/provider/events", &phoenix).await;
    assert_eq!(status, 200);
    assert!(body.contains(TITLE), "{body}");
    assert!(body.contains(&format!("/provider/events/{id}")));
    assert!(body.contains("1 of 20 taken"));
    assert!(body.contains("nav-provider-events"));

    let shown = page(app, &phoenix, id).await;
    assert_eq!(shown["can_record_attendance"], true);
    assert_eq!(shown["can_manage"], false);
    let people = shown["participants"].as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["agency"], "Memphis Police Department");
    let ana = people[0]["id"].to_string();
    let (status, body) = html(app, &format!("/provider/events/{id}"), &phoenix).await;
    assert_eq!(status, 200);
    assert!(body.contains("Ana Ruiz") && body.contains(&share), "{body}");

    assert_eq!(attendance(app, &phoenix, id, &ana).await, 200);
    let shown = page(app, &phoenix, id).await;
    let label = shown["participants"][0]["attendance_label"]
        .as_str()
        .unwrap();
    assert!(label.starts_with("Present (recorded by"), "{label}");

    // Another provider: no such event, in the list, on its page or for attendance.
    let denver = demo_login(app, "provider.denver@tta.example.gov").await;
    assert!(list(app, &denver).await.is_empty());
    let other = call_with_cookie(app, "events/page", &denver, &[("id", &id.to_string())]).await;
    assert_eq!(other.status(), 404);
    assert_eq!(attendance(app, &denver, id, &ana).await, 404);
    let (_, body) = html(app, "/provider/events", &denver).await;
    assert!(!body.contains(TITLE));
    let (_, body) = html(app, &format!("/provider/events/{id}"), &denver).await;
    assert!(!body.contains("Ana Ruiz"));
}

async fn audience_sites_see_the_link_and_only_the_host_sees_people(app: &TestApp) {
    app.seed_demo().await;
    let (id, share) = workshop_with_ana(app).await;
    let idt = id.to_string();

    // Memphis hosts: the link, and the people.
    let memphis = demo_login(app, "contact.memphis@tta.example.gov").await;
    let rows = list(app, &memphis).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let link = rows[0]["share_path"].as_str().unwrap().to_owned();
    assert!(
        link.starts_with("http") && link.ends_with(&share),
        "an absolute link to share: {link}"
    );
    let shown = page(app, &memphis, id).await;
    assert_eq!(shown["participants"].as_array().unwrap().len(), 1);
    let (status, body) = html(app, "/site/events", &memphis).await;
    assert_eq!(status, 200);
    assert!(body.contains(&link), "{body}");
    assert!(body.contains(&format!("Registration link for {TITLE}")));
    assert!(body.contains("nav-site-events"));

    // Houston is in the audience: the link, but not the people, and no correcting.
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    let rows = list(app, &houston).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["share_path"], link);
    let shown = page(app, &houston, id).await;
    assert_eq!(shown["participants"], Value::Null);
    assert_eq!(shown["check_in_code"], "");
    let (status, body) = html(app, &format!("/site/events/{id}"), &houston).await;
    assert_eq!(status, 200);
    assert!(body.contains(TITLE) && body.contains(&share));
    assert!(!body.contains("Ana Ruiz") && !body.contains("ana@mpd.example.gov"));
    assert_eq!(attendance(app, &houston, id, "1").await, 403);

    // Buffalo is not in the audience: nothing at all.
    let buffalo = demo_login(app, "contact.buffalo@tta.example.gov").await;
    assert!(list(app, &buffalo).await.is_empty());
    let hidden = call_with_cookie(app, "events/page", &buffalo, &[("id", &idt)]).await;
    assert_eq!(hidden.status(), 404);
    let (status, body) = html(app, "/site/events", &buffalo).await;
    assert_eq!(status, 200);
    assert!(!body.contains(TITLE) && !body.contains(&share));
}
