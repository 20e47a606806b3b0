//! Submitting and reading TTA requests, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

use chrono::NaiveDate;
use harness::fixtures::notify;
use harness::{Backend, seeded_service_database};
use service::ServiceError;
use service::intake::{RequestDraft, RequestForm};
use service::requests::{request_view, site_requests, submit_request};
use service::status::RequestStatus;

fn memphis_form() -> RequestForm {
    RequestForm {
        title: "Gun violence coaching".into(),
        topic_ids: vec!["4".into(), "3".into()],
        description: "Coaching for the gun crime intelligence centre.".into(),
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: "6".into(),
        cadence: "biweekly".into(),
        session_minutes: "90".into(),
        earliest_date: "2027-01-12".into(),
        latest_date: "2027-04-30".into(),
        preferred_weekdays: vec!["tue".into(), "wed".into(), "thu".into()],
        preferred_start: "09:00".into(),
        preferred_end: "12:00".into(),
        expected_attendees: "12".into(),
        minimum_level: "2".into(),
        notes: String::new(),
    }
}

fn draft(form: &RequestForm) -> RequestDraft {
    RequestDraft::parse(form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

async fn a_submitted_request_is_stored_with_topics_and_history(backend: Backend) {
    let Some((_guard, db)) = seeded_service_database(backend).await else {
        return;
    };
    // Memphis is site 3 in the demo order.
    let id = submit_request(&db, 3, None, &draft(&memphis_form()), &notify())
        .await
        .unwrap();
    let view = request_view(&db, id).await.unwrap();
    assert_eq!(view.status, RequestStatus::Submitted);
    assert_eq!(
        view.request.anchor_zone, "America/Chicago",
        "anchored to the site's zone"
    );
    assert_eq!(view.request.preferred_weekdays, "1,2,3");
    assert_eq!(
        view.topics
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["Crime analysis", "Gun violence"]
    );
    assert_eq!(view.history.len(), 1);
    assert_eq!(view.history[0].from, None);
    assert_eq!(view.history[0].to, RequestStatus::Submitted);

    let listed = site_requests(&db, 3).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].title, "Gun violence coaching");
    assert!(
        site_requests(&db, 1).await.unwrap().is_empty(),
        "other sites see nothing"
    );
}

async fn unknown_topics_and_sites_are_refused(backend: Backend) {
    let Some((_guard, db)) = seeded_service_database(backend).await else {
        return;
    };
    let mut form = memphis_form();
    form.topic_ids = vec!["999".into()];
    let error = submit_request(&db, 3, None, &draft(&form), &notify())
        .await
        .unwrap_err();
    assert!(matches!(error, ServiceError::Invalid(_)), "{error:?}");
    let error = submit_request(&db, 999, None, &draft(&memphis_form()), &notify())
        .await
        .unwrap_err();
    assert!(matches!(error, ServiceError::NotFound(_)), "{error:?}");
    assert!(matches!(
        request_view(&db, 42).await,
        Err(ServiceError::NotFound(_))
    ));
}

async fn the_load_generator_fills_a_consistent_queue(backend: Backend) {
    use service::requests::{QueueFilter, queue};
    let Some((_guard, db)) = seeded_service_database(backend).await else {
        return;
    };
    let report = service::demo::generate_load(&db, 5, 50, 200).await.unwrap();
    assert_eq!(
        (report.providers, report.requests, report.sessions),
        (5, 50, 200)
    );
    let now = chrono::Utc::now();
    let waiting = queue(&db, &QueueFilter::default(), now).await.unwrap();
    assert_eq!(waiting.total, 15, "30 % of the requests wait");
    let total: u64 = waiting.counts.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 50);
    let oldest_first = waiting
        .rows
        .windows(2)
        .all(|w| w[0].created_at <= w[1].created_at);
    assert!(oldest_first);
    let memphis = queue(
        &db,
        &QueueFilter {
            site_id: Some(3),
            ..QueueFilter::default()
        },
        now,
    )
    .await
    .unwrap();
    assert!(memphis.rows.iter().all(|r| r.site_name == "Memphis"));
}

on_both_backends!(
    the_load_generator_fills_a_consistent_queue,
    a_submitted_request_is_stored_with_topics_and_history,
    unknown_topics_and_sites_are_refused
);
