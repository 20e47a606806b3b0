//! An engagement's next sessions and three-year timeline on both databases, with real sessions:
//! each is counted in the calendar quarter of its day on the *site's* clock (23:30 in Memphis on
//! 31 March is the first quarter though it is April in UTC; 00:30 on 1 April is the second),
//! delivered once confirmed and over; the next five are listed in the reader's zone, the site's
//! clock beside it for a reader elsewhere; another site's contact finds nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{DateTime, Duration, TimeZone as _, Utc};
use harness::Backend;
use harness::fixtures::*;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use service::engagements::engagement_timeline;
use service::entities::{tta_request, tta_session};

/// Moves session `id` to start at `starts_at` for 90 minutes (its buffers with it).
async fn move_session(db: &service::Database, id: i32, starts_at: DateTime<Utc>) {
    let session = tta_session::Entity::find_by_id(id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    let ends_at = starts_at + Duration::minutes(90);
    let mut row = session.into_active_model();
    row.starts_at = Set(starts_at);
    row.ends_at = Set(ends_at);
    row.blocked_from = Set(starts_at - Duration::minutes(15));
    row.blocked_until = Set(ends_at + Duration::minutes(15));
    row.update(db.conn()).await.unwrap();
}

async fn sessions_are_counted_in_the_quarter_of_the_sites_day(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    let (request, sessions) = confirmed_memphis_series(&database, &db).await;
    let engagement_id = tta_request::Entity::find_by_id(request)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .engagement_id
        .unwrap();
    let coordinator = coordinator_actor(&database.url, &db).await;
    let last = sessions.iter().max_by_key(|s| s.occurrence).unwrap();
    // 23:30 CDT on Wednesday 31 March 2027 is 04:30 UTC on 1 April.
    move_session(
        &db,
        last.id,
        Utc.with_ymd_and_hms(2027, 4, 1, 4, 30, 0).unwrap(),
    )
    .await;
    let after_all = Utc.with_ymd_and_hms(2027, 5, 3, 15, 0, 0).unwrap();
    let timeline = engagement_timeline(&db, &coordinator, engagement_id, after_all)
        .await
        .unwrap();
    // The engagement runs from 1 Feb 2027 to 1 Feb 2030: thirteen calendar quarters.
    assert_eq!(timeline.quarters.len(), 13);
    let q1 = &timeline.quarters[0];
    assert_eq!(q1.label, "Q1 2027");
    assert_eq!(
        (q1.delivered, q1.planned),
        (6, 6),
        "{:?}",
        timeline.quarters
    );
    let q2 = &timeline.quarters[1];
    assert_eq!(
        (q2.label.as_str(), q2.delivered, q2.planned),
        ("Q2 2027", 0, 0)
    );
    assert!(q2.current, "3 May 2027 is in the second quarter");
    assert_eq!(timeline.today_day, Some(122), "1 Jan to 3 May 2027");
    assert_eq!(timeline.phases.len(), 7);
    assert_eq!(timeline.phases[0].name, "Kick-off");
    assert_eq!(timeline.phases[0].start_day, 31, "the kick-off on 1 Feb");
    assert!(timeline.next_sessions.is_empty(), "all six are over");
    assert!(
        timeline
            .summary
            .starts_with("6 of 6 planned sessions delivered from Q1 2027 to Q1 2030"),
        "{}",
        timeline.summary
    );

    // An hour later on the site's clock it is 00:30 on 1 April: the second quarter.
    move_session(
        &db,
        last.id,
        Utc.with_ymd_and_hms(2027, 4, 1, 5, 30, 0).unwrap(),
    )
    .await;
    let timeline = engagement_timeline(&db, &coordinator, engagement_id, after_all)
        .await
        .unwrap();
    assert_eq!(
        (timeline.quarters[0].planned, timeline.quarters[1].planned),
        (5, 1)
    );

    // Before the series, nothing is delivered and the next five are listed, soonest first, in
    // the reader's zone with the site's clock beside it (the coordinator reads New York time).
    let before = Utc.with_ymd_and_hms(2027, 1, 15, 12, 0, 0).unwrap();
    let timeline = engagement_timeline(&db, &coordinator, engagement_id, before)
        .await
        .unwrap();
    assert_eq!(timeline.quarters[0].delivered, 0);
    assert_eq!(timeline.quarters[0].planned, 5);
    assert_eq!(timeline.next_sessions.len(), 5);
    let first = &timeline.next_sessions[0];
    assert_eq!(first.occurrence, 1);
    assert_eq!(first.title, "Gun violence coaching");
    assert_eq!(first.provider, "Alex Phoenix");
    assert!(
        first.when.contains("EST") && first.when.contains("(site: "),
        "{}",
        first.when
    );
    assert_eq!(first.href, format!("/coordinator/requests/{request}"));
    let starts: Vec<i32> = timeline
        .next_sessions
        .iter()
        .map(|s| s.occurrence)
        .collect();
    assert_eq!(starts, vec![1, 2, 3, 4, 5]);

    // The site's contact reads Central time, the site's own: no second clock.
    add_site_contact(&database.url, 500, "Morgan Memphis", MEMPHIS).await;
    let contact = actor_of(&db, 500).await;
    let theirs = engagement_timeline(&db, &contact, engagement_id, before)
        .await
        .unwrap();
    assert!(theirs.next_sessions[0].when.contains("CST"));
    assert!(!theirs.next_sessions[0].when.contains("(site: "));
    assert_eq!(theirs.next_sessions[0].href, format!("/requests/{request}"));

    // Another site's contact finds no such engagement.
    add_site_contact(&database.url, 501, "Nia Newark", 1).await;
    let stranger = actor_of(&db, 501).await;
    let refused = engagement_timeline(&db, &stranger, engagement_id, before)
        .await
        .unwrap_err();
    assert_eq!(refused.http_status(), 404);
    // Nor does a provider who is not on its TTA team.
    let outsider = actor_of(&db, 102).await;
    let refused = engagement_timeline(&db, &outsider, engagement_id, before)
        .await
        .unwrap_err();
    assert_eq!(refused.http_status(), 404);
}

crate::on_both_backends!(sessions_are_counted_in_the_quarter_of_the_sites_day);
