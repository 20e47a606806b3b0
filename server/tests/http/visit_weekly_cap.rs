//! A booked multi-day on-site visit counts against the provider's weekly cap day by day (issue
//! 16), and the provider's week grid and home page show it day by day, on SQLite and
//! PostgreSQL.
//!
//! Alex Phoenix (America/Phoenix, no DST; 20 hours a week) holds a two-day Memphis visit on
//! Monday 15 and Tuesday 16 March 2027, 08:30–17:00 CDT: the first week after Memphis springs
//! forward. It is 17 hours of work (2 × 8.5), not the 32.5 hours from its first start to its
//! last end: an hour on the Wednesday is still placed, and a four-hour session on the Thursday
//! is refused by the cap with 18 hours (1,080 minutes) counted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use scheduling::Outcome;
use service::intake::{IntakeForm, RequestDraft};

use crate::harness::fixtures::{
    GUN_VIOLENCE, MEMPHIS, actor_of, notify, planned_occurrences, send_accept_approve,
    three_providers,
};
use crate::harness::{Backend, seeded_service_database};

crate::on_both_backends!(a_booked_visit_counts_each_day_against_the_weekly_cap_and_shows_each_day);

const PROVIDER: i32 = 101;

fn utc(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, m, d, h, min, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    utc(1, 4, 12, 0)
}

fn draft(form: IntakeForm) -> RequestDraft {
    RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

/// A two-day Memphis visit, 08:30–17:00, on Monday 15 and Tuesday 16 March 2027.
fn visit() -> RequestDraft {
    draft(IntakeForm {
        title: "On-site gun crime review".into(),
        topic_ids: vec![GUN_VIOLENCE.to_string()],
        engagement_type: "operations".into(),
        modality: "on_site".into(),
        session_count: "1".into(),
        cadence: "once".into(),
        session_minutes: "510".into(),
        earliest_date: "2027-03-15".into(),
        latest_date: "2027-03-16".into(),
        preferred_start: "08:30".into(),
        preferred_end: "17:00".into(),
        visit_days: "2".into(),
        ..IntakeForm::default()
    })
}

/// A virtual session of `minutes` for Memphis on `date` only (10:00 Central, anywhere
/// 10:00–16:00).
fn virtual_on(date: &str, minutes: u32) -> RequestDraft {
    draft(IntakeForm {
        title: format!("{minutes} minutes"),
        topic_ids: vec![GUN_VIOLENCE.to_string()],
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: "1".into(),
        cadence: "once".into(),
        session_minutes: minutes.to_string(),
        earliest_date: date.into(),
        latest_date: date.into(),
        preferred_weekdays: ["mon", "tue", "wed", "thu", "fri"]
            .map(String::from)
            .to_vec(),
        preferred_start: "10:00".into(),
        preferred_end: "16:00".into(),
        minimum_level: "1".into(),
        ..IntakeForm::default()
    })
}

async fn store(db: &service::Database, draft: &RequestDraft) -> i32 {
    service::requests::store_request(db, MEMPHIS, None, draft, &notify())
        .await
        .unwrap()
}

async fn a_booked_visit_counts_each_day_against_the_weekly_cap_and_shows_each_day(
    backend: Backend,
) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let visit = store(&db, &visit()).await;
    let occurrences = planned_occurrences(&db, visit, PROVIDER).await;
    assert_eq!(
        (occurrences[0].starts_at, occurrences[0].ends_at),
        (utc(3, 15, 13, 30), utc(3, 16, 22, 0)),
        "08:30 CDT on Monday to 17:00 CDT on Tuesday"
    );
    send_accept_approve(&db, visit, PROVIDER, &occurrences).await;

    // An hour on the Wednesday: 17 + 1 hours fit under 20.
    let hour = store(&db, &virtual_on("2027-03-17", 60)).await;
    let planned = planned_occurrences(&db, hour, PROVIDER).await;
    assert_eq!(
        planned.len(),
        1,
        "the visit was counted as one 32.5-hour span"
    );
    send_accept_approve(&db, hour, PROVIDER, &planned).await;

    // Four hours on the Thursday: 18 + 4 hours do not, and the cap says 1,080 minutes are held.
    let long = store(&db, &virtual_on("2027-03-18", 240)).await;
    let (plan, _, _) = service::engine::plan_series(&db, long, PROVIDER, now())
        .await
        .unwrap();
    let Outcome::Unplaced { reasons } = &plan.occurrences[0].outcome else {
        panic!("placed past the weekly cap: {plan:?}");
    };
    let told: Vec<String> = reasons.iter().map(ToString::to_string).collect();
    assert!(
        told.iter().any(|r| r.contains("holds 1080 of at most")),
        "{told:?}"
    );

    // The provider's week shows the visit on each of its days, with that day's hours on the
    // provider's clock (06:30–15:00 MST).
    let provider = actor_of(&db, PROVIDER).await;
    let week = service::views::provider::sessions_page(
        &db,
        &provider,
        "week",
        "2027-03-15",
        false,
        "",
        "",
        now(),
    )
    .await
    .unwrap();
    for (iso, day) in [("2027-03-15", 1), ("2027-03-16", 2)] {
        let shown = week.days.iter().find(|d| d.iso == iso).unwrap();
        let item = shown
            .items
            .iter()
            .find(|i| i.title.contains("On-site gun crime review"))
            .unwrap_or_else(|| panic!("no visit day on {iso}: {shown:?}"));
        assert!(
            item.title.ends_with(&format!("visit day {day} of 2")),
            "{item:?}"
        );
        assert!(
            item.time.contains("06:30") && item.time.contains("15:00"),
            "{item:?}"
        );
        assert_eq!((item.start_minute, item.end_minute), (390, 900), "{item:?}");
    }

    // The home page lists the visit day by day.
    let home = service::views::home::provider_home(&db, &provider, now())
        .await
        .unwrap();
    let item = home
        .coming_up
        .iter()
        .find(|i| i.title == "On-site gun crime review")
        .unwrap_or_else(|| panic!("{:?}", home.coming_up));
    assert_eq!(item.kind, "Visit 1 (2 days)");
    assert!(
        item.detail.contains("day 1: ") && item.detail.contains("day 2: "),
        "{item:?}"
    );
}
