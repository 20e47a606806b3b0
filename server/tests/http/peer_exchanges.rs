//! Peer exchanges (issue 16), on both databases: who may arrange one and what is refused (the
//! visiting site is the host, an unknown site, a site contact naming a host they do not speak
//! for); who reads it (the host's contacts read and act; the visiting site's contacts read it,
//! its sessions and their home's "coming up" in their own zone with the host's clock beside,
//! and every action is refused; a third site's contacts get not found; providers only their
//! own sessions); and the approval e-mails reaching both sites' contacts in their own zones
//! (host contact in America/Chicago, visiting contact in America/Phoenix).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness;
use chrono::{TimeZone as _, Utc};
use contract::forms::{IntakeForm, PeerExchangeForm};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use service::access::{Reading, readable_request, visible_session};
use service::change_requests::{ChangeKind, NewChangeRequest, create_change_request};
use service::entities::{email_outbox, peer_exchange};
use service::{Database, ServiceError};

/// Houston, TX: the visiting site (the reference data's eighth site).
const HOUSTON: i32 = 8;
/// Birmingham, AL: a third site.
const BIRMINGHAM: i32 = 1;
const HOST_CONTACT: i32 = 110;
const VISITOR: i32 = 120;
const THIRD: i32 = 130;
const PROVIDER: i32 = 101;
const OTHER_PROVIDER: i32 = 102;

fn email(id: i32) -> String {
    format!("p{id}@example.org")
}

async fn contact_of(url: &str, id: i32, name: &str, zone: &str, site: i32) {
    add_user(url, id, name, zone, "site_contact").await;
    let raw = SeaDatabase::connect(url).await.unwrap();
    raw.execute_unprepared(&format!(
        "INSERT INTO site_contact (site_id, user_id) VALUES ({site}, {id})"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
}

/// Reference data, the three providers and the coordinator, a Memphis contact (Central), a
/// Houston contact who reads in Phoenix time, and a Birmingham contact.
async fn setup(backend: Backend) -> Option<(harness::TestDatabase, Database)> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    contact_of(
        &database.url,
        HOST_CONTACT,
        "Morgan Memphis",
        "America/Chicago",
        MEMPHIS,
    )
    .await;
    contact_of(
        &database.url,
        VISITOR,
        "Harper Houston",
        "America/Phoenix",
        HOUSTON,
    )
    .await;
    contact_of(
        &database.url,
        THIRD,
        "Bo Birmingham",
        "America/Chicago",
        BIRMINGHAM,
    )
    .await;
    Some((database, db))
}

/// Memphis hosts Houston: two weekly 90-minute virtual sessions in February 2027, 09:00–12:00
/// on Memphis's clock.
fn exchange_form(host: &str, visiting: &str) -> PeerExchangeForm {
    PeerExchangeForm {
        host_site_id: host.to_owned(),
        visiting_site_id: visiting.to_owned(),
        title: "Houston's gun-crime unit visits Memphis".to_owned(),
        topic_id: GUN_VIOLENCE.to_string(),
        description: "Crime gun intelligence centre practice.".to_owned(),
        modality: "virtual".to_owned(),
        session_count: "2".to_owned(),
        cadence: "weekly".to_owned(),
        session_minutes: "90".to_owned(),
        earliest_date: "2027-02-01".to_owned(),
        latest_date: "2027-02-26".to_owned(),
        preferred_start: "09:00".to_owned(),
        preferred_end: "12:00".to_owned(),
    }
}

fn field_message(error: &ServiceError, field: &str) -> Option<String> {
    match error {
        ServiceError::InvalidFields(errors) => errors.message_for(field).map(str::to_owned),
        _ => None,
    }
}

/// Arranged by the coordinator, brokered with the Phoenix provider (plan, proposal, acceptance,
/// approval). Returns the request.
async fn brokered_exchange(db: &Database) -> i32 {
    let coordinator = actor_of(db, COORDINATOR).await;
    let request = service::peer_exchanges::arrange(
        db,
        &coordinator,
        &exchange_form(&MEMPHIS.to_string(), &HOUSTON.to_string()),
        &notify(),
    )
    .await
    .unwrap();
    let occurrences = planned_occurrences(db, request, PROVIDER).await;
    assert_eq!(occurrences.len(), 2);
    send_accept_approve(db, request, PROVIDER, &occurrences).await;
    request
}

async fn refusals(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let coordinator = actor_of(&db, COORDINATOR).await;
    let arrange = |form: PeerExchangeForm| {
        let (db, coordinator) = (db.clone(), coordinator.clone());
        async move { service::peer_exchanges::arrange(&db, &coordinator, &form, &notify()).await }
    };
    let same = arrange(exchange_form("3", "3")).await.unwrap_err();
    assert_eq!(
        field_message(&same, "visiting_site_id").as_deref(),
        Some("The visiting site must be another site than the host.")
    );
    let unknown_visitor = arrange(exchange_form("3", "999")).await.unwrap_err();
    assert_eq!(
        field_message(&unknown_visitor, "visiting_site_id").as_deref(),
        Some("Choose a visiting site of the programme.")
    );
    let unknown_host = arrange(exchange_form("999", "8")).await.unwrap_err();
    assert_eq!(
        field_message(&unknown_host, "host_site_id").as_deref(),
        Some("Choose the host site of the programme.")
    );
    // Every mistake at once: no topic and dates backwards, beside their fields.
    let mut sloppy = exchange_form("3", "3");
    sloppy.topic_id.clear();
    sloppy.latest_date = "2027-01-01".to_owned();
    let sloppy = arrange(sloppy).await.unwrap_err();
    assert!(field_message(&sloppy, "visiting_site_id").is_some());
    assert!(field_message(&sloppy, "topic_id").is_some());
    assert!(field_message(&sloppy, "latest_date").is_some());

    // Only staff arrange: a site contact and a provider are refused (403).
    for who in [HOST_CONTACT, PROVIDER] {
        let actor = actor_of(&db, who).await;
        let refused =
            service::peer_exchanges::arrange(&db, &actor, &exchange_form("3", "8"), &notify())
                .await;
        assert!(matches!(refused, Err(ServiceError::Forbidden(_))), "{who}");
    }

    // A site contact hosts only for their own site: naming Houston as host (for Memphis to
    // visit) is not found; naming their own site as the visitor is a mistake beside the field.
    let host_contact = actor_of(&db, HOST_CONTACT).await;
    let intake = IntakeForm {
        title: "Visit to Houston".into(),
        topic_ids: vec![GUN_VIOLENCE.to_string()],
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: "1".into(),
        cadence: "once".into(),
        session_minutes: "90".into(),
        earliest_date: "2027-02-01".into(),
        latest_date: "2027-02-26".into(),
        preferred_weekdays: vec!["tue".into()],
        preferred_start: "09:00".into(),
        preferred_end: "12:00".into(),
        ..IntakeForm::default()
    };
    let submit = |site: i32, visiting: &'static str| {
        let (db, actor, intake) = (db.clone(), host_contact.clone(), intake.clone());
        async move {
            service::peer_exchanges::submit_request(&db, &actor, site, &intake, visiting, &notify())
                .await
        }
    };
    assert!(matches!(
        submit(HOUSTON, "3").await,
        Err(ServiceError::NotFound(_))
    ));
    let own = submit(MEMPHIS, "3").await.unwrap_err();
    assert_eq!(
        field_message(&own, "visiting_site_id").as_deref(),
        Some("The visiting site must be another site than the host.")
    );
    let unknown = submit(MEMPHIS, "not a site").await.unwrap_err();
    assert!(field_message(&unknown, "visiting_site_id").is_some());
    // Nothing was stored by the refusals.
    assert!(exchanges(&db).await.is_empty(), "a refusal stores nothing");

    // The host's contact asks for an exchange with Houston: a request of Memphis, in Memphis's
    // engagement, with Houston visiting; an empty choice stays an ordinary request.
    let hosted = submit(MEMPHIS, "8").await.unwrap();
    let (request, reading) = readable_request(&db, host_contact.user(), hosted)
        .await
        .unwrap();
    assert_eq!((request.site_id, reading), (MEMPHIS, Reading::Host));
    assert!(request.engagement_id.is_some());
    let ordinary = submit(MEMPHIS, "").await.unwrap();
    let rows = exchanges(&db).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].request_id,
            rows[0].visiting_site_id,
            rows[0].arranged_by
        ),
        (hosted, HOUSTON, Some(HOST_CONTACT))
    );
    assert_ne!(ordinary, hosted);

    // The coordinator's form offers every site and topic; opened from Memphis's engagement, it
    // chooses Memphis as host. An unknown engagement is not found; a site contact is refused.
    let choices = service::peer_exchanges::arrange_choices(&db, &coordinator, None)
        .await
        .unwrap();
    assert_eq!(choices.sites.len(), 12);
    assert!(!choices.topics.is_empty());
    assert_eq!(choices.host_site_id, None);
    let from_engagement =
        service::peer_exchanges::arrange_choices(&db, &coordinator, request.engagement_id)
            .await
            .unwrap();
    assert_eq!(from_engagement.host_site_id, Some(MEMPHIS));
    assert!(matches!(
        service::peer_exchanges::arrange_choices(&db, &coordinator, Some(9999)).await,
        Err(ServiceError::NotFound(_))
    ));
    assert!(matches!(
        service::peer_exchanges::arrange_choices(&db, &host_contact, None).await,
        Err(ServiceError::Forbidden(_))
    ));
    // A site contact is offered every other site as a visitor.
    let partners = service::peer_exchanges::partner_sites(&db, &host_contact)
        .await
        .unwrap();
    assert_eq!(partners.len(), 11);
    assert!(partners.iter().all(|p| p.id != MEMPHIS));
}

/// Every peer-exchange row.
async fn exchanges(db: &Database) -> Vec<peer_exchange::Model> {
    use sea_orm::EntityTrait;
    peer_exchange::Entity::find().all(db.conn()).await.unwrap()
}

async fn visibility(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let request = brokered_exchange(&db).await;
    let now = Utc.with_ymd_and_hms(2027, 1, 15, 12, 0, 0).unwrap();
    let host = actor_of(&db, HOST_CONTACT).await;
    let visitor = actor_of(&db, VISITOR).await;
    let third = actor_of(&db, THIRD).await;

    // The host's contact reads it in Memphis time and may ask for changes.
    let page = service::views::site::request_page(&db, &host, request, now)
        .await
        .unwrap();
    assert!(!page.read_only);
    assert_eq!(page.sessions.len(), 2);
    assert!(page.sessions.iter().all(|s| s.can_change));
    assert!(
        page.sessions[0].when.contains("CST"),
        "{}",
        page.sessions[0].when
    );
    assert_eq!(
        page.peer_exchange.as_deref(),
        Some("Peer exchange: Houston, TX visits Memphis, TN.")
    );

    // The visiting contact reads it in Phoenix time with Memphis's clock beside, read-only.
    let seen = service::views::site::request_page(&db, &visitor, request, now)
        .await
        .unwrap();
    assert!(seen.read_only);
    assert_eq!(seen.sessions.len(), 2);
    for session in &seen.sessions {
        assert!(!session.can_change && !session.can_rate);
        assert!(
            session.when.contains("MST")
                && session.when.contains("(site: ")
                && session.when.contains("CST"),
            "{}",
            session.when
        );
    }
    assert!(seen.zone_label.contains("America/Phoenix"));
    assert_eq!(seen.peer_exchange, page.peer_exchange);
    let listed = service::views::site::requests_page(&db, &visitor)
        .await
        .unwrap();
    let row = listed.iter().find(|r| r.id == request).expect("listed");
    assert_eq!(row.site, "Memphis");
    assert!(row.peer_exchange.is_some());
    let home = service::views::home::home_overview(&db, &visitor, now)
        .await
        .unwrap();
    let coming = home
        .coming_up
        .iter()
        .find(|i| i.href == format!("/requests/{request}"))
        .expect("the exchange comes up on the visitor's home");
    assert!(
        coming.detail.contains("MST") && coming.detail.contains("(site: "),
        "{}",
        coming.detail
    );

    // Acting as the visitor is refused as not found: asking for a change, rating.
    let session = seen.sessions[0].id;
    let ask = NewChangeRequest {
        session_id: session,
        kind: ChangeKind::CancelOne,
        reason: "We cannot travel",
        wanted: "",
    };
    assert!(matches!(
        create_change_request(&db, &visitor, &ask, now).await,
        Err(ServiceError::NotFound(_))
    ));
    let after = Utc.with_ymd_and_hms(2027, 3, 15, 12, 0, 0).unwrap();
    assert!(matches!(
        service::feedback::give_feedback(&db, &visitor, session, 5, "", after).await,
        Err(ServiceError::NotFound(_))
    ));
    assert!(visible_session(&db, visitor.user(), session).await.is_err());
    // The host's contact may ask.
    create_change_request(&db, &host, &ask, now).await.unwrap();
    // The host's ask is the host's business: the visitor's page does not list it.
    let seen = service::views::site::request_page(&db, &visitor, request, now)
        .await
        .unwrap();
    assert!(seen.asks.is_empty());

    // A third site's contact: not found anywhere.
    assert!(matches!(
        service::views::site::request_page(&db, &third, request, now).await,
        Err(ServiceError::NotFound(_))
    ));
    assert!(
        !service::views::site::requests_page(&db, &third)
            .await
            .unwrap()
            .iter()
            .any(|r| r.id == request)
    );
    let third_home = service::views::home::home_overview(&db, &third, now)
        .await
        .unwrap();
    assert!(third_home.coming_up.is_empty());

    // Providers: the assigned one sees the sessions; another does not; neither reads the
    // site's request page.
    let assigned = actor_of(&db, PROVIDER).await;
    let other = actor_of(&db, OTHER_PROVIDER).await;
    assert!(visible_session(&db, assigned.user(), session).await.is_ok());
    assert!(visible_session(&db, other.user(), session).await.is_err());
    for provider in [&assigned, &other] {
        assert!(
            readable_request(&db, provider.user(), request)
                .await
                .is_err()
        );
    }
}

async fn outbox(db: &Database, event: &str) -> Vec<email_outbox::Model> {
    service::mail::list_recent(db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.event == event)
        .collect()
}

async fn approval_reaches_both_sites(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let request = brokered_exchange(&db).await;
    let rows = outbox(&db, "schedule_confirmed").await;
    let to = |id: i32| -> Vec<&email_outbox::Model> {
        rows.iter().filter(|r| r.recipient == email(id)).collect()
    };
    assert!(to(THIRD).is_empty(), "a third site is not told");
    let host_rows = to(HOST_CONTACT);
    let visitor_rows = to(VISITOR);
    assert!(!host_rows.is_empty() && !visitor_rows.is_empty());
    let link = format!("https://tta.example.gov/requests/{request}");
    for row in &host_rows {
        assert!(row.body_text.contains("CST"), "{}", row.body_text);
        assert!(!row.body_text.contains("MST"), "{}", row.body_text);
        assert!(row.body_text.contains(&link));
    }
    for row in &visitor_rows {
        // Phoenix time first, Memphis's clock beside it.
        assert!(
            row.body_text.contains("MST") && row.body_text.contains("CST"),
            "{}",
            row.body_text
        );
        assert!(row.body_text.contains(&link));
        assert_eq!(row.calendar_method.as_deref(), Some("REQUEST"));
    }
    // "Request received" went to the host's side only.
    let received = outbox(&db, "request_received").await;
    assert!(received.iter().any(|r| r.recipient == email(HOST_CONTACT)));
    assert!(!received.iter().any(|r| r.recipient == email(VISITOR)));
}

crate::on_both_backends!(refusals, visibility, approval_reaches_both_sites);
