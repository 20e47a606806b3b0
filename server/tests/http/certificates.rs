//! Certificates of completion and the sign-in sheet as PDFs (issue 17), through the real server
//! on SQLite and PostgreSQL. The PDFs are read back with an independent tool, poppler's
//! `pdftotext` (Debian's poppler-utils, installed by scripts/setup.sh): outside CI a machine
//! without it skips these tests with a message; under CI=true its absence fails them.
//!
//! - A certificate is refused (403, the reason named) until attendance is recorded, then
//!   downloads from the participant's personal link and for the coordinator, with the name,
//!   title and verification code in its text; the code verifies as valid (only name, event and
//!   date shown), a wrong code as unknown, a correction to absent revokes it and recording
//!   present again reinstates the same code; an event that requires the evaluation waits for it.
//! - Ten downloads at once issue one certificate (one row, one code).
//! - Other roles, other events' registrations and unknown links are refused.
//! - The sign-in sheet PDF lists every registered name (over several pages), not the waitlist.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::Value;

on_both_databases!(
    certificate_is_released_after_attendance_and_verifies,
    ten_downloads_at_once_issue_one_certificate,
    other_roles_and_other_events_are_refused,
    sign_in_sheet_pdf_lists_every_registered_name,
);

const MEMPHIS: &str = "3";

/// The text of a PDF as poppler's `pdftotext` reads it, or `None` (with a message) when the
/// tool is missing outside CI. Under CI the tool must be there.
fn pdf_text(bytes: &[u8]) -> Option<String> {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("file.pdf");
    std::fs::write(&path, bytes).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(output) => {
            assert!(output.status.success(), "pdftotext failed: {output:?}");
            Some(String::from_utf8(output.stdout).unwrap())
        }
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "pdftotext (Debian's poppler-utils) is required under CI: {error}"
            );
            eprintln!(
                "skipping the PDF text checks: pdftotext is not installed (scripts/setup.sh \
                 installs poppler-utils): {error}"
            );
            None
        }
    }
}

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

/// A workshop hosted by Memphis a week from now, delivered by the Phoenix provider; returns its
/// id and shared-link token.
async fn create_event(app: &TestApp, cookie: &str, title: &str, capacity: i32) -> (i64, String) {
    let provider = user_id(app, "provider.phoenix@tta.example.gov").await;
    let (date, time) = memphis_clock(7 * 24 * 60);
    let (deadline_date, deadline_time) = memphis_clock(7 * 24 * 60 - 10);
    let form = [
        ("form[kind]", "workshop".to_owned()),
        ("form[title]", title.to_owned()),
        ("form[description]", "Practice with real cases.".to_owned()),
        ("form[host_site_id]", MEMPHIS.to_owned()),
        ("form[audience]", "site".to_owned()),
        ("form[provider_id]", provider.to_string()),
        ("form[date]", date),
        ("form[start_time]", time),
        ("form[minutes]", "90".to_owned()),
        ("form[location]", "Memphis Police HQ, room 4".to_owned()),
        ("form[virtual_link]", String::new()),
        ("form[capacity]", capacity.to_string()),
        ("form[deadline_date]", deadline_date),
        ("form[deadline_time]", deadline_time),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = call_with_cookie(app, "events/create", cookie, &pairs).await;
    assert_eq!(created.status(), 200, "{:?}", created.text().await);
    let id = created.json::<Value>().await.unwrap().as_i64().unwrap();
    let page = event_page(app, cookie, id).await;
    let token = page["share_path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/events/join/")
        .to_owned();
    (id, token)
}

async fn event_page(app: &TestApp, cookie: &str, id: i64) -> Value {
    let response = call_with_cookie(app, "events/page", cookie, &[("id", &id.to_string())]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Registers `name` and returns the personal link's token.
async fn register(app: &TestApp, token: &str, name: &str, email: &str) -> String {
    let response = app
        .call_server_fn(
            "events/register",
            &[
                ("token", token),
                ("form[name]", name),
                ("form[email]", email),
                ("form[agency]", "Memphis Police Department"),
                ("form[job_role]", "Crime analyst"),
                ("form[accessibility_needs]", ""),
                ("form[time_zone]", "America/Chicago"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    let outcome: Value = response.json().await.unwrap();
    outcome["personal_path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/events/registration/")
        .to_owned()
}

/// The registration id of `name` on the event's page.
async fn registration_id(app: &TestApp, cookie: &str, event: i64, name: &str) -> i64 {
    let page = event_page(app, cookie, event).await;
    page["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn attendance(app: &TestApp, cookie: &str, event: i64, registration: i64, value: &str) {
    let response = call_with_cookie(
        app,
        "events/attendance",
        cookie,
        &[
            ("id", &event.to_string()),
            ("registration", &registration.to_string()),
            ("attendance", value),
        ],
    )
    .await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
}

async fn get_with(app: &TestApp, path: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    request.send().await.unwrap()
}

fn participant_pdf(personal: &str) -> String {
    format!("/events/registration/{personal}/certificate.pdf")
}

/// The verification code printed after `Verification code: `.
fn printed_code(text: &str) -> String {
    let start = text.find("Verification code: ").expect("a code") + "Verification code: ".len();
    text[start..].chars().take(19).collect()
}

async fn verify(app: &TestApp, code: &str) -> Value {
    let response = app
        .call_server_fn("certificates/verify", &[("code", code)])
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn certificate_is_released_after_attendance_and_verifies(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let title = "Homicide review workshop";
    let (id, token) = create_event(app, &coordinator, title, 5).await;
    let ana = register(app, &token, "Ana Ruiz", "ana@mpd.example.gov").await;
    let ana_id = registration_id(app, &coordinator, id, "Ana Ruiz").await;

    // Before attendance: refused with the reason, and no link on either page.
    let early = app.get(&participant_pdf(&ana)).await;
    assert_eq!(early.status(), 403);
    assert!(
        early
            .text()
            .await
            .unwrap()
            .contains("once attendance at the event is recorded")
    );
    let coordinator_path = format!("/coordinator/events/{id}/certificates/{ana_id}.pdf");
    let early = get_with(app, &coordinator_path, Some(&coordinator)).await;
    assert_eq!(early.status(), 403);
    let mine: Value = app
        .call_server_fn("events/mine", &[("token", &ana)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["certificate_path"], Value::Null);
    let db = raw_db(app).await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM event_certificate").await,
        0
    );

    // Attendance recorded: the link appears and the PDF carries name, title and code.
    attendance(app, &coordinator, id, ana_id, "present").await;
    let mine: Value = app
        .call_server_fn("events/mine", &[("token", &ana)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["certificate_path"], participant_pdf(&ana));
    let roster = event_page(app, &coordinator, id).await;
    assert_eq!(
        roster["participants"][0]["certificate_path"],
        coordinator_path
    );
    let response = app.get(&participant_pdf(&ana)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    let bytes = response.bytes().await.unwrap();
    let stored = {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT code FROM event_certificate".to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<String>(0).unwrap()
    };
    assert_eq!(stored.len(), 16);
    let Some(text) = pdf_text(&bytes) else {
        return;
    };
    for expected in [
        "Certificate of Completion",
        "Ana Ruiz",
        title,
        "Public Safety Partnership",
        "1.5 contact hours",
        "CST",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let code = printed_code(&text);
    assert_eq!(code.replace('-', ""), stored, "{text}");
    assert!(
        text.contains(&format!("/certificates/verify/{code}")),
        "{text}"
    );

    // The coordinator's copy is the same certificate.
    let copy = get_with(app, &coordinator_path, Some(&coordinator)).await;
    assert_eq!(copy.status(), 200);
    let copy_text = pdf_text(&copy.bytes().await.unwrap()).unwrap();
    assert_eq!(printed_code(&copy_text), code);

    // The public check: valid with name, event and date only; typed loosely still matches.
    let check = verify(app, &code.to_lowercase().replace('-', " ")).await;
    assert_eq!(check["valid"], true);
    assert_eq!(check["status"], "valid");
    assert_eq!(check["name"], "Ana Ruiz");
    assert_eq!(check["event"], format!("Workshop: {title}"));
    assert!(!check.to_string().contains("ana@mpd.example.gov"));
    let page = app.get(&format!("/certificates/verify/{code}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Valid: this certificate"), "{html}");
    assert!(html.contains("Ana Ruiz"));
    assert!(!html.contains("ana@mpd.example.gov"));
    let wrong = verify(app, "K7QM-2XHD-9RTA-B4NW").await;
    assert_eq!(wrong["valid"], false);
    assert_eq!(wrong["status"], "unknown");
    assert_eq!(wrong["name"], Value::Null);
    let html = app
        .get("/certificates/verify?code=K7QM-2XHD-9RTA-B4NW")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Not valid: no certificate has this code"),
        "{html}"
    );
    assert_eq!(verify(app, "nonsense").await["status"], "unknown");

    // Corrected to absent: revoked, and no download; present again: the same code, valid.
    attendance(app, &coordinator, id, ana_id, "absent").await;
    assert_eq!(verify(app, &code).await["status"], "revoked");
    assert_eq!(app.get(&participant_pdf(&ana)).await.status(), 403);
    attendance(app, &coordinator, id, ana_id, "present").await;
    let again = app.get(&participant_pdf(&ana)).await;
    assert_eq!(again.status(), 200);
    assert_eq!(
        printed_code(&pdf_text(&again.bytes().await.unwrap()).unwrap()),
        code
    );
    assert_eq!(verify(app, &code).await["valid"], true);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM event_certificate").await,
        1
    );

    // An event that requires the evaluation: present is not enough until it is submitted.
    let ben = register(app, &token, "Ben Ode", "ben@mpd.example.gov").await;
    let ben_id = registration_id(app, &coordinator, id, "Ben Ode").await;
    attendance(app, &coordinator, id, ben_id, "present").await;
    let backend = db.get_database_backend();
    db.execute_raw(sea_orm::Statement::from_string(
        backend,
        format!("UPDATE group_event SET certificate_requires_evaluation = TRUE WHERE id = {id}"),
    ))
    .await
    .unwrap();
    let waiting = app.get(&participant_pdf(&ben)).await;
    assert_eq!(waiting.status(), 403);
    assert!(
        waiting
            .text()
            .await
            .unwrap()
            .contains("evaluation is submitted")
    );
    db.execute_raw(sea_orm::Statement::from_string(
        backend,
        format!(
            "UPDATE event_registration SET evaluated_at = CURRENT_TIMESTAMP WHERE id = {ben_id}"
        ),
    ))
    .await
    .unwrap();
    assert_eq!(app.get(&participant_pdf(&ben)).await.status(), 200);
}

async fn ten_downloads_at_once_issue_one_certificate(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, "Crime analysis basics", 5).await;
    let ana = register(app, &token, "Ana Ruiz", "ana@mpd.example.gov").await;
    let ana_id = registration_id(app, &coordinator, id, "Ana Ruiz").await;
    attendance(app, &coordinator, id, ana_id, "present").await;

    let mut set = tokio::task::JoinSet::new();
    for n in 0..10 {
        let client = app.client.clone();
        // Half from the participant's link, half from the coordinator's roster.
        let (url, cookie) = if n % 2 == 0 {
            (app.url(&participant_pdf(&ana)), None)
        } else {
            (
                app.url(&format!(
                    "/coordinator/events/{id}/certificates/{ana_id}.pdf"
                )),
                Some(coordinator.clone()),
            )
        };
        set.spawn(async move {
            let mut request = client.get(url);
            if let Some(cookie) = cookie {
                request = request.header("Cookie", cookie);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200);
            response.bytes().await.unwrap().to_vec()
        });
    }
    let files = set.join_all().await;
    let db = raw_db(app).await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM event_certificate").await,
        1
    );
    let texts: Vec<String> = files.iter().filter_map(|f| pdf_text(f)).collect();
    if let Some(first) = texts.first() {
        let code = printed_code(first);
        assert!(texts.iter().all(|t| printed_code(t) == code));
    }
}

async fn other_roles_and_other_events_are_refused(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, "Event A", 5).await;
    let (other, other_token) = create_event(app, &coordinator, "Event B", 5).await;
    register(app, &token, "Ana Ruiz", "ana@mpd.example.gov").await;
    register(app, &other_token, "Ben Ode", "ben@mpd.example.gov").await;
    let ana_id = registration_id(app, &coordinator, id, "Ana Ruiz").await;
    let ben_id = registration_id(app, &coordinator, other, "Ben Ode").await;
    attendance(app, &coordinator, id, ana_id, "present").await;
    attendance(app, &coordinator, other, ben_id, "present").await;

    let ana_path = format!("/coordinator/events/{id}/certificates/{ana_id}.pdf");
    let sheet_path = format!("/coordinator/events/{id}/sign-in.pdf");
    // Nobody logged in: sent to log in (a page address), never the file.
    for path in [&ana_path, &sheet_path] {
        let anonymous = app.get(path).await;
        assert_eq!(anonymous.status(), 303, "{path}");
        assert!(
            anonymous.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login?next=")
        );
    }
    // The event's provider may; the host site's contact reads the roster but gets 403; an
    // administrator who does not run it, another provider and another site: not found.
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;
    assert_eq!(
        get_with(app, &ana_path, Some(&provider)).await.status(),
        200
    );
    assert_eq!(
        get_with(app, &sheet_path, Some(&provider)).await.status(),
        200
    );
    let host = demo_login(app, "contact.memphis@tta.example.gov").await;
    for path in [&ana_path, &sheet_path] {
        let refused = get_with(app, path, Some(&host)).await;
        assert_eq!(refused.status(), 403, "{path}");
        assert!(!refused.text().await.unwrap().is_empty());
    }
    for email in [
        "admin@tta.example.gov",
        "provider.denver@tta.example.gov",
        "contact.houston@tta.example.gov",
    ] {
        let cookie = demo_login(app, email).await;
        for path in [&ana_path, &sheet_path] {
            let status = get_with(app, path, Some(&cookie)).await.status();
            assert!(status == 403 || status == 404, "{email} {path}: {status}");
        }
    }
    // Another event's registration under this event: not found. Unknown or malformed links too.
    let crossed = format!("/coordinator/events/{id}/certificates/{ben_id}.pdf");
    assert_eq!(
        get_with(app, &crossed, Some(&coordinator)).await.status(),
        404
    );
    for path in [
        "/coordinator/events/x/certificates/1.pdf".to_owned(),
        format!("/coordinator/events/{id}/certificates/{ana_id}"),
        format!("/coordinator/events/{id}/certificates/%ff.pdf"),
    ] {
        let status = get_with(app, &path, Some(&coordinator)).await.status();
        assert_eq!(status, 404, "{path}");
    }
    let unknown = participant_pdf(&"0".repeat(64));
    assert_eq!(app.get(&unknown).await.status(), 404);
    assert_eq!(app.get(&participant_pdf("short")).await.status(), 404);
    // Event B's public registration token is no personal link.
    assert_eq!(app.get(&participant_pdf(&other_token)).await.status(), 404);
    let db = raw_db(app).await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM event_certificate").await,
        1
    );
}

async fn sign_in_sheet_pdf_lists_every_registered_name(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, "Gun violence summit prep", 30).await;
    let mut names = Vec::new();
    for n in 0..30 {
        let name = format!("Person {n:02} Lastname");
        register(app, &token, &name, &format!("p{n}@example.gov")).await;
        names.push(name);
    }
    register(app, &token, "Waiting Person", "wait@example.gov").await;

    let sheet: Value = call_with_cookie(
        app,
        "events/sheet",
        &coordinator,
        &[("id", &id.to_string())],
    )
    .await
    .json()
    .await
    .unwrap();
    let pdf_path = format!("/coordinator/events/{id}/sign-in.pdf");
    assert_eq!(sheet["pdf_path"], pdf_path);
    let host = demo_login(app, "contact.memphis@tta.example.gov").await;
    let host_sheet: Value =
        call_with_cookie(app, "events/sheet", &host, &[("id", &id.to_string())])
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(host_sheet["pdf_path"], Value::Null);

    let response = get_with(app, &pdf_path, Some(&coordinator)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let Some(text) = pdf_text(&response.bytes().await.unwrap()) else {
        return;
    };
    assert!(
        text.contains("Sign-in sheet: Gun violence summit prep"),
        "{text}"
    );
    for heading in ["Name", "Agency", "Job role", "Signature"] {
        assert!(text.contains(heading), "{heading}");
    }
    for name in &names {
        assert!(text.contains(name.as_str()), "{name} in {text}");
    }
    assert!(!text.contains("Waiting Person"));
    assert!(
        text.contains("page 2"),
        "30 people fill more than a page: {text}"
    );
}
