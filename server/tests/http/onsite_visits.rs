//! Multi-day on-site visits (issue 16) on SQLite and PostgreSQL: a two-day visit with travel
//! days is planned, proposed, accepted and approved, its stored blocked time covers the travel
//! days, and the e-mails that reach a real SMTP server carry ONE invite per visit on the site's
//! clock repeated daily (`RRULE:FREQ=DAILY;COUNT=2`, `TZID`, `VTIMEZONE`); a visit over a
//! federal holiday is refused naming the day; a booking on a travel day is named, by the plan
//! and by the database's double-booking guard; migration 19 goes down and up.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chrono::{NaiveDate, TimeZone as _, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use mail_support::{SmtpSink, calendar_parts, free_port, parse_ics, prop, quick_settings, smtp};
use migrations::{Migrator, MigratorTrait, SchemaManager};
use scheduling::Outcome;
use sea_orm::{ConnectionTrait, Database as SeaDatabase, DbBackend, Statement};
use serde_json::Value;
use service::ServiceError;
use service::intake::{IntakeForm, RequestDraft};
use service::proposals::{ProposedOccurrence, book_proposal, request_sessions};

use crate::{harness, mail_support};

const PROVIDER: i32 = 101;
const SITE_CONTACT: i32 = 110;

/// A two-day visit to Memphis (America/Chicago), 08:30–17:00 each day, with travel days, in the
/// window `earliest..=latest`.
fn visit(earliest: &str, latest: &str) -> RequestDraft {
    let form = IntakeForm {
        title: "On-site gun crime review".into(),
        topic_ids: vec![GUN_VIOLENCE.to_string()],
        engagement_type: "operations".into(),
        modality: "on_site".into(),
        session_count: "1".into(),
        cadence: "once".into(),
        session_minutes: "510".into(),
        earliest_date: earliest.into(),
        latest_date: latest.into(),
        preferred_start: "08:30".into(),
        preferred_end: "17:00".into(),
        visit_days: "2".into(),
        travel_days: "on".into(),
        ..IntakeForm::default()
    };
    RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

async fn setup(backend: Backend) -> Option<(harness::TestDatabase, service::Database)> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    add_site_contact(&database.url, SITE_CONTACT, "Sam Site", MEMPHIS).await;
    Some((database, db))
}

async fn a_two_day_visit_is_approved_and_mailed_as_one_daily_invite(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let request = service::requests::store_request(
        &db,
        MEMPHIS,
        Some(SITE_CONTACT),
        &visit("2027-03-09", "2027-03-19"),
        &notify(),
    )
    .await
    .unwrap();
    // Planned: Tuesday 9 and Wednesday 10 March, 08:30–17:00 CST.
    let occurrences = planned_occurrences(&db, request, PROVIDER).await;
    assert_eq!(
        occurrences,
        [ProposedOccurrence {
            occurrence: 1,
            starts_at: utc(2027, 3, 9, 14, 30),
            ends_at: utc(2027, 3, 10, 23, 0),
        }]
    );
    send_accept_approve(&db, request, PROVIDER, &occurrences).await;
    let sessions = request_sessions(&db, request).await.unwrap();
    assert_eq!(sessions.len(), 1, "one row per visit");
    let visit = &sessions[0];
    assert_eq!(visit.status, "confirmed");
    // Blocked from Monday 8 March 00:00 CST to Friday 12 March 00:00 CST: both travel days.
    assert_eq!(visit.blocked_from, utc(2027, 3, 8, 6, 0));
    assert_eq!(visit.blocked_until, utc(2027, 3, 12, 6, 0));

    let sink = SmtpSink::start(free_port(), 0);
    let report = mail_support::worker(&db, smtp(&sink.url()), quick_settings())
        .drain()
        .await
        .unwrap();
    assert_eq!(report.failed, 0);
    let received = sink.wait_for(report.sent, Duration::from_secs(10)).await;
    let confirmed: Vec<&Value> = received
        .iter()
        .filter(|m| m["subject"].as_str().unwrap().starts_with("Confirmed"))
        .collect();
    let mut to: Vec<&str> = confirmed
        .iter()
        .map(|m| m["rcpt_tos"][0].as_str().unwrap())
        .collect();
    to.sort_unstable();
    let subjects: Vec<(&str, &str)> = received
        .iter()
        .map(|m| {
            (
                m["rcpt_tos"][0].as_str().unwrap(),
                m["subject"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(to, ["p101@example.org", "p110@example.org"], "{subjects:?}");
    for message in confirmed {
        assert!(
            message["subject"]
                .as_str()
                .unwrap()
                .contains("On-site visit, Tue 9 – Wed 10 Mar 2027"),
            "{}",
            message["subject"]
        );
        let text = message["parts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["content_type"] == "text/plain")
            .and_then(|p| p["body"].as_str())
            .unwrap();
        let parts = calendar_parts(message);
        assert_eq!(parts.len(), 1, "one invite for the visit");
        let ics = parts[0]["body"].as_str().unwrap();
        let (method, events) = parse_ics(ics);
        assert_eq!(method, "REQUEST");
        assert_eq!(events.len(), 1, "one VEVENT, one UID");
        let event = &events[0];
        assert_eq!(prop(event, "UID"), visit.calendar_uid);
        assert_eq!(
            event["DTSTART"][0],
            (
                "TZID=America/Chicago".to_owned(),
                "20270309T083000".to_owned()
            )
        );
        assert_eq!(
            event["DTEND"][0],
            (
                "TZID=America/Chicago".to_owned(),
                "20270309T170000".to_owned()
            )
        );
        assert_eq!(prop(event, "RRULE"), "FREQ=DAILY;COUNT=2");
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n"));
        assert!(unfolded.contains("TZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500\r\n"));
        if message["rcpt_tos"][0] == "p110@example.org" {
            // The site contact reads Chicago time.
            assert!(
                text.contains("On-site visit, Tue 9 – Wed 10 Mar 2027, 08:30–17:00 CST each day"),
                "{text}"
            );
        } else {
            // The provider reads Phoenix time, the site's clock beside it.
            assert!(
                text.contains(
                    "On-site visit, Tue 9 – Wed 10 Mar 2027, 07:30–16:00 MST each day (site: \
                     08:30–17:00 CST)"
                ),
                "{text}"
            );
        }
    }
    // The pages: the site's request page shows both days and the travel days.
    let info = service::views::site::request_page(
        &db,
        &actor_of(&db, SITE_CONTACT).await,
        request,
        utc(2026, 12, 1, 0, 0),
    )
    .await
    .unwrap();
    assert_eq!(
        info.sessions[0].when,
        "On-site visit, Tue 9 – Wed 10 Mar 2027, 08:30–17:00 CST each day (travel days Mon 8 \
         and Thu 11 Mar)"
    );
}

async fn a_visit_over_a_federal_holiday_is_refused_naming_the_day(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    // Monday 18 and Tuesday 19 January 2027: the Monday is Martin Luther King Jr.'s birthday.
    let request = service::requests::store_request(
        &db,
        MEMPHIS,
        Some(SITE_CONTACT),
        &visit("2027-01-18", "2027-01-19"),
        &notify(),
    )
    .await
    .unwrap();
    let (plan, _, _) =
        service::engine::plan_series(&db, request, PROVIDER, utc(2026, 11, 29, 12, 0))
            .await
            .unwrap();
    let Outcome::Unplaced { reasons } = &plan.occurrences[0].outcome else {
        panic!("placed over a holiday: {plan:?}");
    };
    assert_eq!(
        reasons[0].to_string(),
        "Mon 18 Jan 2027 is Birthday of Martin Luther King, Jr."
    );
    // The coordinator's plan page says so beside the visit, and sending it is refused.
    let coordinator = actor_of(&db, COORDINATOR).await;
    let page = service::views::coordinator::plan_page(
        &db,
        &coordinator,
        request,
        PROVIDER,
        "",
        utc(2026, 11, 29, 12, 0),
    )
    .await
    .unwrap();
    assert_eq!(page.placed, 0);
    assert!(
        page.occurrences[0]
            .notes
            .iter()
            .any(|n| n == "Mon 18 Jan 2027 is Birthday of Martin Luther King, Jr."),
        "{:?}",
        page.occurrences[0].notes
    );
}

async fn a_booking_on_a_travel_day_is_named(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    // The provider already coaches Memphis on Monday 8 March, 10:00–11:30 CST.
    let coaching =
        service::requests::store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
            .await
            .unwrap();
    book_proposal(
        &db,
        coaching,
        PROVIDER,
        &[ProposedOccurrence {
            occurrence: 1,
            starts_at: utc(2027, 3, 8, 16, 0),
            ends_at: utc(2027, 3, 8, 17, 30),
        }],
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    let booked = request_sessions(&db, coaching).await.unwrap()[0].id;
    // A visit that can only be Tuesday 9 and Wednesday 10: its travel day is that Monday.
    let request = service::requests::store_request(
        &db,
        MEMPHIS,
        Some(SITE_CONTACT),
        &visit("2027-03-09", "2027-03-10"),
        &notify(),
    )
    .await
    .unwrap();
    let (plan, _, _) =
        service::engine::plan_series(&db, request, PROVIDER, utc(2026, 11, 29, 12, 0))
            .await
            .unwrap();
    let Outcome::Unplaced { reasons } = &plan.occurrences[0].outcome else {
        panic!("placed over a booked travel day: {plan:?}");
    };
    assert!(
        reasons[0].to_string().starts_with(&format!(
            "the travel day Mon 8 Mar 2027 conflicts with session #{booked} (request \
             #{coaching})"
        )),
        "{reasons:?}"
    );
    // Booked anyway, the database's guard refuses it, naming the session in the way.
    let refused = book_proposal(
        &db,
        request,
        PROVIDER,
        &[ProposedOccurrence {
            occurrence: 1,
            starts_at: utc(2027, 3, 9, 14, 30),
            ends_at: utc(2027, 3, 10, 23, 0),
        }],
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await;
    assert!(
        matches!(&refused, Err(ServiceError::Conflict(m)) if m.contains(&format!("session #{booked}"))),
        "{refused:?}"
    );
}

async fn has_column(db: &sea_orm::DatabaseConnection, column: &str) -> bool {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => {
            format!("SELECT 1 FROM pragma_table_info('tta_request') WHERE name = '{column}'")
        }
        _ => format!(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'tta_request' \
             AND column_name = '{column}'"
        ),
    };
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .is_some()
}

async fn migration_19_goes_down_and_up(backend: Backend) {
    let Some(database) = harness::TestDatabase::create(backend).await else {
        return;
    };
    let db = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
    assert!(has_column(&db, "visit_days").await && has_column(&db, "travel_days").await);
    let migration = Migrator::migrations()
        .into_iter()
        .find(|m| m.name() == "m20261206_000019_request_visit_days")
        .expect("migration 19 is registered");
    let manager = SchemaManager::new(&db);
    migration.down(&manager).await.unwrap();
    assert!(!has_column(&db, "visit_days").await && !has_column(&db, "travel_days").await);
    migration.up(&manager).await.unwrap();
    assert!(has_column(&db, "visit_days").await && has_column(&db, "travel_days").await);
    db.close().await.unwrap();
}

crate::on_both_backends!(
    a_two_day_visit_is_approved_and_mailed_as_one_daily_invite,
    a_visit_over_a_federal_holiday_is_refused_naming_the_day,
    a_booking_on_a_travel_day_is_named,
    migration_19_goes_down_and_up,
);
