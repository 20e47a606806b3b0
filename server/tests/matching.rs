//! Ranking stored providers for a stored request, and planning its series, on both databases:
//! a Memphis (America/Chicago) series across the March 2027 DST change with a provider in
//! America/Phoenix.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

use chrono::{NaiveDate, TimeZone as _, Timelike, Utc, Weekday};
use harness::{Backend, seeded_service_database};
use scheduling::Zone;
use scheduling::matching::{Modality, ProviderId};
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use service::engine::{plan_series, rank_candidates};
use service::intake::{RequestDraft, RequestForm};
use service::providers::{ProviderProfileInput, WeeklyRange, replace_weekly_hours, save_profile};
use service::requests::submit_request;

const GUN_VIOLENCE: i32 = 4;
const CRIME_ANALYSIS: i32 = 3;
const MEMPHIS: i32 = 3;

async fn add_provider(url: &str, id: i32, name: &str, zone: &str) {
    let raw = SeaDatabase::connect(url).await.unwrap();
    let now = "'2026-11-29 00:00:00+00:00'";
    raw.execute_unprepared(&format!(
        "INSERT INTO app_user (id, email, email_normalized, display_name, time_zone, role, active, created_at, updated_at) \
         VALUES ({id}, 'p{id}@example.org', 'p{id}@example.org', '{name}', '{zone}', 'provider', TRUE, {now}, {now})"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
}

fn profile(
    zone: &str,
    expertise: Vec<(i32, u8)>,
    conflicts: Vec<(i32, String)>,
) -> ProviderProfileInput {
    ProviderProfileInput {
        organisation: "TTA Partners".into(),
        home_zone: Zone::parse(zone).unwrap(),
        modalities: vec![Modality::Virtual],
        travel_regions: vec!["south".into()],
        weekly_hour_capacity: 20,
        engagement_capacity: 3,
        bio: String::new(),
        expertise,
        conflicts,
    }
}

fn working_week() -> Vec<WeeklyRange> {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
    .into_iter()
    .map(|weekday| WeeklyRange {
        weekday,
        start_minute: 7 * 60,
        end_minute: 15 * 60,
    })
    .collect()
}

fn memphis_request() -> RequestDraft {
    let form = RequestForm {
        title: "Gun violence coaching".into(),
        topic_ids: vec![GUN_VIOLENCE.to_string(), CRIME_ANALYSIS.to_string()],
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: "6".into(),
        cadence: "biweekly".into(),
        session_minutes: "90".into(),
        earliest_date: "2027-02-01".into(),
        latest_date: "2027-05-28".into(),
        preferred_weekdays: vec!["tue".into(), "wed".into(), "thu".into()],
        preferred_start: "09:00".into(),
        preferred_end: "12:00".into(),
        minimum_level: "2".into(),
        ..RequestForm::default()
    };
    RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

async fn phoenix_is_ranked_and_the_others_are_excluded_with_reasons(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    add_provider(&database.url, 101, "Alex Phoenix", "America/Phoenix").await;
    add_provider(&database.url, 102, "Dana Denver", "America/Denver").await;
    add_provider(&database.url, 103, "Kai Honolulu", "Pacific/Honolulu").await;
    save_profile(
        &db,
        101,
        &profile(
            "America/Phoenix",
            vec![(GUN_VIOLENCE, 3), (CRIME_ANALYSIS, 2)],
            vec![],
        ),
    )
    .await
    .unwrap();
    save_profile(
        &db,
        102,
        &profile("America/Denver", vec![(GUN_VIOLENCE, 1)], vec![]),
    )
    .await
    .unwrap();
    save_profile(
        &db,
        103,
        &profile(
            "Pacific/Honolulu",
            vec![(GUN_VIOLENCE, 3), (CRIME_ANALYSIS, 3)],
            vec![(MEMPHIS, "Former Memphis PD employee".into())],
        ),
    )
    .await
    .unwrap();
    for id in [101, 102, 103] {
        replace_weekly_hours(&db, id, &working_week())
            .await
            .unwrap();
    }
    let request = submit_request(&db, MEMPHIS, None, &memphis_request())
        .await
        .unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();

    let ranked = rank_candidates(&db, request, now).await.unwrap();
    assert_eq!(ranked.site_zone.name(), "America/Chicago");
    let eligible: Vec<_> = ranked
        .ranking
        .eligible
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(eligible, ["Alex Phoenix"]);
    let best = &ranked.ranking.eligible[0];
    assert!(best.breakdown.score > 0.0 && best.breakdown.score <= 1.0);
    assert_eq!(
        best.breakdown.parts.len(),
        5,
        "every part of the score is reported"
    );

    let excluded = |id: i64| {
        ranked
            .ranking
            .excluded
            .iter()
            .find(|e| e.provider == ProviderId(id))
            .map(|e| {
                e.reasons
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default()
    };
    assert!(excluded(102).contains("Gun violence"), "{}", excluded(102));
    assert!(
        excluded(103).contains("onflict of interest"),
        "{}",
        excluded(103)
    );

    // The series in Phoenix's time: 09:00 Central is 08:00 MST before 14 March, 07:00 after.
    let (plan, provider_zone, site_zone) = plan_series(&db, request, 101, now).await.unwrap();
    assert_eq!(plan.occurrences.len(), 6);
    assert!(plan.is_complete(), "{plan:?}");
    let starts: Vec<_> = plan
        .occurrences
        .iter()
        .filter_map(|o| o.slot())
        .map(|s| s.start())
        .collect();
    for start in &starts {
        assert_eq!(
            site_zone.local(*start).hour(),
            9,
            "anchored at 09:00 on the site's clock"
        );
    }
    let before = starts
        .iter()
        .find(|s| s.date_naive() < NaiveDate::from_ymd_opt(2027, 3, 14).unwrap())
        .unwrap();
    let after = starts
        .iter()
        .find(|s| s.date_naive() > NaiveDate::from_ymd_opt(2027, 3, 14).unwrap())
        .unwrap();
    assert_eq!(provider_zone.local(*before).hour(), 8);
    assert_eq!(provider_zone.local(*after).hour(), 7);
    assert_eq!(provider_zone.abbreviation(*after), "MST");
    assert_eq!(site_zone.abbreviation(*after), "CDT");
}

on_both_backends!(phoenix_is_ranked_and_the_others_are_excluded_with_reasons);
