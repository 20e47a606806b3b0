//! The funder's semiannual TTA report (issue 17) through HTTP, on SQLite and PostgreSQL: seeded
//! coaching sessions in Memphis (America/Chicago) on both sides of the spring-forward change of
//! 8 March 2026 and in a Phoenix site (America/Phoenix, no DST), a session late on 30 June on
//! the site's clock (already 1 July in UTC), a webinar for all sites with seats and attendance;
//! the CSV parsed back, the XLSX read back by Python's openpyxl (headers, a row's values and
//! their types), the printable summary's totals, the period's mistakes named by field, and
//! every other role refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::Value;
use service::accounts::Role;

on_both_databases!(
    report_lists_every_tta_on_its_site_clock,
    period_mistakes_are_named_by_field,
    only_coordinators_and_administrators_get_the_report,
);

/// The README's table of columns names every column of the report, in order.
#[test]
fn readme_documents_every_column() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let mut from = readme
        .find("## The funder's semiannual TTA report")
        .unwrap();
    for column in service::reports::tta::COLUMNS {
        let cell = format!("\n| {} |", column.name);
        let at = readme[from..]
            .find(&cell)
            .unwrap_or_else(|| panic!("README lacks the column {}", column.name));
        from += at + cell.len();
    }
}

const PERIOD: &str = "from=2026-01-01&to=2026-06-30";

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// A request of `site` (with `attendees` expected), answering its id.
async fn request(db: &DatabaseConnection, site: i64, title: &str, engagement: &str) -> i64 {
    exec(
        db,
        &format!(
            "INSERT INTO tta_request (site_id, engagement_id, title, description, engagement_type, modality, \
             session_count, cadence, session_minutes, earliest_date, latest_date, preferred_weekdays, \
             preferred_start_minute, preferred_end_minute, anchor_zone, minimum_level, expected_attendees, \
             notes, status, created_at, updated_at, visit_days, travel_days) VALUES ({site}, {engagement}, \
             '{title}', '', 'operations', 'virtual', 4, 'weekly', 90, '2026-01-01', '2026-12-31', '1,2,3,4,5', \
             540, 1020, 'America/Chicago', 1, 12, '', 'approved', '2025-12-01 00:00:00+00:00', \
             '2025-12-01 00:00:00+00:00', 0, FALSE)"
        ),
    )
    .await;
    count(db, "SELECT CAST(MAX(id) AS BIGINT) FROM tta_request").await
}

/// A session of `request` by `provider` from `starts` (UTC) for `minutes`, answering its id.
async fn session(
    db: &DatabaseConnection,
    request: i64,
    provider: i32,
    occurrence: i32,
    starts: &str,
    ends: &str,
    status: &str,
) -> i64 {
    exec(
        db,
        &format!(
            "INSERT INTO tta_session (request_id, provider_id, occurrence, starts_at, ends_at, blocked_from, \
             blocked_until, anchor_zone, location, virtual_link, status, calendar_uid, sequence, created_at, \
             updated_at) VALUES ({request}, {provider}, {occurrence}, '{starts}+00:00', '{ends}+00:00', \
             '{starts}+00:00', '{ends}+00:00', 'America/Chicago', '', 'https://meet.example.gov/x', '{status}', \
             'tta-report-{request}-{occurrence}', 0, '2025-12-01 00:00:00+00:00', '2025-12-01 00:00:00+00:00')"
        ),
    )
    .await;
    count(db, "SELECT CAST(MAX(id) AS BIGINT) FROM tta_session").await
}

struct Seeded {
    coordinator: String,
    provider: String,
    contact: String,
    first_memphis: i64,
    event: i64,
}

/// Seeds the half year January–June 2026 (see the module docs).
async fn seed(app: &TestApp) -> Seeded {
    let database = server::startup::open_database(&app.config).await.unwrap();
    demo::seed_reference_data(&database).await.unwrap();
    let coordinator_id = create_user(app, "coordinator@tta.test", Role::Coordinator).await;
    let provider_id = create_user(app, "alex@tta.test", Role::Provider).await;
    let contact_id = create_user(app, "contact@memphis.test", Role::SiteContact).await;
    let db = raw_db(app).await;
    let memphis = count(
        &db,
        "SELECT CAST(id AS BIGINT) FROM site WHERE name = 'Memphis'",
    )
    .await;
    exec(
        &db,
        &format!("UPDATE app_user SET display_name = 'Alex Phoenix' WHERE id = {provider_id}"),
    )
    .await;
    exec(
        &db,
        &format!("INSERT INTO site_contact (site_id, user_id) VALUES ({memphis}, {contact_id})"),
    )
    .await;
    exec(
        &db,
        "INSERT INTO site (slug, name, state, time_zone, engagement_type, created_at, region) VALUES \
         ('phoenix-az', 'Phoenix', 'AZ', 'America/Phoenix', 'operations', '2025-12-01 00:00:00+00:00', 'west')",
    )
    .await;
    let phoenix = count(
        &db,
        "SELECT CAST(id AS BIGINT) FROM site WHERE slug = 'phoenix-az'",
    )
    .await;
    exec(
        &db,
        &format!(
            "INSERT INTO engagement (site_id, kind, status, starts_on, planned_end, notes, created_at) VALUES \
             ({memphis}, 'operations', 'active', '2026-01-01', '2028-12-31', '', '2025-12-01 00:00:00+00:00')"
        ),
    )
    .await;
    let engagement = count(&db, "SELECT CAST(MAX(id) AS BIGINT) FROM engagement").await;
    exec(
        &db,
        &format!(
            "INSERT INTO engagement_phase (engagement_id, position, name, target_start, target_end, actual_start, \
             actual_end) VALUES ({engagement}, 1, 'Assessment', '2026-01-01', '2026-03-31', '2026-01-01', '2026-03-31'), \
             ({engagement}, 2, 'Strategic planning', '2026-04-01', '2026-12-31', '2026-04-01', NULL)"
        ),
    )
    .await;
    let memphis_request = request(
        &db,
        memphis,
        "Crime gun intelligence coaching",
        &engagement.to_string(),
    )
    .await;
    exec(
        &db,
        &format!(
            "INSERT INTO request_topic (request_id, topic_id) SELECT {memphis_request}, id FROM topic \
             WHERE name IN ('Gun violence', 'Crime analysis')"
        ),
    )
    .await;
    // Friday before spring-forward (10:00 CST = 16:00Z), Monday after (10:00 CDT = 15:00Z).
    let first_memphis = session(
        &db,
        memphis_request,
        provider_id,
        1,
        "2026-03-06 16:00:00",
        "2026-03-06 17:30:00",
        "confirmed",
    )
    .await;
    session(
        &db,
        memphis_request,
        provider_id,
        2,
        "2026-03-09 15:00:00",
        "2026-03-09 16:30:00",
        "completed",
    )
    .await;
    // Cancelled, and outside the period: neither is listed.
    session(
        &db,
        memphis_request,
        provider_id,
        3,
        "2026-03-16 15:00:00",
        "2026-03-16 16:30:00",
        "cancelled",
    )
    .await;
    session(
        &db,
        memphis_request,
        provider_id,
        4,
        "2026-07-06 15:00:00",
        "2026-07-06 16:30:00",
        "confirmed",
    )
    .await;
    // 30 June 23:00 CDT is 1 July 04:00Z: in the period by the site's clock.
    session(
        &db,
        memphis_request,
        provider_id,
        5,
        "2026-07-01 04:00:00",
        "2026-07-01 04:45:00",
        "confirmed",
    )
    .await;
    for (user, rating) in [(coordinator_id, 5), (contact_id, 4)] {
        exec(
            &db,
            &format!(
                "INSERT INTO feedback (session_id, user_id, usefulness, comments, created_at) VALUES \
                 ({first_memphis}, {user}, {rating}, '', '2026-03-07 00:00:00+00:00')"
            ),
        )
        .await;
    }
    // Phoenix keeps 10:00 MST (17:00Z) all year.
    let phoenix_request = request(&db, phoenix, "Violence reduction planning", "NULL").await;
    session(
        &db,
        phoenix_request,
        provider_id,
        1,
        "2026-03-09 17:00:00",
        "2026-03-09 18:00:00",
        "confirmed",
    )
    .await;
    // 31 Dec 2025 23:00 MST: before the period on Phoenix's clock although 1 Jan in UTC.
    session(
        &db,
        phoenix_request,
        provider_id,
        2,
        "2026-01-01 06:00:00",
        "2026-01-01 07:00:00",
        "confirmed",
    )
    .await;

    let event = webinar(&db, coordinator_id, provider_id, phoenix, memphis).await;
    Seeded {
        coordinator: logged_in(app, "coordinator@tta.test").await,
        provider: logged_in(app, "alex@tta.test").await,
        contact: logged_in(app, "contact@memphis.test").await,
        first_memphis,
        event,
    }
}

/// A webinar for all sites hosted by Phoenix on 14 April 2026, 09:00–10:30 MST: three people
/// seated (two present, one absent), one waitlisted, one cancelled.
async fn webinar(
    db: &DatabaseConnection,
    coordinator: i32,
    provider: i32,
    phoenix: i64,
    memphis: i64,
) -> i64 {
    exec(
        db,
        &format!(
            "INSERT INTO group_event (kind, title, description, host_site_id, audience, provider_id, coordinator_id, \
             engagement_id, starts_at, ends_at, time_zone, location, virtual_link, capacity, registration_deadline, \
             registration_token, check_in_code, status, arrivals, sequence, calendar_uid, created_at) VALUES \
             ('webinar', 'Crime gun intelligence 101', '', {phoenix}, 'all', {provider}, {coordinator}, NULL, \
             '2026-04-14 16:00:00+00:00', '2026-04-14 17:30:00+00:00', 'America/Phoenix', '', \
             'https://meet.example.gov/cgic', 3, '2026-04-13 16:00:00+00:00', \
             'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'ABC234', 'open', 5, 0, \
             'tta-report-event', '2026-03-01 00:00:00+00:00')"
        ),
    )
    .await;
    // A cancelled event is not delivered.
    exec(
        db,
        &format!(
            "INSERT INTO group_event (kind, title, description, host_site_id, audience, provider_id, coordinator_id, \
             engagement_id, starts_at, ends_at, time_zone, location, virtual_link, capacity, registration_deadline, \
             registration_token, check_in_code, status, arrivals, sequence, calendar_uid, created_at, cancelled_at) \
             VALUES ('training', 'Cancelled training', '', {memphis}, 'site', NULL, {coordinator}, NULL, \
             '2026-05-05 15:00:00+00:00', '2026-05-05 17:00:00+00:00', 'America/Chicago', 'City Hall', '', 10, \
             '2026-05-04 15:00:00+00:00', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', \
             'XYZ234', 'cancelled', 0, 1, 'tta-report-cancelled', '2026-03-01 00:00:00+00:00', \
             '2026-04-01 00:00:00+00:00')"
        ),
    )
    .await;
    let event = count(
        db,
        "SELECT CAST(id AS BIGINT) FROM group_event WHERE calendar_uid = 'tta-report-event'",
    )
    .await;
    let people = [
        ("registered", Some("present")),
        ("registered", Some("present")),
        ("registered", Some("absent")),
        ("waitlisted", None),
        ("cancelled", None),
    ];
    for (i, (status, attendance)) in people.into_iter().enumerate() {
        let attendance = attendance.map_or("NULL".to_owned(), |a| format!("'{a}'"));
        exec(
            db,
            &format!(
                "INSERT INTO event_registration (event_id, position, name, email, email_key, agency, job_role, \
                 accessibility_needs, time_zone, status, manage_token_hash, registered_at, attendance) VALUES \
                 ({event}, {n}, 'Person {n}', 'p{n}@agency.test', 'p{n}@agency.test', 'Phoenix PD', 'Analyst', '', \
                 'America/Phoenix', '{status}', 'hash-{event}-{n}', '2026-04-01 00:00:00+00:00', {attendance})",
                n = i + 1
            ),
        )
        .await;
    }
    event
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap()
}

/// RFC 4180 records: quoted fields with doubled quotes, CRLF line ends.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

async fn report_lists_every_tta_on_its_site_clock(app: &TestApp) {
    let seeded = seed(app).await;
    let response = get(
        app,
        &format!("/exports/tta-report.csv?{PERIOD}"),
        &seeded.coordinator,
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"tta-report-2026-01-01-2026-06-30.csv\""
    );
    let records = parse_csv(&response.text().await.unwrap());
    let header = &records[0];
    let expected: Vec<&str> = service::reports::tta::COLUMNS
        .iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(header, &expected);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<&Vec<String>> = records[1..].iter().collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[at("TTA ID")].as_str()).collect();
    assert_eq!(rows.len(), 5, "{ids:?}");
    let row = |id: String| {
        *rows
            .iter()
            .find(|r| r[at("TTA ID")] == id)
            .unwrap_or_else(|| panic!("{id} in {ids:?}"))
    };

    // Memphis: 10:00 on the site's clock on both sides of the change, CST then CDT.
    let before = row(format!("S-{}", seeded.first_memphis));
    assert_eq!(before[at("TTA type")], "Coaching session");
    assert_eq!(before[at("Start date")], "2026-03-06");
    assert_eq!(before[at("Start time")], "10:00");
    assert_eq!(before[at("End time")], "11:30");
    assert_eq!(before[at("Time zone")], "America/Chicago");
    assert_eq!(before[at("Zone abbreviation")], "CST");
    assert_eq!(before[at("Hours")], "1.50");
    assert_eq!(before[at("Host site")], "Memphis, TN");
    assert_eq!(before[at("Expected attendees")], "12");
    assert_eq!(before[at("PSP core areas")], "Crime analysis; Gun violence");
    assert_eq!(before[at("Providers")], "Alex Phoenix");
    assert!(before[at("Engagement")].starts_with("Operations engagement #"));
    assert_eq!(before[at("Phase at delivery")], "Assessment");
    assert_eq!(before[at("Engagement phase now")], "Strategic planning");
    assert_eq!(before[at("Evaluations")], "2");
    assert_eq!(before[at("Mean rating")], "4.50");
    let after = rows
        .iter()
        .find(|r| r[at("Start date")] == "2026-03-09" && r[at("Host site")] == "Memphis, TN")
        .unwrap();
    assert_eq!(
        (
            after[at("Start time")].as_str(),
            after[at("Zone abbreviation")].as_str()
        ),
        ("10:00", "CDT")
    );
    assert_eq!(after[at("Mean rating")], "");
    // Late on 30 June on Memphis's clock (1 July in UTC) belongs to this half year.
    assert!(
        rows.iter()
            .any(|r| r[at("Start date")] == "2026-06-30" && r[at("Start time")] == "23:00")
    );

    // Phoenix: 10:00 MST in March as in January; its 31 December session is not listed.
    let phoenix = rows
        .iter()
        .find(|r| r[at("Host site")] == "Phoenix, AZ" && r[at("TTA type")] == "Coaching session")
        .unwrap();
    assert_eq!(
        (
            phoenix[at("Start date")].as_str(),
            phoenix[at("Start time")].as_str(),
            phoenix[at("Zone abbreviation")].as_str()
        ),
        ("2026-03-09", "10:00", "MST")
    );
    assert_eq!(phoenix[at("Time zone")], "America/Phoenix");
    assert_eq!(phoenix[at("Engagement")], "");

    // The webinar: all sites, seats and attendance; the cancelled training is not listed.
    let webinar = row(format!("E-{}", seeded.event));
    assert_eq!(webinar[at("TTA type")], "Webinar");
    assert_eq!(webinar[at("Delivery mode")], "Virtual");
    assert_eq!(
        (
            webinar[at("Start time")].as_str(),
            webinar[at("Zone abbreviation")].as_str()
        ),
        ("09:00", "MST")
    );
    assert_eq!(webinar[at("Audience")], "All programme sites");
    assert_eq!(webinar[at("Registered")], "3");
    assert_eq!(webinar[at("Attended")], "2");
    assert_eq!(webinar[at("Expected attendees")], "");
    assert!(!rows.iter().any(|r| r[at("Title")] == "Cancelled training"));

    // The summary's totals.
    let summary = call_with_cookie(
        app,
        "coordinator/tta_report",
        &seeded.coordinator,
        &[("from", "2026-01-01"), ("to", "2026-06-30")],
    )
    .await;
    assert_eq!(summary.status(), 200);
    let summary: Value = summary.json().await.unwrap();
    assert_eq!(summary["deliveries"], 5);
    // 12 expected × 4 coaching sessions + 2 attended.
    assert_eq!(summary["participants"], 50);
    let line = |section: &str, label: &str| -> Value {
        summary["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["title"] == section)
            .unwrap()["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["label"] == label)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(line("By TTA type", "Coaching session")["deliveries"], 4);
    assert_eq!(line("By TTA type", "Webinar")["deliveries"], 1);
    assert_eq!(line("By site", "Memphis, TN")["deliveries"], 3);
    assert_eq!(line("By site", "All programme sites")["participants"], 2);
    assert_eq!(line("By PSP core area", "Gun violence")["deliveries"], 3);
    assert_eq!(summary["rows"].as_array().unwrap().len(), 5);

    // The page itself renders for the coordinator.
    let page = get(
        app,
        &format!("/coordinator/tta-report?{PERIOD}"),
        &seeded.coordinator,
    )
    .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Semiannual TTA report") && html.contains("tta-download-xlsx"),
        "{html}"
    );

    xlsx_reads_back(app, &seeded).await;
}

/// The XLSX read back by openpyxl: sheet names, headers, and one row's values with their types.
async fn xlsx_reads_back(app: &TestApp, seeded: &Seeded) {
    let Some(python) = openpyxl() else {
        return;
    };
    let response = get(
        app,
        &format!("/exports/tta-report.xlsx?{PERIOD}"),
        &seeded.coordinator,
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = response.bytes().await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("report.xlsx");
    std::fs::write(&file, &bytes).unwrap();
    let script = r#"
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
data = book["TTA delivered"]
rows = list(data.iter_rows(values_only=True))
header = list(rows[0])
want = sys.argv[2]
row = next(r for r in rows[1:] if r[0] == want)
cells = {h: [type(v).__name__, v if isinstance(v, (int, float, str)) or v is None else v.isoformat()] for h, v in zip(header, row)}
totals = [[c for c in r] for r in book["Totals"].iter_rows(values_only=True)]
print(json.dumps({"sheets": book.sheetnames, "header": header, "cells": cells, "count": len(rows) - 1, "totals": totals}))
"#;
    let output = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(&file)
        .arg(format!("S-{}", seeded.first_memphis))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        read["sheets"],
        serde_json::json!(["TTA delivered", "Totals"])
    );
    assert_eq!(read["header"][0], "TTA ID");
    assert_eq!(read["header"][25], "Mean rating");
    assert_eq!(read["count"], 5);
    let cells = &read["cells"];
    assert_eq!(
        cells["Start date"],
        serde_json::json!(["datetime", "2026-03-06T00:00:00"])
    );
    assert_eq!(cells["Start time"][0], "time");
    assert_eq!(cells["Start time"][1], "10:00:00");
    assert_eq!(cells["Expected attendees"], serde_json::json!(["int", 12]));
    assert_eq!(cells["Hours"], serde_json::json!(["float", 1.5]));
    assert_eq!(cells["Mean rating"], serde_json::json!(["float", 4.5]));
    assert_eq!(
        cells["Time zone"],
        serde_json::json!(["str", "America/Chicago"])
    );
    let totals = read["totals"].as_array().unwrap();
    assert!(
        totals
            .iter()
            .any(|r| r[0] == "All TTA delivered" && r[1] == 5),
        "{totals:?}"
    );
    assert!(
        totals
            .iter()
            .any(|r| r[0] == "Webinar" && r[1] == 1 && r[2] == 2),
        "{totals:?}"
    );
}

/// `python3` when it can import openpyxl; otherwise `None` outside CI (the check is skipped,
/// saying so) and a failure under `CI=true` (scripts/setup.sh installs python3-openpyxl).
fn openpyxl() -> Option<&'static str> {
    // Debian's package is for the system's python3, which a pyenv shim may hide.
    for python in ["python3", "/usr/bin/python3"] {
        let found = std::process::Command::new(python)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success());
        if found {
            return Some(python);
        }
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "python3 with openpyxl is required on CI (scripts/setup.sh installs python3-openpyxl)"
    );
    eprintln!(
        "SKIPPED: the XLSX read-back needs python3 with openpyxl (scripts/setup.sh installs it)"
    );
    None
}

async fn period_mistakes_are_named_by_field(app: &TestApp) {
    create_user(app, "coordinator@tta.test", Role::Coordinator).await;
    let cookie = logged_in(app, "coordinator@tta.test").await;
    for (query, field, words) in [
        ("from=2026-13-01&to=2026-06-30", "from:", "YYYY-MM-DD"),
        (
            "from=2026-06-30&to=2026-01-01",
            "to:",
            "before the first day",
        ),
        ("from=2026-01-01", "to:", "Enter the last day"),
        ("from=2000-01-01&to=2026-06-30", "to:", "at most ten years"),
    ] {
        for path in ["/exports/tta-report.csv", "/exports/tta-report.xlsx"] {
            let response = get(app, &format!("{path}?{query}"), &cookie).await;
            assert_eq!(response.status(), 400, "{path}?{query}");
            let text = response.text().await.unwrap();
            assert!(
                text.contains(field) && text.contains(words),
                "{path}?{query}: {text}"
            );
        }
        let (from, to) = query.split_once('&').map_or((query, ""), |(f, t)| (f, t));
        let response = call_with_cookie(
            app,
            "coordinator/tta_report",
            &cookie,
            &[
                ("from", from.trim_start_matches("from=")),
                ("to", to.trim_start_matches("to=")),
            ],
        )
        .await;
        assert_eq!(response.status(), 400, "{query}");
        let text = error_text(response).await;
        assert!(
            text.contains(field) && text.contains(words),
            "{query}: {text}"
        );
    }
    // No dates: the current half year, named in the file.
    let response = get(app, "/exports/tta-report.csv", &cookie).await;
    assert_eq!(response.status(), 200);
    let name = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        name.contains("-01-01-") || name.contains("-07-01-"),
        "{name}"
    );
    assert!(
        name.contains("-06-30.csv") || name.contains("-12-31.csv"),
        "{name}"
    );
}

async fn only_coordinators_and_administrators_get_the_report(app: &TestApp) {
    let seeded = seed(app).await;
    for path in ["/exports/tta-report.csv", "/exports/tta-report.xlsx"] {
        let anonymous = app.get(&format!("{path}?{PERIOD}")).await;
        assert_eq!(anonymous.status(), 401, "{path}");
        for cookie in [&seeded.provider, &seeded.contact] {
            let refused = get(app, &format!("{path}?{PERIOD}"), cookie).await;
            assert_eq!(refused.status(), 403, "{path}");
            let text = refused.text().await.unwrap();
            assert!(
                !text.contains("Memphis") && !text.contains("Alex"),
                "{text}"
            );
        }
    }
    for cookie in [&seeded.provider, &seeded.contact] {
        let refused = call_with_cookie(
            app,
            "coordinator/tta_report",
            cookie,
            &[("from", "2026-01-01"), ("to", "2026-06-30")],
        )
        .await;
        assert_eq!(refused.status(), 403);
    }
    create_user(app, "admin@tta.test", Role::Admin).await;
    let admin = logged_in(app, "admin@tta.test").await;
    let allowed = get(app, &format!("/exports/tta-report.xlsx?{PERIOD}"), &admin).await;
    assert_eq!(allowed.status(), 200);
}
