//! Submitting requests at the same time never fails (issue 22, item 3: an intermittent 500 on
//! submitting a request, where the identical retry went through), on SQLite and PostgreSQL:
//! twenty submissions at once over HTTP — from ten contacts of one site and ten from a single
//! contact — while people log in and pages load, all answer 200, each stores its request once
//! and queues its "request received" e-mails.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use sea_orm::{ConnectionTrait, Statement};
use service::accounts::SessionPolicy;

use crate::harness::fixtures::{COORDINATOR, GUN_VIOLENCE, MEMPHIS, add_site_contact, add_user};
use crate::harness::{Backend, TestApp, spawn_app};

on_both_backends!(twenty_submissions_at_once_all_succeed);

const CONTACTS: i32 = 10;
const FIRST_CONTACT: i32 = 300;

fn intake(title: &str) -> Vec<(&'static str, String)> {
    let first = chrono::Utc::now().date_naive() + chrono::Duration::days(60);
    vec![
        ("site_id", MEMPHIS.to_string()),
        ("form[title]", title.to_owned()),
        ("form[topic_ids][]", GUN_VIOLENCE.to_string()),
        ("form[engagement_type]", "operations".to_owned()),
        ("form[modality]", "virtual".to_owned()),
        ("form[session_count]", "1".to_owned()),
        ("form[cadence]", "once".to_owned()),
        ("form[session_minutes]", "90".to_owned()),
        ("form[earliest_date]", first.format("%Y-%m-%d").to_string()),
        (
            "form[latest_date]",
            (first + chrono::Duration::days(30))
                .format("%Y-%m-%d")
                .to_string(),
        ),
        ("form[preferred_weekdays][]", "tue".to_owned()),
        ("form[preferred_start]", "09:00".to_owned()),
        ("form[preferred_end]", "12:00".to_owned()),
        ("form[expected_attendees]", "10".to_owned()),
        ("form[minimum_level]", "2".to_owned()),
    ]
}

async fn cookie_of(db: &service::Database, user_id: i32) -> String {
    let session = service::accounts::login_sessions::start_login_session(
        db,
        user_id,
        None,
        &SessionPolicy::default(),
    )
    .await
    .unwrap();
    format!("tta_session={}", session.token.expose())
}

async fn submit(app: &TestApp, cookie: &str, title: &str) -> (u16, String) {
    let form = intake(title);
    let response = app
        .client
        .post(app.url("/api/requests/submit"))
        .header("Accept", "application/json")
        .header("Cookie", cookie)
        .form(&form)
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let raw = sea_orm::Database::connect(app.config.database_url.as_str())
        .await
        .unwrap();
    let row = raw
        .query_one_raw(Statement::from_string(
            raw.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn twenty_submissions_at_once_all_succeed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let db = server::startup::open_database(&app.config).await.unwrap();
    demo::seed_reference_data(&db).await.unwrap();
    let url = app.config.database_url.as_str().to_owned();
    add_user(
        &url,
        COORDINATOR,
        "Casey Coordinator",
        "America/New_York",
        "coordinator",
    )
    .await;
    let mut cookies = Vec::new();
    for id in FIRST_CONTACT..FIRST_CONTACT + CONTACTS {
        add_site_contact(&url, id, &format!("Contact {id}"), MEMPHIS).await;
        cookies.push(cookie_of(&db, id).await);
    }
    // Sessions last seen two minutes ago: every call also records that it was seen (a write).
    let raw = sea_orm::Database::connect(url.as_str()).await.unwrap();
    raw.execute_unprepared(&format!(
        "UPDATE login_session SET last_seen_at = '{}'",
        (chrono::Utc::now() - chrono::Duration::minutes(2)).format("%Y-%m-%d %H:%M:%S%:z")
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
    let app = Arc::new(app);
    let db = Arc::new(db);
    // Ten contacts at once, and one contact ten times at once; people logging in and pages
    // loading meanwhile.
    let callers: Vec<(String, String)> = cookies
        .iter()
        .enumerate()
        .map(|(i, cookie)| (cookie.clone(), format!("Request of contact {i}")))
        .chain((0..10).map(|i| (cookies[0].clone(), format!("Request {i} of contact 0"))))
        .collect();
    let mut tasks = Vec::new();
    for (cookie, title) in callers {
        let app = Arc::clone(&app);
        tasks.push(tokio::spawn(async move {
            let outcome = submit(&app, &cookie, &title).await;
            (title, outcome)
        }));
    }
    let mut noise = Vec::new();
    for id in FIRST_CONTACT..FIRST_CONTACT + CONTACTS {
        let (app, db) = (Arc::clone(&app), Arc::clone(&db));
        noise.push(tokio::spawn(async move {
            let cookie = cookie_of(&db, id).await;
            app.client
                .get(app.url("/requests"))
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut failures = Vec::new();
    for task in tasks {
        let (title, (status, body)) = task.await.unwrap();
        if status != 200 {
            failures.push(format!("{title}: {status} {body}"));
        }
    }
    for task in noise {
        assert_eq!(task.await.unwrap(), 200, "a page loaded meanwhile");
    }
    assert!(failures.is_empty(), "submissions failed: {failures:#?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tta_request").await, 20);
    // Each request told its submitter and the coordinator (and the site's other contacts).
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(DISTINCT dedup_key) FROM email_outbox WHERE event = 'request_received'"
        )
        .await,
        20 * (i64::from(CONTACTS) + 1)
    );
}
