//! What an administrator saves reaches the engine, on SQLite and PostgreSQL: changed matching
//! weights change a candidate's score, a longer minimum notice moves the earliest slot, a lower
//! weekly cap leaves sessions unplaced, and a site's blackout date moves an occurrence off it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use service::Database;
use service::accounts::ClientInfo;
use service::admin::blackouts::add_blackout;
use service::admin::settings::{SettingsForm, save_settings, settings_form_of};
use service::engine::{SchedulingSettings, plan_series, rank_candidates};
use service::requests::store_request;

const PHOENIX: i32 = 101;

/// The administrator who saves the settings (added by [`setup`]).
const ADMIN: i32 = 900;

/// Saves the stored settings with `change` applied, through the administrator's form.
async fn change_settings(db: &Database, change: impl FnOnce(&mut SettingsForm)) {
    let mut form = settings_form_of(&SchedulingSettings::load(db).await.unwrap());
    change(&mut form);
    let admin = actor_of(db, ADMIN).await;
    save_settings(db, &admin, &ClientInfo::default(), &form)
        .await
        .unwrap();
}

async fn setup(backend: Backend) -> Option<(harness::TestDatabase, Database, i32)> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    add_user(
        &database.url,
        ADMIN,
        "Avery Admin",
        "America/New_York",
        "admin",
    )
    .await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    Some((database, db, request))
}

fn before_the_window() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()
}

async fn first_slot(db: &Database, request: i32, now: DateTime<Utc>) -> DateTime<Utc> {
    let (plan, _, _) = plan_series(db, request, PHOENIX, now).await.unwrap();
    plan.placed().next().expect("a placed occurrence").start()
}

async fn changed_weights_change_the_score(backend: Backend) {
    let Some((_database, db, request)) = setup(backend).await else {
        return;
    };
    let score = |ranking: &service::engine::CandidateRanking| {
        let phoenix = ranking
            .ranking
            .eligible
            .iter()
            .find(|p| p.provider.0 == i64::from(PHOENIX))
            .expect("Phoenix is eligible");
        phoenix.breakdown.clone()
    };
    let before = score(
        &rank_candidates(&db, request, before_the_window())
            .await
            .unwrap(),
    );
    assert!(before.score > 0.0);
    // Only continuity counts now, and Phoenix has never worked with Memphis.
    change_settings(&db, |form| {
        form.weight_expertise = "0".into();
        form.weight_continuity = "1".into();
        form.weight_time_zone = "0".into();
        form.weight_load_balance = "0".into();
        form.weight_availability = "0".into();
    })
    .await;
    let after = score(
        &rank_candidates(&db, request, before_the_window())
            .await
            .unwrap(),
    );
    assert_eq!(after.score, 0.0, "{after:?}");
    assert!(after.parts.iter().any(|p| p.weight == 1.0));
    // Only expertise: Phoenix's level counts in full.
    change_settings(&db, |form| {
        form.weight_expertise = "5".into();
        form.weight_continuity = "0".into();
    })
    .await;
    let expert = score(
        &rank_candidates(&db, request, before_the_window())
            .await
            .unwrap(),
    );
    assert!(expert.score > before.score, "{expert:?} vs {before:?}");
}

async fn a_longer_minimum_notice_moves_the_earliest_slot(backend: Backend) {
    let Some((_database, db, request)) = setup(backend).await else {
        return;
    };
    // Two days before the first preferred Tuesday (2 Feb 2027, 09:00 CST = 15:00 UTC).
    let now = Utc.with_ymd_and_hms(2027, 1, 31, 12, 0, 0).unwrap();
    change_settings(&db, |form| form.minimum_notice_hours = "0".into()).await;
    let prompt = first_slot(&db, request, now).await;
    assert_eq!(prompt, Utc.with_ymd_and_hms(2027, 2, 2, 15, 0, 0).unwrap());
    change_settings(&db, |form| form.minimum_notice_hours = "96".into()).await;
    let later = first_slot(&db, request, now).await;
    assert!(later >= now + chrono::Duration::hours(96), "{later}");
    assert_eq!(later, Utc.with_ymd_and_hms(2027, 2, 4, 15, 0, 0).unwrap());
}

async fn a_lower_weekly_cap_leaves_sessions_unplaced(backend: Backend) {
    let Some((_database, db, request)) = setup(backend).await else {
        return;
    };
    let (plan, _, _) = plan_series(&db, request, PHOENIX, before_the_window())
        .await
        .unwrap();
    assert!(plan.is_complete());
    // One hour a week cannot hold a 90-minute session.
    change_settings(&db, |form| form.max_hours_per_week = "1".into()).await;
    let (plan, _, _) = plan_series(&db, request, PHOENIX, before_the_window())
        .await
        .unwrap();
    assert_eq!(plan.placed().count(), 0);
}

async fn a_blackout_date_moves_the_occurrence_off_it(backend: Backend) {
    let Some((_database, db, request)) = setup(backend).await else {
        return;
    };
    let first = first_slot(&db, request, before_the_window()).await;
    let day = NaiveDate::from_ymd_opt(2027, 2, 2).unwrap();
    assert_eq!(first.date_naive(), day);
    let admin = actor_of(&db, ADMIN).await;
    add_blackout(
        &db,
        &admin,
        &ClientInfo::default(),
        MEMPHIS,
        "2027-02-02",
        "City holiday",
        before_the_window(),
    )
    .await
    .unwrap();
    let moved = first_slot(&db, request, before_the_window()).await;
    assert_ne!(moved.date_naive(), day);
    assert!(moved > first);
}

on_both_backends!(
    changed_weights_change_the_score,
    a_longer_minimum_notice_moves_the_earliest_slot,
    a_lower_weekly_cap_leaves_sessions_unplaced,
    a_blackout_date_moves_the_occurrence_off_it,
);
