//! Opening a site's Operations engagement from its Diagnostic's plan, on both databases: the
//! recommendations still to do (open, in progress) are copied into the new engagement, each
//! naming its source, and the Diagnostic's own record is left as it was; a second Operations
//! engagement while one is open is a 409 naming the site; only staff may do it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{TimeZone as _, Utc};
use contract::forms::{OpenEngagementForm, OperationsFromPlanForm, RecommendationForm};
use harness::Backend;
use harness::fixtures::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use service::ServiceError;
use service::engagements::{
    add_recommendation, engagement_page, open_engagement, open_operations_from_plan,
    operations_offer, set_recommendation_status,
};
use service::entities::{engagement, recommendation};

fn recommendation(area: &str, text: &str) -> RecommendationForm {
    RecommendationForm {
        core_area: area.into(),
        text: text.into(),
        owner: "Deputy Chief".into(),
        status: String::new(),
    }
}

async fn the_plans_open_recommendations_start_the_operations_engagement(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    add_user(
        &database.url,
        900,
        "Avery Admin",
        "America/New_York",
        "admin",
    )
    .await;
    let admin = actor_of(&db, 900).await;
    let coordinator = coordinator_actor(&database.url, &db).await;
    add_site_contact(&database.url, 500, "Morgan Memphis", MEMPHIS).await;
    let contact = actor_of(&db, 500).await;
    let now = Utc.with_ymd_and_hms(2027, 3, 1, 15, 0, 0).unwrap();
    let diagnostic = open_engagement(
        &db,
        &admin,
        &OpenEngagementForm {
            site_id: MEMPHIS.to_string(),
            kind: "diagnostic".into(),
            starts_on: "2026-06-01".into(),
        },
        now,
    )
    .await
    .unwrap();
    for (area, text) in [
        ("gun_violence", "Stand up a weekly shooting review."),
        ("crime_analysis", "Map the repeat locations of gun crime."),
        (
            "community_engagement",
            "Meet the neighbourhood associations.",
        ),
        ("technology", "Replace the records system."),
    ] {
        add_recommendation(&db, &coordinator, diagnostic, &recommendation(area, text))
            .await
            .unwrap();
    }
    let ids: Vec<i32> = recommendation::Entity::find()
        .filter(recommendation::Column::EngagementId.eq(diagnostic))
        .order_by_asc(recommendation::Column::Id)
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    set_recommendation_status(&db, &coordinator, ids[1], "in_progress")
        .await
        .unwrap();
    set_recommendation_status(&db, &coordinator, ids[2], "done")
        .await
        .unwrap();
    set_recommendation_status(&db, &coordinator, ids[3], "dropped")
        .await
        .unwrap();

    let offer = operations_offer(&db, &coordinator, diagnostic, now)
        .await
        .unwrap()
        .expect("a Diagnostic offers it");
    assert_eq!(
        offer.carried,
        vec![
            "Gun violence: Stand up a weekly shooting review.".to_owned(),
            "Crime analysis: Map the repeat locations of gun crime.".to_owned(),
        ]
    );
    assert_eq!(offer.open_operations, None);
    assert_eq!(offer.suggested_start, "2027-03-01");
    let refused = operations_offer(&db, &contact, diagnostic, now)
        .await
        .unwrap_err();
    assert_eq!(refused.http_status(), 403);

    let form = |starts_on: &str| OperationsFromPlanForm {
        diagnostic_id: diagnostic.to_string(),
        starts_on: starts_on.into(),
    };
    let refused = open_operations_from_plan(&db, &contact, &form("2027-04-01"), now)
        .await
        .unwrap_err();
    assert_eq!(refused.http_status(), 403);
    let ServiceError::InvalidFields(errors) =
        open_operations_from_plan(&db, &coordinator, &form(""), now)
            .await
            .unwrap_err()
    else {
        panic!("a field error expected");
    };
    assert_eq!(errors.message_for("starts_on"), Some("Enter the date."));

    let operations = open_operations_from_plan(&db, &coordinator, &form("2027-04-01"), now)
        .await
        .unwrap();
    let opened = engagement::Entity::find_by_id(operations)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (opened.kind.as_str(), opened.status.as_str()),
        ("operations", "planned")
    );
    assert_eq!(opened.planned_end.to_string(), "2030-04-01");
    let copies = recommendation::Entity::find()
        .filter(recommendation::Column::EngagementId.eq(operations))
        .order_by_asc(recommendation::Column::Id)
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(copies.len(), 2);
    assert_eq!(copies[0].carried_from, Some(ids[0]));
    assert_eq!(copies[0].status, "open");
    assert_eq!(copies[1].carried_from, Some(ids[1]));
    assert_eq!(copies[1].status, "in_progress");
    assert_eq!(copies[1].text, "Map the repeat locations of gun crime.");
    // The Diagnostic's record is as it was: four recommendations, statuses kept.
    let originals: Vec<String> = recommendation::Entity::find()
        .filter(recommendation::Column::EngagementId.eq(diagnostic))
        .order_by_asc(recommendation::Column::Id)
        .all(db.conn())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(originals, ["open", "in_progress", "done", "dropped"]);
    // The site reads the copies on its Operations page, each pointing back to the plan.
    let page = engagement_page(&db, &contact, operations).await.unwrap();
    assert_eq!(page.recommendations.len(), 2);
    assert!(
        page.recommendations
            .iter()
            .all(|r| r.carried_from == Some(diagnostic))
    );
    let source = engagement_page(&db, &contact, diagnostic).await.unwrap();
    assert!(
        source
            .recommendations
            .iter()
            .all(|r| r.carried_from.is_none())
    );

    // A second time: the site's Operations engagement is open.
    let again = open_operations_from_plan(&db, &coordinator, &form("2027-05-01"), now)
        .await
        .unwrap_err();
    assert_eq!(again.http_status(), 409);
    assert!(
        again
            .to_string()
            .contains("Memphis, TN already has an open Operations engagement"),
        "{again}"
    );
    let copies_after = recommendation::Entity::find()
        .filter(recommendation::Column::EngagementId.eq(operations))
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(copies_after.len(), 2, "nothing copied twice");
    let offer = operations_offer(&db, &coordinator, diagnostic, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(offer.open_operations, Some(operations));
    // An Operations engagement offers nothing and opens nothing.
    assert_eq!(
        operations_offer(&db, &coordinator, operations, now)
            .await
            .unwrap(),
        None
    );
    let not_a_plan = open_operations_from_plan(
        &db,
        &coordinator,
        &OperationsFromPlanForm {
            diagnostic_id: operations.to_string(),
            starts_on: "2027-04-01".into(),
        },
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(not_a_plan.http_status(), 400);
}

crate::on_both_backends!(the_plans_open_recommendations_start_the_operations_engagement);
