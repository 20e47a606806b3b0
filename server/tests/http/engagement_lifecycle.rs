//! An engagement's life on both databases: an administrator opens one for a site (every field's
//! mistake named; a second open one of the kind is a 409 naming the site), staff record a
//! phase's actual dates (backwards or future dates refused beside the field), and closing asks
//! what to do with the sessions still ahead, cancels them with the usual e-mails when told to,
//! and refuses a second close.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{TimeZone as _, Utc};
use contract::forms::{CloseEngagementForm, OpenEngagementForm, PhaseDatesForm};
use harness::Backend;
use harness::fixtures::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use service::ServiceError;
use service::engagements::{close_engagement, open_engagement, record_phase_dates};
use service::entities::{email_outbox, engagement, engagement_phase, tta_request, tta_session};

fn fields(error: &ServiceError) -> &contract::FieldErrors {
    match error {
        ServiceError::InvalidFields(fields) => fields,
        other => panic!("field errors expected, got {other:?}"),
    }
}

async fn an_administrator_opens_an_engagement_for_a_site(backend: Backend) {
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
    let now = Utc.with_ymd_and_hms(2026, 12, 5, 15, 0, 0).unwrap();

    let bad = open_engagement(
        &db,
        &admin,
        &OpenEngagementForm {
            site_id: "x".into(),
            kind: "training".into(),
            starts_on: "2027-13-01".into(),
        },
        now,
    )
    .await
    .unwrap_err();
    let errors = fields(&bad);
    assert_eq!(
        errors.message_for("site_id"),
        Some("Choose one of the listed sites.")
    );
    assert_eq!(
        errors.message_for("kind"),
        Some("Choose Diagnostic or Operations.")
    );
    assert_eq!(
        errors.message_for("starts_on"),
        Some("Enter a date such as 2027-03-15.")
    );

    let form = OpenEngagementForm {
        site_id: MEMPHIS.to_string(),
        kind: "operations".into(),
        starts_on: "2027-01-11".into(),
    };
    let refused = open_engagement(&db, &coordinator, &form, now)
        .await
        .unwrap_err();
    assert_eq!(refused.http_status(), 403);
    let id = open_engagement(&db, &admin, &form, now).await.unwrap();
    let opened = engagement::Entity::find_by_id(id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(opened.status, "planned", "it starts after today");
    assert_eq!(opened.planned_end.to_string(), "2030-01-11");
    let phases = engagement_phase::Entity::find()
        .filter(engagement_phase::Column::EngagementId.eq(id))
        .count_rows(&db)
        .await;
    assert_eq!(phases, 7, "the Operations templates");
    let again = open_engagement(&db, &admin, &form, now).await.unwrap_err();
    assert_eq!(again.http_status(), 409);
    assert!(
        again
            .to_string()
            .contains("Memphis, TN already has an open Operations engagement")
    );
    // The site's next Operations request joins it rather than opening another.
    let request =
        service::requests::store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
            .await
            .unwrap();
    let joined = tta_request::Entity::find_by_id(request)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(joined.engagement_id, Some(id));
}

async fn staff_record_a_phases_dates(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    let coordinator = coordinator_actor(&database.url, &db).await;
    service::requests::store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let phase = engagement_phase::Entity::find()
        .order_by_asc(engagement_phase::Column::Id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    // The engagement starts on 2027-02-01 (the request's earliest date); it is June 2027.
    let now = Utc.with_ymd_and_hms(2027, 6, 1, 15, 0, 0).unwrap();
    let form = |start: &str, end: &str| PhaseDatesForm {
        phase_id: phase.id.to_string(),
        actual_start: start.into(),
        actual_end: end.into(),
    };
    let backwards = record_phase_dates(&db, &coordinator, &form("2027-03-10", "2027-03-01"), now)
        .await
        .unwrap_err();
    assert_eq!(
        fields(&backwards).message_for("actual_end"),
        Some("The phase cannot finish (Mon 1 Mar 2027) before it started (Wed 10 Mar 2027).")
    );
    let future = record_phase_dates(&db, &coordinator, &form("2027-02-03", "2027-07-01"), now)
        .await
        .unwrap_err();
    assert!(
        fields(&future)
            .message_for("actual_end")
            .unwrap()
            .contains("after today on the site's calendar"),
        "{future}"
    );
    let early = record_phase_dates(&db, &coordinator, &form("2027-01-15", ""), now)
        .await
        .unwrap_err();
    assert!(
        fields(&early)
            .message_for("actual_start")
            .unwrap()
            .contains("before the engagement began")
    );
    record_phase_dates(&db, &coordinator, &form("2027-02-03", "2027-02-26"), now)
        .await
        .unwrap();
    let saved = engagement_phase::Entity::find_by_id(phase.id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        saved.actual_end.map(|d| d.to_string()).as_deref(),
        Some("2027-02-26")
    );
    add_site_contact(&database.url, 500, "Morgan Memphis", MEMPHIS).await;
    let contact = actor_of(&db, 500).await;
    let refused = record_phase_dates(&db, &contact, &form("", ""), now)
        .await
        .unwrap_err();
    assert_eq!(refused.http_status(), 403);
}

async fn closing_asks_about_sessions_ahead_and_cancels_them_once(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    let (request, sessions) = confirmed_memphis_series(&database, &db).await;
    let coordinator = coordinator_actor(&database.url, &db).await;
    let engagement_id = tta_request::Entity::find_by_id(request)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .engagement_id
        .unwrap();
    let form = |choice: &str| CloseEngagementForm {
        engagement_id: engagement_id.to_string(),
        future_sessions: choice.into(),
    };
    let now = Utc::now();
    let asked = close_engagement(&db, &coordinator, &form(""), &notify(), now)
        .await
        .unwrap_err();
    assert_eq!(
        fields(&asked).message_for("future_sessions"),
        Some("6 sessions are still ahead: choose whether to cancel them or keep them.")
    );
    let mails_before = email_outbox::Entity::find().count_rows(&db).await;
    let cancelled = close_engagement(&db, &coordinator, &form("cancel"), &notify(), now)
        .await
        .unwrap();
    assert_eq!(cancelled, sessions.len());
    let still_held = tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(request))
        .filter(tta_session::Column::Status.ne("cancelled"))
        .count_rows(&db)
        .await;
    assert_eq!(still_held, 0);
    assert!(
        email_outbox::Entity::find().count_rows(&db).await > mails_before,
        "the provider and the site are told"
    );
    let closed = engagement::Entity::find_by_id(engagement_id)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed.status, "closed");
    let twice = close_engagement(&db, &coordinator, &form("keep"), &notify(), now)
        .await
        .unwrap_err();
    assert_eq!(twice.http_status(), 409);
    // Closed, the site may open the next engagement of the kind.
    let next = service::requests::store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let next_engagement = tta_request::Entity::find_by_id(next)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .engagement_id
        .unwrap();
    assert_ne!(next_engagement, engagement_id);
}

/// Counting rows of an entity's query.
trait CountRows {
    async fn count_rows(self, db: &service::Database) -> u64;
}

impl<E: EntityTrait> CountRows for sea_orm::Select<E>
where
    E::Model: Send + Sync,
{
    async fn count_rows(self, db: &service::Database) -> u64 {
        use sea_orm::PaginatorTrait;
        self.count(db.conn()).await.unwrap()
    }
}

crate::on_both_backends!(
    an_administrator_opens_an_engagement_for_a_site,
    staff_record_a_phases_dates,
    closing_asks_about_sessions_ahead_and_cancels_them_once,
);
