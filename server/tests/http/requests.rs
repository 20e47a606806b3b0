//! Submitting and reading TTA requests, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::NaiveDate;
use harness::fixtures::notify;
use harness::{Backend, seeded_service_database};
use service::ServiceError;
use service::intake::{IntakeForm, RequestDraft};
use service::requests::{request_view, site_requests, store_request};
use service::status::RequestStatus;

fn memphis_form() -> IntakeForm {
    IntakeForm {
        visit_days: String::new(),
        travel_days: String::new(),
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

fn draft(form: &IntakeForm) -> RequestDraft {
    RequestDraft::parse(form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

async fn a_submitted_request_is_stored_with_topics_and_history(backend: Backend) {
    let Some((_guard, db)) = seeded_service_database(backend).await else {
        return;
    };
    // Memphis is site 3 in the demo order.
    let id = store_request(&db, 3, None, &draft(&memphis_form()), &notify())
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
    let error = store_request(&db, 3, None, &draft(&form), &notify())
        .await
        .unwrap_err();
    let ServiceError::InvalidFields(fields) = &error else {
        panic!("a field error: {error:?}");
    };
    assert_eq!(
        fields.message_for("topic_ids"),
        Some("One of the chosen topics is no longer offered; reload the form.")
    );
    let error = store_request(&db, 999, None, &draft(&memphis_form()), &notify())
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
    let report = demo::generate_load(&db, 5, 50, 200).await.unwrap();
    assert_eq!(
        (report.providers, report.requests, report.sessions),
        (5, 50, 200)
    );
    let now = chrono::Utc::now();
    let staff = harness::fixtures::coordinator_actor(&_guard.url, &db).await;
    let waiting = queue(&db, &staff, &QueueFilter::default(), now)
        .await
        .unwrap();
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
        &staff,
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

/// Six requests submitted by sites, moved on through the real status transitions and dated
/// `age` days before `now` (whole seconds), for the queue-filter tests. Returns the ids by title.
async fn a_mixed_queue(
    url: &str,
    db: &service::Database,
    now: chrono::DateTime<chrono::Utc>,
) -> std::collections::HashMap<&'static str, i32> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, Database as SeaDatabase, EntityTrait, QueryFilter};
    use service::entities::tta_request;
    use service::requests::transition;
    use service::status::RequestTransition as T;

    /// (title, site, topics, engagement type, transitions, age in days)
    type QueuedRequest<'a> = (&'a str, i32, &'a [&'a str], &'a str, &'a [T], i64);
    let requests: [QueuedRequest<'_>; 6] = [
        // Memphis = 3, Houston = 8, Birmingham = 1; topics 1 collaboration, 2 community
        // engagement, 3 crime analysis, 4 gun violence.
        ("Memphis guns", 3, &["4", "3"], "operations", &[], 20),
        (
            "Memphis community",
            3,
            &["2"],
            "diagnostic",
            &[T::StartMatching],
            5,
        ),
        ("Houston guns", 8, &["4"], "diagnostic", &[T::Propose], 12),
        (
            "Birmingham analysis",
            1,
            &["1", "3"],
            "operations",
            &[T::Propose, T::Approve],
            2,
        ),
        (
            "Houston rejected",
            8,
            &["4"],
            "operations",
            &[T::Reject],
            30,
        ),
        (
            "Birmingham returned",
            1,
            &["2"],
            "diagnostic",
            &[T::ReturnToSite],
            40,
        ),
    ];
    let raw = SeaDatabase::connect(url).await.unwrap();
    let mut ids = std::collections::HashMap::new();
    for (title, site, topics, engagement, transitions, age) in requests {
        let mut form = memphis_form();
        form.title = title.into();
        form.topic_ids = topics.iter().map(|t| (*t).to_owned()).collect();
        form.engagement_type = engagement.into();
        let id = store_request(db, site, None, &draft(&form), &notify())
            .await
            .unwrap();
        for &step in transitions {
            transition(db, id, step, None, "queue test").await.unwrap();
        }
        tta_request::Entity::update_many()
            .col_expr(
                tta_request::Column::CreatedAt,
                Expr::value(now - chrono::Duration::days(age)),
            )
            .filter(tta_request::Column::Id.eq(id))
            .exec(&raw)
            .await
            .unwrap();
        ids.insert(title, id);
    }
    raw.close().await.unwrap();
    ids
}

fn titles(queue: &service::requests::Queue) -> Vec<&str> {
    queue.rows.iter().map(|r| r.title.as_str()).collect()
}

async fn the_queue_filters_by_status_topic_engagement_and_age(backend: Backend) {
    use chrono::Timelike;
    use service::intake::EngagementType;
    use service::requests::{QueueFilter, queue};
    let Some((guard, db)) = seeded_service_database(backend).await else {
        return;
    };
    let now = chrono::Utc::now().with_nanosecond(0).unwrap();
    let ids = a_mixed_queue(&guard.url, &db, now).await;
    let staff = harness::fixtures::coordinator_actor(&guard.url, &db).await;
    let list = |filter: QueueFilter| {
        let (db, staff) = (db.clone(), staff.clone());
        async move { queue(&db, &staff, &filter, now).await.unwrap() }
    };

    // No filter: the four waiting requests, oldest first, with their topics and ages.
    let all = list(QueueFilter::default()).await;
    assert_eq!(
        titles(&all),
        [
            "Memphis guns",
            "Houston guns",
            "Memphis community",
            "Birmingham analysis"
        ]
    );
    assert_eq!(all.total, 4);
    assert_eq!(all.rows[0].id, ids["Memphis guns"]);
    assert_eq!(all.rows[0].topics, ["Crime analysis", "Gun violence"]);
    assert_eq!(all.rows[0].age_days, 20);
    assert_eq!(all.rows[1].status, RequestStatus::Proposed);
    assert_eq!(all.rows[3].status, RequestStatus::Approved);

    // Status: one waiting status, a closed one, and one nobody is in.
    let matching = list(QueueFilter {
        status: Some(RequestStatus::Matching),
        ..QueueFilter::default()
    })
    .await;
    assert_eq!(titles(&matching), ["Memphis community"]);
    assert_eq!(matching.total, 1);
    let rejected = list(QueueFilter {
        status: Some(RequestStatus::Rejected),
        ..QueueFilter::default()
    })
    .await;
    assert_eq!(titles(&rejected), ["Houston rejected"]);
    assert_eq!(rejected.rows[0].status, RequestStatus::Rejected);
    let scheduled = list(QueueFilter {
        status: Some(RequestStatus::Scheduled),
        ..QueueFilter::default()
    })
    .await;
    assert!(scheduled.rows.is_empty());
    assert_eq!(scheduled.total, 0);

    // Topic: any of the request's topics; closed requests stay out without a status filter.
    let guns = list(QueueFilter {
        topic_id: Some(4),
        ..QueueFilter::default()
    })
    .await;
    assert_eq!(titles(&guns), ["Memphis guns", "Houston guns"]);
    let analysis = list(QueueFilter {
        topic_id: Some(3),
        ..QueueFilter::default()
    })
    .await;
    assert_eq!(titles(&analysis), ["Memphis guns", "Birmingham analysis"]);
    let community = list(QueueFilter {
        topic_id: Some(2),
        ..QueueFilter::default()
    })
    .await;
    assert_eq!(titles(&community), ["Memphis community"]);
    assert_eq!(community.total, 1);

    // Engagement type.
    let diagnostic = list(QueueFilter {
        engagement_type: Some(EngagementType::Diagnostic),
        ..QueueFilter::default()
    })
    .await;
    assert_eq!(titles(&diagnostic), ["Houston guns", "Memphis community"]);
    assert!(
        diagnostic
            .rows
            .iter()
            .all(|r| r.engagement_type == "diagnostic")
    );
    let operations = list(QueueFilter {
        engagement_type: Some(EngagementType::Operations),
        ..QueueFilter::default()
    })
    .await;
    assert_eq!(titles(&operations), ["Memphis guns", "Birmingham analysis"]);

    // Age: waiting at least N days, the day itself included.
    let age = |days: u32| {
        list(QueueFilter {
            min_age_days: Some(days),
            ..QueueFilter::default()
        })
    };
    assert_eq!(titles(&age(12).await), ["Memphis guns", "Houston guns"]);
    assert_eq!(titles(&age(13).await), ["Memphis guns"]);
    assert_eq!(titles(&age(0).await).len(), 4);
    let none = age(21).await;
    assert!(none.rows.is_empty());
    assert_eq!(none.total, 0);

    // Filters combine (all must hold).
    let combined = |filter: QueueFilter| async move { titles(&list(filter).await).join("|") };
    assert_eq!(
        combined(QueueFilter {
            topic_id: Some(4),
            engagement_type: Some(EngagementType::Diagnostic),
            ..QueueFilter::default()
        })
        .await,
        "Houston guns"
    );
    assert_eq!(
        combined(QueueFilter {
            site_id: Some(3),
            min_age_days: Some(10),
            ..QueueFilter::default()
        })
        .await,
        "Memphis guns"
    );
    assert_eq!(
        combined(QueueFilter {
            status: Some(RequestStatus::Rejected),
            site_id: Some(8),
            topic_id: Some(4),
            engagement_type: Some(EngagementType::Operations),
            min_age_days: Some(30),
            request_ids: None,
            page: service::requests::QueuePage::First,
        })
        .await,
        "Houston rejected"
    );
    assert_eq!(
        combined(QueueFilter {
            status: Some(RequestStatus::Rejected),
            engagement_type: Some(EngagementType::Diagnostic),
            ..QueueFilter::default()
        })
        .await,
        ""
    );
    assert_eq!(
        combined(QueueFilter {
            status: Some(RequestStatus::Returned),
            topic_id: Some(2),
            site_id: Some(1),
            ..QueueFilter::default()
        })
        .await,
        "Birmingham returned"
    );
    assert_eq!(
        combined(QueueFilter {
            site_id: Some(8),
            engagement_type: Some(EngagementType::Operations),
            ..QueueFilter::default()
        })
        .await,
        "",
        "Houston's operations request is rejected, so not waiting"
    );
}

async fn the_queue_counts_every_status_whatever_the_filter(backend: Backend) {
    use chrono::Timelike;
    use service::intake::EngagementType;
    use service::requests::{QueueFilter, queue};
    let Some((guard, db)) = seeded_service_database(backend).await else {
        return;
    };
    let now = chrono::Utc::now().with_nanosecond(0).unwrap();
    a_mixed_queue(&guard.url, &db, now).await;
    let staff = harness::fixtures::coordinator_actor(&guard.url, &db).await;
    let expected: Vec<(RequestStatus, u64)> = RequestStatus::ALL
        .iter()
        .map(|&status| {
            let n = match status {
                RequestStatus::Submitted
                | RequestStatus::Matching
                | RequestStatus::Proposed
                | RequestStatus::Approved
                | RequestStatus::Rejected
                | RequestStatus::Returned => 1,
                _ => 0,
            };
            (status, n)
        })
        .collect();
    // The counts are of all requests in each status (every site, no filter): the status tabs
    // keep their numbers while the list narrows.
    for filter in [
        QueueFilter::default(),
        QueueFilter {
            status: Some(RequestStatus::Rejected),
            ..QueueFilter::default()
        },
        QueueFilter {
            site_id: Some(3),
            topic_id: Some(4),
            ..QueueFilter::default()
        },
        QueueFilter {
            engagement_type: Some(EngagementType::Diagnostic),
            min_age_days: Some(100),
            ..QueueFilter::default()
        },
    ] {
        let found = queue(&db, &staff, &filter, now).await.unwrap();
        assert_eq!(found.counts, expected, "{filter:?}");
        assert_eq!(
            found.total,
            u64::try_from(found.rows.len()).unwrap(),
            "{filter:?}"
        );
    }
}

on_both_backends!(
    the_load_generator_fills_a_consistent_queue,
    a_submitted_request_is_stored_with_topics_and_history,
    unknown_topics_and_sites_are_refused,
    the_queue_filters_by_status_topic_engagement_and_age,
    the_queue_counts_every_status_whatever_the_filter,
);
