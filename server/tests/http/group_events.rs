//! Group events (issue 17) through the real server functions, on SQLite and PostgreSQL: the
//! coordinator creates a webinar; people register from the shared link without an account
//! (seated, then waitlisted in arrival order), the same address again returns the existing
//! registration, a personal cancel link works once and seats the next person waiting (e-mailed
//! once), raising capacity seats as many, registration after the deadline or for a cancelled
//! event is refused with the reason; the confirmation's invite is on the participant's clock;
//! many registrations and cancellations at once seat exactly capacity, in order; self check-in
//! with the code and the coordinator's correction; who sees participants' personal data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::Value;

on_both_databases!(
    registration_waitlist_cancel_once_and_capacity,
    deadline_and_cancelled_event_are_refused_with_the_reason,
    concurrent_registrations_and_cancellations_seat_exactly_capacity_in_order,
    participants_check_in_with_the_code_and_staff_correct_it,
    only_the_coordinator_provider_and_host_contacts_see_participants,
);

const MEMPHIS: &str = "3";

/// `now + minutes` on Memphis's wall clock, as the form's date and time.
fn memphis_clock(minutes: i64) -> (String, String) {
    let zone = scheduling::Zone::parse("America/Chicago").unwrap();
    let local = zone.local(chrono::Utc::now() + chrono::Duration::minutes(minutes));
    (
        local.format("%Y-%m-%d").to_string(),
        local.format("%H:%M").to_string(),
    )
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let db = raw_db(app).await;
    count(
        &db,
        &format!("SELECT CAST(id AS BIGINT) FROM app_user WHERE email = '{email}'"),
    )
    .await
}

/// Creates a webinar hosted by Memphis starting `starts_in` minutes from now (registration
/// closing 10 minutes before); returns its id and shared-link token.
async fn create_event(
    app: &TestApp,
    cookie: &str,
    capacity: i32,
    starts_in: i64,
    provider: Option<i64>,
) -> (i64, String) {
    let (date, time) = memphis_clock(starts_in);
    let (deadline_date, deadline_time) = memphis_clock(starts_in - 10);
    let form = [
        ("form[kind]", "webinar".to_owned()),
        ("form[title]", "Crime gun intelligence 101".to_owned()),
        ("form[description]", "NIBIN leads in practice.".to_owned()),
        ("form[host_site_id]", MEMPHIS.to_owned()),
        ("form[audience]", "site".to_owned()),
        (
            "form[provider_id]",
            provider.map(|p| p.to_string()).unwrap_or_default(),
        ),
        ("form[date]", date),
        ("form[start_time]", time),
        ("form[minutes]", "90".to_owned()),
        (
            "form[virtual_link]",
            "https://meet.example.gov/cgic".to_owned(),
        ),
        ("form[capacity]", capacity.to_string()),
        ("form[deadline_date]", deadline_date),
        ("form[deadline_time]", deadline_time),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = call_with_cookie(app, "events/create", cookie, &pairs).await;
    assert_eq!(created.status(), 200, "{:?}", created.text().await);
    let id = created.json::<Value>().await.unwrap().as_i64().unwrap();
    let page = page(app, cookie, id).await;
    let token = page["share_path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/events/join/")
        .to_owned();
    assert_eq!(token.len(), 64, "an unguessable link: {token}");
    (id, token)
}

async fn page(app: &TestApp, cookie: &str, id: i64) -> Value {
    let response = call_with_cookie(app, "events/page", cookie, &[("id", &id.to_string())]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn register_raw(
    client: &reqwest::Client,
    address: &str,
    token: &str,
    name: &str,
    email: &str,
    zone: &str,
) -> reqwest::Response {
    client
        .post(format!("{address}/api/events/register"))
        .header("Accept", "application/json")
        .form(&[
            ("token", token),
            ("form[name]", name),
            ("form[email]", email),
            ("form[agency]", "Memphis Police Department"),
            ("form[job_role]", "Crime analyst"),
            ("form[accessibility_needs]", ""),
            ("form[time_zone]", zone),
        ])
        .send()
        .await
        .unwrap()
}

async fn register(app: &TestApp, token: &str, name: &str, email: &str, zone: &str) -> Value {
    let response = register_raw(&app.client, &app.address, token, name, email, zone).await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    response.json().await.unwrap()
}

fn personal_token(outcome: &Value) -> String {
    outcome["personal_path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/events/registration/")
        .to_owned()
}

async fn public(app: &TestApp, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
    app.call_server_fn(endpoint, form).await
}

async fn outbox_count(app: &TestApp, event: &str, recipient: &str) -> i64 {
    let db = raw_db(app).await;
    count(
        &db,
        &format!(
            "SELECT COUNT(*) FROM email_outbox WHERE event = '{event}' AND recipient = '{recipient}'"
        ),
    )
    .await
}

async fn registration_waitlist_cancel_once_and_capacity(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, 2, 7 * 24 * 60, None).await;

    let shown: Value = public(app, "events/public", &[("token", &token)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["seats_left"], 2);
    assert_eq!(shown["closed_reason"], Value::Null);

    let ana = register(
        app,
        &token,
        "Ana Ruiz",
        "ana@mpd.example.gov",
        "America/Los_Angeles",
    )
    .await;
    assert_eq!(ana["status"], "registered");
    let ben = register(
        app,
        &token,
        "Ben Ode",
        "ben@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    assert_eq!(ben["status"], "registered");
    let cy = register(
        app,
        &token,
        "Cy Park",
        "cy@mpd.example.gov",
        "America/New_York",
    )
    .await;
    assert_eq!(cy["status"], "waitlisted");
    assert_eq!(cy["waitlist_place"], 1);
    let dee = register(
        app,
        &token,
        "Dee Lo",
        "dee@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    assert_eq!(dee["waitlist_place"], 2);

    // The same address (any case) again: the existing registration, politely, and no link.
    let again = register(
        app,
        &token,
        "Ana R.",
        "ANA@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    assert_eq!(again["already"], true);
    assert_eq!(again["status"], "registered");
    assert_eq!(again["personal_path"], Value::Null);
    assert!(
        again["message"]
            .as_str()
            .unwrap()
            .contains("already registered")
    );
    assert_eq!(
        outbox_count(app, "event_registered", "ana@mpd.example.gov").await,
        1
    );
    assert_eq!(
        outbox_count(app, "event_waitlisted", "cy@mpd.example.gov").await,
        1
    );

    // A form with mistakes names each field.
    let refused = register_raw(
        &app.client,
        &app.address,
        &token,
        "",
        "not-an-address",
        "Mars/Base",
    )
    .await;
    assert_eq!(refused.status(), 400);
    let text = error_text(refused).await;
    for field in ["name: ", "email: ", "time_zone: "] {
        assert!(text.contains(field), "{text}");
    }

    // The invite is on Ana's clock (Los Angeles), with that zone's definition.
    let db = raw_db(app).await;
    let ics = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT a.content FROM email_attachment a JOIN email_outbox o ON o.id = a.outbox_id \
             WHERE o.event = 'event_registered' AND o.recipient = 'ana@mpd.example.gov'"
                .to_owned(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap();
    assert!(ics.contains("DTSTART;TZID=America/Los_Angeles:"), "{ics}");
    assert!(
        ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles"),
        "{ics}"
    );
    assert!(ics.contains("METHOD:REQUEST"), "{ics}");

    // Ana cancels with her personal link: once. Cy, first waiting, is seated and e-mailed.
    let ana_link = personal_token(&ana);
    let first = public(app, "events/withdraw", &[("token", &ana_link)]).await;
    assert_eq!(first.status(), 200);
    let second = public(app, "events/withdraw", &[("token", &ana_link)]).await;
    assert_eq!(second.status(), 409);
    assert!(error_text(second).await.contains("the link works once"));
    assert_eq!(
        outbox_count(app, "event_promoted", "cy@mpd.example.gov").await,
        1
    );
    assert_eq!(
        outbox_count(app, "event_promoted", "dee@mpd.example.gov").await,
        0
    );
    let cy_page: Value = public(app, "events/mine", &[("token", &personal_token(&cy))])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cy_page["status"], "registered");
    let dee_page: Value = public(app, "events/mine", &[("token", &personal_token(&dee))])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dee_page["waitlist_place"], 1);

    // Capacity below the seats taken is refused beside the field; raising it seats Dee.
    let idt = id.to_string();
    let low = call_with_cookie(
        app,
        "events/capacity",
        &coordinator,
        &[("id", &idt), ("capacity", "1")],
    )
    .await;
    assert_eq!(low.status(), 400);
    assert!(
        error_text(low)
            .await
            .contains("capacity: 2 people hold seats")
    );
    let raised = call_with_cookie(
        app,
        "events/capacity",
        &coordinator,
        &[("id", &idt), ("capacity", "5")],
    )
    .await;
    assert_eq!(raised.status(), 200);
    assert_eq!(
        outbox_count(app, "event_promoted", "dee@mpd.example.gov").await,
        1
    );
    let shown = page(app, &coordinator, id).await;
    assert_eq!(shown["registered"], 3);
    assert_eq!(shown["waitlisted"], 0);
}

async fn deadline_and_cancelled_event_are_refused_with_the_reason(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, 10, 3 * 24 * 60, None).await;
    let ana = register(
        app,
        &token,
        "Ana Ruiz",
        "ana@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    assert_eq!(ana["status"], "registered");

    let db = raw_db(app).await;
    let past = chrono::Utc::now() - chrono::Duration::minutes(5);
    db.execute_raw(sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        if db.get_database_backend() == sea_orm::DbBackend::Postgres {
            "UPDATE group_event SET registration_deadline = $1 WHERE id = $2"
        } else {
            "UPDATE group_event SET registration_deadline = ? WHERE id = ?"
        },
        [past.into(), (id as i32).into()],
    ))
    .await
    .unwrap();
    let late = register_raw(
        &app.client,
        &app.address,
        &token,
        "Bo",
        "bo@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    assert_eq!(late.status(), 409);
    assert!(error_text(late).await.contains("Registration closed"));

    let cancelled = call_with_cookie(
        app,
        "events/cancel",
        &coordinator,
        &[("id", &id.to_string())],
    )
    .await;
    assert_eq!(cancelled.status(), 200);
    let twice = call_with_cookie(
        app,
        "events/cancel",
        &coordinator,
        &[("id", &id.to_string())],
    )
    .await;
    assert_eq!(twice.status(), 409);
    let refused = register_raw(
        &app.client,
        &app.address,
        &token,
        "Bo",
        "bo@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    assert_eq!(refused.status(), 409);
    assert!(
        error_text(refused)
            .await
            .contains("This event was cancelled")
    );
    assert_eq!(
        outbox_count(app, "event_cancelled", "ana@mpd.example.gov").await,
        1
    );
    let unknown = register_raw(
        &app.client,
        &app.address,
        "no-such-link",
        "Bo",
        "bo@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    assert_eq!(unknown.status(), 404);
}

async fn concurrent_registrations_and_cancellations_seat_exactly_capacity_in_order(app: &TestApp) {
    const CAPACITY: usize = 8;
    const PEOPLE: usize = 40;
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, CAPACITY as i32, 7 * 24 * 60, None).await;

    let mut set = tokio::task::JoinSet::new();
    for n in 0..PEOPLE {
        let (client, address, token) = (app.client.clone(), app.address.clone(), token.clone());
        set.spawn(async move {
            let email = format!("p{n}@example.gov");
            let response = register_raw(
                &client,
                &address,
                &token,
                &format!("P {n}"),
                &email,
                "America/Chicago",
            )
            .await;
            assert_eq!(response.status(), 200);
            (email, response.json::<Value>().await.unwrap())
        });
    }
    let outcomes: Vec<(String, Value)> = set.join_all().await;
    let seated = outcomes
        .iter()
        .filter(|(_, o)| o["status"] == "registered")
        .count();
    assert_eq!(seated, CAPACITY);
    assert_eq!(outcomes.len() - seated, PEOPLE - CAPACITY);

    let db = raw_db(app).await;
    let q = |sql: &str| sql.replace("{id}", &id.to_string());
    // Arrival order: every seat went to an earlier arrival than every waitlisted person, and
    // the positions are all different.
    assert_eq!(
        count(
            &db,
            &q("SELECT COUNT(DISTINCT position) FROM event_registration WHERE event_id = {id}")
        )
        .await,
        PEOPLE as i64
    );
    let last_seated = count(&db, &q("SELECT CAST(MAX(position) AS BIGINT) FROM event_registration WHERE event_id = {id} AND status = 'registered'")).await;
    let first_waiting = count(&db, &q("SELECT CAST(MIN(position) AS BIGINT) FROM event_registration WHERE event_id = {id} AND status = 'waitlisted'")).await;
    assert!(
        last_seated < first_waiting,
        "{last_seated} < {first_waiting}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM email_outbox WHERE event = 'event_registered'"
        )
        .await,
        CAPACITY as i64
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM email_outbox WHERE event = 'event_waitlisted'"
        )
        .await,
        (PEOPLE - CAPACITY) as i64
    );

    // Everyone seated and the first few waiting cancel at once.
    let leaving: Vec<String> = outcomes
        .iter()
        .filter(|(_, o)| {
            o["status"] == "registered" || o["waitlist_place"].as_i64().is_some_and(|p| p <= 3)
        })
        .map(|(_, o)| personal_token(o))
        .collect();
    let mut set = tokio::task::JoinSet::new();
    for link in leaving.clone() {
        let (client, address) = (app.client.clone(), app.address.clone());
        set.spawn(async move {
            client
                .post(format!("{address}/api/events/withdraw"))
                .header("Accept", "application/json")
                .form(&[("token", link.as_str())])
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let statuses = set.join_all().await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");

    // Exactly capacity seated again, all of them promoted in waitlist order, each e-mailed once.
    let registered = q(
        "SELECT COUNT(*) FROM event_registration WHERE event_id = {id} AND status = 'registered'",
    );
    assert_eq!(count(&db, &registered).await, CAPACITY as i64);
    let promoted = count(&db, &q("SELECT COUNT(*) FROM event_registration WHERE event_id = {id} AND status = 'registered' AND promoted_at IS NOT NULL")).await;
    assert_eq!(promoted, CAPACITY as i64);
    let last_seated = count(&db, &q("SELECT CAST(MAX(position) AS BIGINT) FROM event_registration WHERE event_id = {id} AND status = 'registered'")).await;
    let first_waiting = count(&db, &q("SELECT CAST(MIN(position) AS BIGINT) FROM event_registration WHERE event_id = {id} AND status = 'waitlisted'")).await;
    assert!(
        last_seated < first_waiting,
        "{last_seated} < {first_waiting}"
    );
    let promoted_mail = count(
        &db,
        "SELECT COUNT(*) FROM email_outbox WHERE event = 'event_promoted'",
    )
    .await;
    let promoted_ever = count(&db, &q("SELECT COUNT(*) FROM event_registration WHERE event_id = {id} AND promoted_at IS NOT NULL")).await;
    assert_eq!(promoted_mail, promoted_ever);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM email_outbox WHERE event = 'event_registration_cancelled'"
        )
        .await,
        leaving.len() as i64
    );
}

async fn participants_check_in_with_the_code_and_staff_correct_it(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, 5, 30, None).await;
    let ana = register(
        app,
        &token,
        "Ana Ruiz",
        "ana@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    let ben = register(
        app,
        &token,
        "Ben Ode",
        "ben@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    let code = page(app, &coordinator, id).await["check_in_code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(code.len(), 6);

    let link = personal_token(&ana);
    let mine: Value = public(app, "events/mine", &[("token", &link)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["can_check_in"], true);
    let wrong = public(
        app,
        "events/check-in",
        &[("token", &link), ("code", "WRONG1")],
    )
    .await;
    assert_eq!(wrong.status(), 400);
    assert!(
        error_text(wrong)
            .await
            .contains("code: That is not the code")
    );
    let typed = format!(" {} ", code.to_lowercase());
    let done = public(
        app,
        "events/check-in",
        &[("token", &link), ("code", &typed)],
    )
    .await;
    assert_eq!(done.status(), 200);
    let mine: Value = public(app, "events/mine", &[("token", &link)])
        .await
        .json()
        .await
        .unwrap();
    assert!(
        mine["checked_in"]
            .as_str()
            .unwrap()
            .starts_with("Checked in at")
    );
    assert_eq!(mine["can_check_in"], false);

    // The coordinator sees it, marks Ben present and Ana absent (a correction).
    let shown = page(app, &coordinator, id).await;
    let rows = shown["participants"].as_array().unwrap();
    let ana_row = rows
        .iter()
        .find(|r| r["email"] == "ana@mpd.example.gov")
        .unwrap();
    assert!(
        ana_row["attendance_label"]
            .as_str()
            .unwrap()
            .starts_with("Checked in")
    );
    let ben_id = rows
        .iter()
        .find(|r| r["email"] == "ben@mpd.example.gov")
        .unwrap()["id"]
        .to_string();
    let ana_id = ana_row["id"].to_string();
    let idt = id.to_string();
    for (who, value) in [(&ben_id, "present"), (&ana_id, "absent")] {
        let saved = call_with_cookie(
            app,
            "events/attendance",
            &coordinator,
            &[("id", &idt), ("registration", who), ("attendance", value)],
        )
        .await;
        assert_eq!(saved.status(), 200);
    }
    let shown = page(app, &coordinator, id).await;
    let rows = shown["participants"].as_array().unwrap();
    let label = |email: &str| {
        rows.iter().find(|r| r["email"] == email).unwrap()["attendance_label"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(label("ana@mpd.example.gov").starts_with("Absent (recorded by"));
    assert!(label("ben@mpd.example.gov").starts_with("Present (recorded by"));
    let _ = ben;

    let sheet: Value = call_with_cookie(app, "events/sheet", &coordinator, &[("id", &idt)])
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = sheet["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ana Ruiz", "Ben Ode"]);
}

async fn only_the_coordinator_provider_and_host_contacts_see_participants(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let provider_id = user_id(app, "provider.phoenix@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, 5, 7 * 24 * 60, Some(provider_id)).await;
    register(
        app,
        &token,
        "Ana Ruiz",
        "ana@mpd.example.gov",
        "America/Chicago",
    )
    .await;
    let idt = id.to_string();
    let args = [("id", idt.as_str())];

    let sees_people = |v: &Value| v["participants"].as_array().is_some_and(|p| p.len() == 1);
    // The event's coordinator, its provider and Memphis's contact see Ana.
    for email in [
        "coordinator@tta.example.gov",
        "provider.phoenix@tta.example.gov",
        "contact.memphis@tta.example.gov",
    ] {
        let cookie = demo_login(app, email).await;
        let shown = page(app, &cookie, id).await;
        assert!(sees_people(&shown), "{email}: {shown}");
        let sheet = call_with_cookie(app, "events/sheet", &cookie, &args).await;
        assert_eq!(sheet.status(), 200, "{email}");
    }
    // An administrator reads the event but not the people, nor the sheet.
    let admin = demo_login(app, "admin@tta.example.gov").await;
    let shown = page(app, &admin, id).await;
    assert_eq!(shown["participants"], Value::Null);
    assert_eq!(shown["check_in_code"], "");
    assert_eq!(
        call_with_cookie(app, "events/sheet", &admin, &args)
            .await
            .status(),
        404
    );
    assert_eq!(
        call_with_cookie(
            app,
            "events/capacity",
            &admin,
            &[("id", &idt), ("capacity", "9")]
        )
        .await
        .status(),
        404
    );
    // A site outside the audience: not found at all; the host's contact may not correct.
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    assert_eq!(
        call_with_cookie(app, "events/page", &houston, &args)
            .await
            .status(),
        404
    );
    let listed: Value = call_with_cookie(app, "events/list", &houston, &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(listed.as_array().unwrap().is_empty());
    let memphis = demo_login(app, "contact.memphis@tta.example.gov").await;
    let corrected = call_with_cookie(
        app,
        "events/attendance",
        &memphis,
        &[
            ("id", &idt),
            ("registration", "1"),
            ("attendance", "present"),
        ],
    )
    .await;
    assert_eq!(corrected.status(), 403);
    let listed: Value = call_with_cookie(app, "events/list", &memphis, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
}
