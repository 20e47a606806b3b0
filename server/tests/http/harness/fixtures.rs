//! Shared data for service-level tests: providers in several zones with profiles and weekly
//! hours, and the Memphis gun-violence request of the product story.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{NaiveDate, Weekday};
use scheduling::Zone;
use scheduling::matching::Modality;
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use service::intake::{IntakeForm, RequestDraft};
use service::providers::{ProviderProfileInput, WeeklyRange};

pub const GUN_VIOLENCE: i32 = 4;
pub const CRIME_ANALYSIS: i32 = 3;
pub const MEMPHIS: i32 = 3;

pub async fn add_provider(url: &str, id: i32, name: &str, zone: &str) {
    add_user(url, id, name, zone, "provider").await;
}

/// The coordinator of the shared fixtures.
pub const COORDINATOR: i32 = 100;

/// A user row with `role`.
pub async fn add_user(url: &str, id: i32, name: &str, zone: &str, role: &str) {
    let raw = SeaDatabase::connect(url).await.unwrap();
    let now = "'2026-11-29 00:00:00+00:00'";
    raw.execute_unprepared(&format!(
        "INSERT INTO app_user (id, email, email_normalized, display_name, time_zone, role, active, created_at, updated_at) \
         VALUES ({id}, 'p{id}@example.org', 'p{id}@example.org', '{name}', '{zone}', '{role}', TRUE, {now}, {now})"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
}

pub fn profile(
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

pub fn working_week() -> Vec<WeeklyRange> {
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

pub fn memphis_request() -> RequestDraft {
    let form = IntakeForm {
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
        ..IntakeForm::default()
    };
    RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

/// Three providers (Phoenix eligible; Denver under-qualified; Honolulu in conflict with Memphis)
/// with working-week hours (ids 101, 102, 103), and a coordinator ([`COORDINATOR`]).
pub async fn three_providers(url: &str, db: &service::Database) {
    use service::providers::{replace_weekly_hours, save_profile};
    add_user(
        url,
        COORDINATOR,
        "Casey Coordinator",
        "America/New_York",
        "coordinator",
    )
    .await;
    add_provider(url, 101, "Alex Phoenix", "America/Phoenix").await;
    add_provider(url, 102, "Dana Denver", "America/Denver").await;
    add_provider(url, 103, "Kai Honolulu", "Pacific/Honolulu").await;
    save_profile(
        db,
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
        db,
        102,
        &profile("America/Denver", vec![(GUN_VIOLENCE, 1)], vec![]),
    )
    .await
    .unwrap();
    save_profile(
        db,
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
        replace_weekly_hours(db, id, &working_week()).await.unwrap();
    }
}

/// Notification settings of the tests: links to `https://tta.example.gov`, no configured
/// contact (the first active coordinator is named).
pub fn notify() -> service::notify::NotifySettings {
    service::notify::NotifySettings {
        public_url: "https://tta.example.gov".to_owned(),
        ..service::notify::NotifySettings::default()
    }
}

/// The series of `request` as the engine places it with `provider` on 29 November 2026 (the
/// tests' "now"), as the occurrences of a proposal.
pub async fn planned_occurrences(
    db: &service::Database,
    request: i32,
    provider: i32,
) -> Vec<service::proposals::ProposedOccurrence> {
    use chrono::TimeZone as _;
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 29, 12, 0, 0)
        .unwrap();
    let (plan, _, _) = service::engine::plan_series(db, request, provider, now)
        .await
        .unwrap();
    plan.occurrences
        .iter()
        .filter_map(|o| {
            o.slot().map(|slot| service::proposals::ProposedOccurrence {
                occurrence: i32::try_from(o.index).unwrap(),
                starts_at: slot.start(),
                ends_at: slot.end(),
            })
        })
        .collect()
}

/// Sends `occurrences` of `request` to `provider` (score 0.8), who accepts, and the coordinator
/// approves: every session confirmed. Returns the proposal.
pub async fn send_accept_approve(
    db: &service::Database,
    request: i32,
    provider: i32,
    occurrences: &[service::proposals::ProposedOccurrence],
) -> i32 {
    use service::proposals::{accept_proposal, approve_proposal, book_proposal};
    let proposal = book_proposal(
        db,
        request,
        provider,
        occurrences,
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    accept_proposal(db, &actor_of(db, provider).await, proposal)
        .await
        .unwrap();
    approve_proposal(db, &actor_of(db, COORDINATOR).await, proposal, &notify())
        .await
        .unwrap();
    proposal
}

/// The verified actor of user `user_id`, obtained as every entry point obtains one: a log-in
/// session started for the user and resolved.
pub async fn actor_of(db: &service::Database, user_id: i32) -> service::access::Actor {
    let policy = service::accounts::SessionPolicy::default();
    let session =
        service::accounts::login_sessions::start_login_session(db, user_id, None, &policy)
            .await
            .unwrap();
    service::access::resolve_actor(db, &session.token, &policy)
        .await
        .unwrap()
        .expect("a live session for the user")
}

/// A coordinator (user [`COORDINATOR`], added when missing) as the acting person.
pub async fn coordinator_actor(url: &str, db: &service::Database) -> service::access::Actor {
    let raw = SeaDatabase::connect(url).await.unwrap();
    let exists = raw
        .query_one_raw(sea_orm::Statement::from_string(
            raw.get_database_backend(),
            format!("SELECT id FROM app_user WHERE id = {COORDINATOR}"),
        ))
        .await
        .unwrap()
        .is_some();
    raw.close().await.unwrap();
    if !exists {
        add_user(
            url,
            COORDINATOR,
            "Casey Coordinator",
            "America/New_York",
            "coordinator",
        )
        .await;
    }
    actor_of(db, COORDINATOR).await
}

/// A site contact (user `id`) who speaks for `site`.
pub async fn add_site_contact(url: &str, id: i32, name: &str, site: i32) {
    add_user(url, id, name, "America/Chicago", "site_contact").await;
    let raw = SeaDatabase::connect(url).await.unwrap();
    raw.execute_unprepared(&format!(
        "INSERT INTO site_contact (site_id, user_id) VALUES ({site}, {id})"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
}

/// The id of occurrence `occurrence` of `request`'s sessions.
pub async fn session_at(db: &service::Database, request: i32, occurrence: i32) -> i32 {
    service::proposals::request_sessions(db, request)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.occurrence == occurrence)
        .map(|s| s.id)
        .expect("the occurrence exists")
}

/// Memphis's six biweekly 90-minute sessions (Feb–Apr 2027) confirmed with the Phoenix provider
/// (working 07:00–15:00 MST on weekdays), with the three providers of [`three_providers`];
/// returns the request and its sessions.
pub async fn confirmed_memphis_series(
    database: &super::TestDatabase,
    db: &service::Database,
) -> (i32, Vec<service::entities::tta_session::Model>) {
    three_providers(&database.url, db).await;
    let request =
        service::requests::store_request(db, MEMPHIS, None, &memphis_request(), &notify())
            .await
            .unwrap();
    let occurrences = planned_occurrences(db, request, 101).await;
    assert_eq!(occurrences.len(), 6);
    send_accept_approve(db, request, 101, &occurrences).await;
    (
        request,
        service::proposals::request_sessions(db, request)
            .await
            .unwrap(),
    )
}

/// The installation key of service-level tests (`TTA_SECRET_KEY` of a test server).
pub const SECRET_KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// [`SECRET_KEY`], parsed.
pub fn secret_key() -> service::secrets::SecretKey {
    service::secrets::SecretKey::parse(SECRET_KEY).unwrap()
}

/// Two sessions in May (`week` weeks apart from the first May Tuesday), clear of the Memphis
/// series.
pub fn may_sessions(week: i64) -> Vec<service::proposals::ProposedOccurrence> {
    let first = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 5, 4, 15, 0, 0).unwrap()
        + chrono::Duration::days(7 * week);
    [first, first + chrono::Duration::days(1)]
        .into_iter()
        .enumerate()
        .map(|(i, start)| service::proposals::ProposedOccurrence {
            occurrence: i32::try_from(i + 1).unwrap(),
            starts_at: start,
            ends_at: start + chrono::Duration::minutes(90),
        })
        .collect()
}
