//! A delivered demo engagement, so a site contact has sessions to give feedback on and the
//! coordinator's reports have sessions delivered: Houston (America/Chicago) had two virtual
//! sessions on constitutional policing with Dan Morales (America/Denver), two and one weeks
//! before the data was seeded, at 10:00 Central; both sessions and the request are completed.
//!
//! Booked directly, without e-mails (nobody is told about demo data). Idempotent: added once,
//! by title.

use chrono::{Duration, NaiveTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::booking::{book_demo_engagement, demo_sessions};
use service::accounts::EmailAddress;
use service::accounts::users::find_by_email;
use service::engine::SchedulingSettings;
use service::entities::{site, topic, tta_request};
use service::intake::{IntakeForm, RequestDraft};
use service::requests::seed_request;
use service::status::{RequestTransition, SessionStatus};
use service::zone::TimeZone;
use service::{Database, ServiceError};

/// Title of the delivered engagement.
pub const DEMO_DELIVERED_TITLE: &str =
    "Constitutional policing refresher for Houston's supervisors";

pub(super) async fn seed_delivered_engagement(db: &Database) -> Result<(), ServiceError> {
    let houston = site::Entity::find()
        .filter(site::Column::Slug.eq("houston-tx"))
        .one(db.conn())
        .await?;
    let topic = topic::Entity::find()
        .filter(topic::Column::Slug.eq("constitutional-policing"))
        .one(db.conn())
        .await?;
    let provider =
        find_by_email(db, &EmailAddress::parse("provider.denver@tta.example.gov")?).await?;
    let (Some(houston), Some(topic), Some(provider)) = (houston, topic, provider) else {
        return Ok(());
    };
    let exists = tta_request::Entity::find()
        .filter(tta_request::Column::SiteId.eq(houston.id))
        .filter(tta_request::Column::Title.eq(DEMO_DELIVERED_TITLE))
        .count(db.conn())
        .await?;
    if exists > 0 {
        return Ok(());
    }
    let zone =
        TimeZone::parse(&houston.time_zone).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let today = zone.local(Utc::now()).date();
    let days = [today - Duration::days(14), today - Duration::days(7)];
    let form = IntakeForm {
        visit_days: String::new(),
        travel_days: String::new(),
        title: DEMO_DELIVERED_TITLE.to_owned(),
        topic_ids: vec![topic.id.to_string()],
        description: "Two virtual refreshers on stops, searches and use-of-force reporting."
            .to_owned(),
        engagement_type: "operations".to_owned(),
        modality: "virtual".to_owned(),
        session_count: "2".to_owned(),
        cadence: "weekly".to_owned(),
        session_minutes: "60".to_owned(),
        earliest_date: days[0].format("%Y-%m-%d").to_string(),
        latest_date: days[1].format("%Y-%m-%d").to_string(),
        preferred_weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .map(str::to_owned)
            .to_vec(),
        preferred_start: "10:00".to_owned(),
        preferred_end: "12:00".to_owned(),
        expected_attendees: "12".to_owned(),
        minimum_level: "2".to_owned(),
        notes: String::new(),
    };
    // Read as it was filed, a month before the first session.
    let filed = days[0] - Duration::days(30);
    let draft = RequestDraft::parse(&form, filed)
        .map_err(|errors| ServiceError::Internal(format!("demo request invalid: {errors:?}")))?;
    let request_id = seed_request(db, houston.id, None, &draft).await?;
    let settings = SchedulingSettings::load(db).await?;
    let ten = NaiveTime::from_hms_opt(10, 0, 0)
        .ok_or_else(|| ServiceError::Internal("10:00".to_owned()))?;
    let sessions = demo_sessions(request_id, provider.id, zone, &days, ten, 60, &settings);
    // Booked as confirmed (a new session holds time), then delivered.
    book_demo_engagement(
        db,
        request_id,
        &[
            RequestTransition::Propose,
            RequestTransition::Approve,
            RequestTransition::Schedule,
            RequestTransition::Complete,
        ],
        &sessions,
        Some(SessionStatus::Completed),
    )
    .await
}
