//! Ranking stored providers for a stored request, and planning its series, on both databases:
//! a Memphis (America/Chicago) series across the March 2027 DST change with a provider in
//! America/Phoenix.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{NaiveDate, TimeZone as _, Timelike, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use scheduling::matching::ProviderId;
use service::engine::{plan_series, rank_candidates};
use service::requests::store_request;

async fn phoenix_is_ranked_and_the_others_are_excluded_with_reasons(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
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

async fn batch_matching_assigns_and_explains_the_rest(backend: Backend) {
    use scheduling::matching::{RequestId, UnassignedReason};
    use service::engine::batch_match;
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let memphis = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let mut technology = memphis_request();
    technology.topic_ids = vec![7];
    let nobody = store_request(&db, MEMPHIS, None, &technology, &notify())
        .await
        .unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();

    let batch = batch_match(&db, now).await.unwrap();
    assert_eq!(batch.requests.len(), 2);
    assert_eq!(batch.assignment.assigned.len(), 1);
    assert_eq!(
        batch.assignment.assigned[0].request,
        RequestId(i64::from(memphis))
    );
    assert_eq!(batch.assignment.assigned[0].provider, ProviderId(101));
    assert_eq!(batch.assignment.unassigned.len(), 1);
    assert_eq!(
        batch.assignment.unassigned[0].request,
        RequestId(i64::from(nobody))
    );
    assert_eq!(
        batch.assignment.unassigned[0].reason,
        UnassignedReason::NoEligibleProvider
    );
}

async fn the_demo_data_can_be_brokered(backend: Backend) {
    use service::requests::site_requests;
    let Some((_database, db)) = seeded_service_database(backend).await else {
        return;
    };
    demo::seed_demo(&db).await.unwrap();
    demo::seed_demo(&db).await.unwrap();
    // Houston is the 8th demo site; it has one open request and one delivered engagement, each
    // once even after two seedings.
    let houston = site_requests(&db, 8).await.unwrap();
    assert_eq!(houston.len(), 2);
    let open: Vec<_> = houston
        .iter()
        .filter(|r| r.title != demo::DEMO_DELIVERED_TITLE)
        .collect();
    assert_eq!(open.len(), 1);
    let ranked = rank_candidates(&db, open[0].id, Utc::now()).await.unwrap();
    let names: Vec<_> = ranked
        .ranking
        .eligible
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Dan Morales"],
        "excluded: {:?}",
        ranked.ranking.excluded
    );
}

/// A session the provider already has is busy time: planning another series goes around it
/// (SQLite reads busy time packed one row per provider, PostgreSQL row by row; both must agree).
async fn a_booked_session_is_planned_around(backend: Backend) {
    use sea_orm::{ActiveValue::Set, EntityTrait};
    use service::entities::tta_session;

    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let booked_for = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let request = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
    let (free, _, _) = plan_series(&db, request, 101, now).await.unwrap();
    let slots: Vec<_> = free.occurrences.iter().filter_map(|o| o.slot()).collect();
    assert_eq!(slots.len(), 6, "{free:?}");

    // Alex is booked, for another request, exactly when the second and fifth sessions would be.
    let raw = sea_orm::Database::connect(&database.url).await.unwrap();
    for (occurrence, taken) in [(1, slots[1]), (2, slots[4])] {
        tta_session::Entity::insert(tta_session::ActiveModel {
            request_id: Set(booked_for),
            provider_id: Set(101),
            occurrence: Set(occurrence),
            starts_at: Set(taken.start()),
            ends_at: Set(taken.end()),
            blocked_from: Set(taken.start()),
            blocked_until: Set(taken.end()),
            anchor_zone: Set("America/Chicago".to_owned()),
            location: Set(String::new()),
            virtual_link: Set(String::new()),
            status: Set("confirmed".to_owned()),
            calendar_uid: Set(format!("busy-{occurrence}@tta-scheduler")),
            sequence: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec_without_returning(&raw)
        .await
        .unwrap();
    }

    let (planned, _, _) = plan_series(&db, request, 101, now).await.unwrap();
    let moved: Vec<_> = planned
        .occurrences
        .iter()
        .filter_map(|o| o.slot())
        .collect();
    for (i, slot) in moved.iter().enumerate() {
        for taken in [slots[1], slots[4]] {
            assert!(
                !slot.overlaps(&taken),
                "session {} at {slot} clashes with {taken}",
                i + 1
            );
        }
    }
    assert_ne!(moved.get(1), Some(&slots[1]), "{planned:?}");
    // The first session, before any clash, keeps its time.
    assert_eq!(moved.first(), Some(&slots[0]));
}

on_both_backends!(
    a_booked_session_is_planned_around,
    the_demo_data_can_be_brokered,
    phoenix_is_ranked_and_the_others_are_excluded_with_reasons,
    batch_matching_assigns_and_explains_the_rest
);
