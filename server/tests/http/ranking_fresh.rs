//! A kept ranking is never a stale one (issue 19), on SQLite and PostgreSQL: the coordinator's
//! ranking of a request is kept between views (`service::engine::RankingCache`), and every
//! kind of change to what it reads — a booking approved for the same provider elsewhere, time
//! off, weekly hours, a busy span imported from the provider's own calendar, a provider's
//! capacity, the programme's caps, a deactivated provider, a site's blackout date — shows in
//! the very next view.
//!
//! Two `service::Database` handles on one database stand for two instances of the application
//! (each keeps its own rankings): every change is made through one and viewed through both,
//! always at the same instant, so only the database's ranking generation can tell a kept
//! ranking from a stale one. Every view is compared with a ranking computed afresh from the
//! stored data, and with the view before the change (the change must show). The HTTP test runs
//! two real application instances on one database: a provider deactivated through one is gone
//! from the other's candidates at once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeZone as _, Utc};
use contract::forms::{RangeRow, TimeOffRow};
use serde_json::Value;
use service::access::Actor;
use service::engine::{candidates, rank_candidates};
use service::requests::store_request;

use crate::accounts_support::{call_with_cookie, demo_login, session_cookie};
use crate::harness::fixtures::*;
use crate::harness::{Backend, TestApp, seeded_service_database};

on_both_backends!(every_change_to_a_rankings_inputs_shows_in_the_next_view_of_either_instance);
mod http {
    on_both_databases!(a_provider_deactivated_on_one_instance_leaves_the_others_candidates);
    use super::a_provider_deactivated_on_one_instance_leaves_the_others_candidates;
}

/// The instant of every view: fixed, so a kept ranking is never too old to serve.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

/// The coordinator's view of `request` through `db`, after checking it is exactly the ranking
/// computed afresh from what is stored.
async fn view(db: &service::Database, coordinator: &Actor, request: i32) -> String {
    let shown = candidates(db, coordinator, request, now()).await.unwrap();
    let fresh = rank_candidates(db, request, now()).await.unwrap();
    let (shown, fresh) = (
        format!("{:?}", shown.ranking),
        format!("{:?}", fresh.ranking),
    );
    assert_eq!(shown, fresh, "the ranking shown is the stored data's");
    shown
}

/// Views `request` on both instances (the changing one last, so instance `a` answers from
/// what it kept before the change if anything could make it), checks they agree and that the
/// change shows; returns the new view.
async fn after_change(
    what: &str,
    before: &str,
    (a, coordinator_a): (&service::Database, &Actor),
    (b, coordinator_b): (&service::Database, &Actor),
    request: i32,
) -> String {
    let on_a = view(a, coordinator_a, request).await;
    let on_b = view(b, coordinator_b, request).await;
    assert_eq!(
        on_a, on_b,
        "both instances show the same ranking after {what}"
    );
    assert_ne!(on_a, before, "{what} changes the ranking");
    // Viewed again: the kept ranking, still the stored data's.
    assert_eq!(view(a, coordinator_a, request).await, on_a);
    on_a
}

/// A calendar server on loopback: one `.ics` file.
async fn serve_calendar(body: String) -> String {
    let files: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    files.lock().unwrap().insert("busy.ics".to_owned(), body);
    let app = axum::Router::new().route(
        "/busy.ics",
        axum::routing::get(move || {
            let body = files.lock().unwrap().get("busy.ics").cloned().unwrap();
            async move { ([("content-type", "text/calendar; charset=utf-8")], body) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/busy.ics")
}

const ADMIN: i32 = 200;
const PHOENIX: i32 = 101;

async fn every_change_to_a_rankings_inputs_shows_in_the_next_view_of_either_instance(
    backend: Backend,
) {
    let Some((database, a)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &a).await;
    add_user(
        &database.url,
        ADMIN,
        "Ada Admin",
        "America/Chicago",
        "admin",
    )
    .await;
    let b = service::Database::connect(&service::DatabaseUrl::parse(&database.url).unwrap())
        .await
        .unwrap();
    let coordinator_a = coordinator_actor(&database.url, &a).await;
    let coordinator_b = actor_of(&b, COORDINATOR).await;
    let admin = actor_of(&b, ADMIN).await;
    let phoenix = actor_of(&b, PHOENIX).await;
    let client = service::accounts::ClientInfo::default();
    let a = (&a, &coordinator_a);
    let b = (&b, &coordinator_b);
    let request = store_request(a.0, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();

    let first = view(a.0, a.1, request).await;
    assert!(first.contains("Alex Phoenix"), "{first}");
    assert_eq!(view(b.0, b.1, request).await, first);
    assert_eq!(view(a.0, a.1, request).await, first, "kept, unchanged");

    // The programme's caps and weights (while the provider is still eligible).
    let mut settings = service::admin::settings::current_settings(b.0, &admin)
        .await
        .unwrap();
    settings.max_hours_per_week = "4".into();
    settings.weight_load_balance = "40".into();
    service::admin::settings::save_settings(b.0, &admin, &client, &settings)
        .await
        .unwrap();
    let caps = after_change("the programme's caps", &first, a, b, request).await;

    // A blackout date at the site, on the first date the series would use.
    let blackout = service::admin::blackouts::add_blackout(
        b.0,
        &admin,
        &client,
        MEMPHIS,
        "2027-02-02",
        "Staff training",
        Utc::now(),
    );
    blackout.await.unwrap();
    let blacked_out = after_change("a blackout date", &caps, a, b, request).await;

    // A booking approved elsewhere: the same provider, the same times, for another request.
    let elsewhere = store_request(b.0, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let occurrences = planned_occurrences(b.0, elsewhere, PHOENIX).await;
    send_accept_approve(b.0, elsewhere, PHOENIX, &occurrences).await;
    let booked = after_change("a booking elsewhere", &blacked_out, a, b, request).await;

    // Time off through the provider's availability editor (real "now": the form refuses the past).
    let (_, mut form) = service::providers::own_availability(b.0, &phoenix, Utc::now())
        .await
        .unwrap()
        .unwrap();
    form.time_off.push(TimeOffRow {
        key: 900,
        first: "2027-03-01".into(),
        last: "2027-03-19".into(),
        reason: "Training".into(),
    });
    service::providers::save_own_availability(b.0, &phoenix, &form, Utc::now())
        .await
        .unwrap();
    let time_off = after_change("time off", &booked, a, b, request).await;

    // Weekly hours: Tuesdays go.
    form.weekly.retain(|r| r.weekday != "tue");
    form.weekly.push(RangeRow {
        key: 901,
        weekday: "sat".into(),
        start: "09:00".into(),
        end: "12:00".into(),
    });
    service::providers::save_own_availability(b.0, &phoenix, &form, Utc::now())
        .await
        .unwrap();
    let hours = after_change("weekly hours", &time_off, a, b, request).await;

    // A busy span imported from the provider's own calendar: all of April 2027.
    let url = serve_calendar(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//TTA tests//EN\r\nBEGIN:VEVENT\r\n\
         UID:april@test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20270401\r\n\
         DTEND;VALUE=DATE:20270501\r\nSUMMARY:Away\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            .to_owned(),
    )
    .await;
    let outward =
        b.0.clone()
            .with_outbound_policy(service::outbound::OutboundPolicy::ALLOW_PRIVATE);
    let connected = service::provider_calendars::connect_calendar(
        &outward,
        &phoenix,
        &service::secrets::SecretKey::generate().unwrap(),
        &service::provider_calendars::CalendarForm {
            kind: "ics",
            label: "Work",
            url: &url,
            ..Default::default()
        },
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(connected.busy_count, 1, "{connected:?}");
    let imported = after_change("a calendar's busy span", &hours, a, b, request).await;

    // The provider's own capacity: one engagement, which the booking above takes.
    let mut profile = profile(
        "America/Phoenix",
        vec![(GUN_VIOLENCE, 3), (CRIME_ANALYSIS, 2)],
        vec![],
    );
    profile.engagement_capacity = 1;
    service::providers::save_profile(b.0, PHOENIX, &profile)
        .await
        .unwrap();
    let capacity = after_change("the provider's capacity", &imported, a, b, request).await;
    profile.engagement_capacity = 3;
    service::providers::save_profile(b.0, PHOENIX, &profile)
        .await
        .unwrap();
    let restored = after_change("the capacity restored", &capacity, a, b, request).await;

    // The provider deactivated: gone from the ranking.
    service::admin::users::set_active(b.0, &admin, &client, PHOENIX, false)
        .await
        .unwrap();
    let deactivated = after_change("a deactivation", &restored, a, b, request).await;
    assert!(!deactivated.contains("Alex Phoenix"), "{deactivated}");
}

async fn a_provider_deactivated_on_one_instance_leaves_the_others_candidates(app: &TestApp) {
    app.seed_demo().await;
    // The second instance: the same configuration, so the same database.
    let second = server::startup::Application::build(&app.config)
        .await
        .unwrap();
    let second_address = format!("http://{}", second.local_addr());
    tokio::spawn(second.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login_second = async |email: &str| {
        let response = client
            .post(format!("{second_address}/api/auth/login"))
            .header("Accept", "application/json")
            .form(&[("email", email), ("password", demo::DEMO_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{email}");
        session_cookie(&response).unwrap().0
    };
    let coordinator_first = demo_login(app, "coordinator@tta.example.gov").await;
    let coordinator_second = login_second("coordinator@tta.example.gov").await;
    let admin_second = login_second("admin@tta.example.gov").await;
    let call_second = async |cookie: &str, endpoint: &str, form: &[(&str, &str)]| {
        let response = client
            .post(format!("{second_address}/api/{endpoint}"))
            .header("Accept", "application/json")
            .header("Cookie", cookie)
            .form(form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{endpoint}");
        response.json::<Value>().await.unwrap()
    };

    // A request with eligible candidates.
    let queue = call_with_cookie(
        app,
        "coordinator/queue",
        &coordinator_first,
        crate::harness::UNFILTERED_QUEUE,
    )
    .await
    .json::<Value>()
    .await
    .unwrap();
    let candidates_first = async |id: &str| {
        let response = call_with_cookie(
            app,
            "coordinator/candidates",
            &coordinator_first,
            &[("id", id)],
        )
        .await;
        assert_eq!(response.status(), 200);
        response.json::<Value>().await.unwrap()
    };
    let mut chosen = None;
    for row in queue["rows"].as_array().unwrap() {
        let id = row["id"].to_string();
        let ranked = candidates_first(&id).await;
        if !ranked["eligible"].as_array().unwrap().is_empty() {
            chosen = Some((id, ranked));
            break;
        }
    }
    let (request, before) = chosen.expect("a demo request with eligible providers");
    let best = before["eligible"][0]["provider_id"].as_i64().unwrap();
    assert_eq!(
        call_second(
            &coordinator_second,
            "coordinator/candidates",
            &[("id", &request)]
        )
        .await,
        before,
        "both instances rank alike"
    );
    assert_eq!(candidates_first(&request).await, before, "kept, unchanged");

    call_second(
        &admin_second,
        "admin/users/active",
        &[("user_id", &best.to_string()), ("active", "false")],
    )
    .await;

    let after = candidates_first(&request).await;
    let ids = |ranked: &Value, list: &str| -> Vec<i64> {
        ranked[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["provider_id"].as_i64().unwrap())
            .collect()
    };
    assert!(
        !ids(&after, "eligible").contains(&best) && !ids(&after, "excluded").contains(&best),
        "the deactivated provider is gone from the first instance's ranking: {after}"
    );
    assert_eq!(
        call_second(
            &coordinator_second,
            "coordinator/candidates",
            &[("id", &request)]
        )
        .await,
        after
    );
}
