//! Demo provider profiles and a demo request, so the coordinator's queue has something to
//! broker: Priya Patel in America/Phoenix (gun violence, crime analysis), Dan Morales in
//! America/Denver (community engagement, constitutional policing), Leilani Kahale in
//! Pacific/Honolulu (technology, crime analysis). Idempotent: profiles and hours are replaced,
//! the request is only added once.

use chrono::{Duration, Utc, Weekday};
use scheduling::Zone;
use scheduling::matching::Modality;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use service::accounts::EmailAddress;
use service::accounts::users::find_by_email;
use service::entities::{site, topic, tta_request};
use service::intake::{IntakeForm, RequestDraft};
use service::providers::{ProviderProfileInput, WeeklyRange, replace_weekly_hours, save_profile};
use service::requests::seed_request;
use service::{Database, ServiceError};

struct DemoProvider {
    email: &'static str,
    zone: &'static str,
    organisation: &'static str,
    modalities: &'static [Modality],
    regions: &'static [&'static str],
    expertise: &'static [(&'static str, u8)],
    /// Weekday hours, local to the provider.
    hours: (u16, u16),
    bio: &'static str,
}

const DEMO_PROVIDERS: [DemoProvider; 3] = [
    DemoProvider {
        email: "provider.phoenix@tta.example.gov",
        zone: "America/Phoenix",
        organisation: "Southwest Violence Reduction Institute",
        modalities: &[Modality::Virtual, Modality::OnSite, Modality::Hybrid],
        regions: &["south", "midwest", "west"],
        expertise: &[
            ("gun-violence", 3),
            ("crime-analysis", 3),
            ("investigations", 2),
        ],
        hours: (7 * 60, 15 * 60),
        bio: "Former crime-gun intelligence centre director; coaches focused-deterrence teams.",
    },
    DemoProvider {
        email: "provider.denver@tta.example.gov",
        zone: "America/Denver",
        organisation: "Community Justice Partners",
        modalities: &[Modality::Virtual, Modality::Hybrid],
        regions: &["midwest", "west"],
        expertise: &[
            ("community-engagement", 3),
            ("constitutional-policing", 2),
            ("gun-violence", 2),
        ],
        hours: (8 * 60, 16 * 60),
        bio: "Community engagement and procedural justice trainer.",
    },
    DemoProvider {
        email: "provider.honolulu@tta.example.gov",
        zone: "Pacific/Honolulu",
        organisation: "Pacific Public Safety Analytics",
        modalities: &[Modality::Virtual],
        regions: &[],
        expertise: &[("technology", 3), ("crime-analysis", 2)],
        hours: (5 * 60, 13 * 60),
        bio: "Real-time crime centre and records-system specialist.",
    },
];

/// Gives each demo provider account a profile and weekday hours, and adds one open request from
/// Houston.
pub(super) async fn seed_demo_providers(db: &Database) -> Result<(), ServiceError> {
    let topics = topic::Entity::find().all(db.conn()).await?;
    let topic_id = |slug: &str| topics.iter().find(|t| t.slug == slug).map(|t| t.id);
    for demo in &DEMO_PROVIDERS {
        let Some(user) = find_by_email(db, &EmailAddress::parse(demo.email)?).await? else {
            continue;
        };
        let profile = ProviderProfileInput {
            organisation: demo.organisation.to_owned(),
            home_zone: Zone::parse(demo.zone).map_err(|e| ServiceError::Internal(e.to_string()))?,
            modalities: demo.modalities.to_vec(),
            travel_regions: demo.regions.iter().map(|r| (*r).to_owned()).collect(),
            weekly_hour_capacity: 20,
            engagement_capacity: 4,
            bio: demo.bio.to_owned(),
            expertise: demo
                .expertise
                .iter()
                .filter_map(|(slug, level)| topic_id(slug).map(|id| (id, *level)))
                .collect(),
            conflicts: Vec::new(),
        };
        save_profile(db, user.id, &profile).await?;
        let week: Vec<WeeklyRange> = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|weekday| WeeklyRange {
            weekday,
            start_minute: demo.hours.0,
            end_minute: demo.hours.1,
        })
        .collect();
        replace_weekly_hours(db, user.id, &week).await?;
    }
    seed_demo_request(db, topic_id("community-engagement")).await
}

const DEMO_REQUEST_TITLE: &str = "Community engagement coaching for district commanders";

async fn seed_demo_request(db: &Database, topic: Option<i32>) -> Result<(), ServiceError> {
    let (Some(topic), Some(houston)) = (
        topic,
        site::Entity::find()
            .filter(site::Column::Slug.eq("houston-tx"))
            .one(db.conn())
            .await?,
    ) else {
        return Ok(());
    };
    let exists = tta_request::Entity::find()
        .filter(tta_request::Column::SiteId.eq(houston.id))
        .filter(tta_request::Column::Title.eq(DEMO_REQUEST_TITLE))
        .count(db.conn())
        .await?;
    if exists > 0 {
        return Ok(());
    }
    let today = Utc::now().date_naive();
    let start = today + Duration::days(30);
    let end = start + Duration::days(120);
    let form = IntakeForm {
        visit_days: String::new(),
        travel_days: String::new(),
        title: DEMO_REQUEST_TITLE.to_owned(),
        topic_ids: vec![topic.to_string()],
        description:
            "Monthly virtual coaching for the six district commanders on community meetings \
                      and problem-solving partnerships."
                .to_owned(),
        engagement_type: "operations".to_owned(),
        modality: "virtual".to_owned(),
        session_count: "4".to_owned(),
        cadence: "monthly".to_owned(),
        session_minutes: "60".to_owned(),
        earliest_date: start.format("%Y-%m-%d").to_string(),
        latest_date: end.format("%Y-%m-%d").to_string(),
        preferred_weekdays: vec!["tue".to_owned(), "wed".to_owned(), "thu".to_owned()],
        preferred_start: "10:00".to_owned(),
        preferred_end: "15:00".to_owned(),
        expected_attendees: "8".to_owned(),
        minimum_level: "2".to_owned(),
        notes: String::new(),
    };
    let draft = RequestDraft::parse(&form, today)
        .map_err(|errors| ServiceError::Internal(format!("demo request invalid: {errors:?}")))?;
    seed_request(db, houston.id, None, &draft).await?;
    Ok(())
}
