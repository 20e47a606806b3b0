//! The provider's free-time preview shows exactly what coordinators can book (issue 22, item 4),
//! on SQLite and PostgreSQL: no previewed time starts sooner than now plus the minimum notice
//! (it listed times inside the notice), and the engine books a one-time request on a previewed
//! day inside a previewed free stretch.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Utc};
use service::intake::{IntakeForm, RequestDraft};
use service::providers::free_time_preview;

use crate::harness::fixtures::{GUN_VIOLENCE, MEMPHIS, actor_of, notify, three_providers};
use crate::harness::{Backend, seeded_service_database};

on_both_backends!(the_preview_shows_only_what_coordinators_can_book);

async fn the_preview_shows_only_what_coordinators_can_book(backend: Backend) {
    let Some((database, db)) = seeded_service_database(backend).await else {
        return;
    };
    three_providers(&database.url, &db).await;
    let phoenix = actor_of(&db, 101).await;
    let now = Utc::now();
    let preview = free_time_preview(&db, &phoenix, now, 4)
        .await
        .unwrap()
        .expect("a profile");
    let bookable_from = now + Duration::hours(i64::from(preview.minimum_notice_hours));
    let free: Vec<_> = preview
        .days
        .iter()
        .flat_map(|day| day.free.iter().copied())
        .collect();
    assert!(
        !free.is_empty(),
        "four weeks of working days hold free time"
    );
    for (start, _) in &free {
        assert!(
            // Whole seconds, as the engine counts the notice.
            start.timestamp() >= bookable_from.timestamp(),
            "{start} is previewed free but sooner than the notice ({bookable_from})"
        );
    }

    // A one-hour, one-time Memphis request on the site-local date of the first previewed
    // stretch an hour long: the engine places it inside a previewed stretch.
    let (start, _) = *free
        .iter()
        .find(|(start, end)| *end - *start >= Duration::hours(1))
        .expect("an hour free");
    let date = start
        .with_timezone(&service::mail::messages::Tz::America__Chicago)
        .date_naive();
    let form = IntakeForm {
        title: "One-time coaching".into(),
        topic_ids: vec![GUN_VIOLENCE.to_string()],
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: "1".into(),
        cadence: "once".into(),
        session_minutes: "60".into(),
        earliest_date: date.to_string(),
        latest_date: date.to_string(),
        preferred_weekdays: ["mon", "tue", "wed", "thu", "fri"]
            .map(String::from)
            .to_vec(),
        preferred_start: "06:00".into(),
        preferred_end: "20:00".into(),
        minimum_level: "1".into(),
        ..IntakeForm::default()
    };
    let draft = RequestDraft::parse(&form, now.date_naive()).unwrap();
    let request = service::requests::store_request(&db, MEMPHIS, None, &draft, &notify())
        .await
        .unwrap();
    let (plan, _, _) = service::engine::plan_series(&db, request, 101, now)
        .await
        .unwrap();
    let slot = plan.occurrences[0]
        .slot()
        .expect("the engine books the previewed day");
    assert!(
        free.iter()
            .any(|(from, until)| *from <= slot.start() && slot.end() <= *until),
        "the engine's {} – {} lies in a previewed free stretch",
        slot.start(),
        slot.end()
    );
}
