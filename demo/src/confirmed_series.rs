//! A confirmed demo series for the provider's own calendar: Kansas City (America/Chicago) has
//! four weekly Thursday sessions at 13:00 Central with Priya Patel in America/Phoenix, across the
//! same March change to daylight time as the Memphis proposal. Priya sees them at 12:00 MST
//! before the change and 11:00 MST after it.
//!
//! The series is booked as already approved, without queueing e-mails (the other demo stories
//! count the confirmations they cause), and without a proposal, so Priya's inbox holds only the
//! Memphis proposal. Idempotent: added once.

use chrono::{Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::booking::{book_demo_engagement, demo_sessions};
use crate::story::{next_spring_change, phoenix_story_parties};
use service::engine::SchedulingSettings;
use service::entities::tta_request;
use service::intake::{IntakeForm, RequestDraft};
use service::status::RequestTransition;
use service::zone::TimeZone;
use service::{Database, ServiceError};

/// Title of the demo request behind the confirmed series.
pub const DEMO_CONFIRMED_TITLE: &str = "Focused deterrence coaching across the spring change";

/// The Thursdays around the US change to daylight time (second Sunday of March) of the first
/// March at least 30 days away.
fn dst_thursdays(today: NaiveDate) -> Option<[NaiveDate; 4]> {
    let change = next_spring_change(today)?;
    Some([-10, -3, 4, 11].map(|d| change + Duration::days(d)))
}

pub(super) async fn seed_confirmed_series(db: &Database) -> Result<(), ServiceError> {
    let Some((kansas_city, topic, provider)) = phoenix_story_parties(db, "kansas-city-mo").await?
    else {
        return Ok(());
    };
    let exists = tta_request::Entity::find()
        .filter(tta_request::Column::SiteId.eq(kansas_city.id))
        .filter(tta_request::Column::Title.eq(DEMO_CONFIRMED_TITLE))
        .count(db.conn())
        .await?;
    let today = Utc::now().date_naive();
    let (0, Some(thursdays)) = (exists, dst_thursdays(today)) else {
        return Ok(());
    };
    let zone = TimeZone::parse(&kansas_city.time_zone)
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let form = IntakeForm {
        visit_days: String::new(),
        travel_days: String::new(),
        title: DEMO_CONFIRMED_TITLE.to_owned(),
        topic_ids: vec![topic.id.to_string()],
        description: "Weekly virtual coaching for the focused-deterrence call-in team.".to_owned(),
        engagement_type: "operations".to_owned(),
        modality: "virtual".to_owned(),
        session_count: "4".to_owned(),
        cadence: "weekly".to_owned(),
        session_minutes: "60".to_owned(),
        earliest_date: thursdays[0].format("%Y-%m-%d").to_string(),
        latest_date: thursdays[3].format("%Y-%m-%d").to_string(),
        preferred_weekdays: vec!["thu".to_owned()],
        preferred_start: "13:00".to_owned(),
        preferred_end: "15:00".to_owned(),
        expected_attendees: "6".to_owned(),
        minimum_level: "2".to_owned(),
        notes: String::new(),
    };
    let draft = RequestDraft::parse(&form, today)
        .map_err(|errors| ServiceError::Internal(format!("demo request invalid: {errors:?}")))?;
    let request_id = service::requests::seed_request(db, kansas_city.id, None, &draft).await?;
    let settings = SchedulingSettings::load(db).await?;
    let one_pm = NaiveTime::from_hms_opt(13, 0, 0)
        .ok_or_else(|| ServiceError::Internal("13:00".to_owned()))?;
    let sessions = demo_sessions(
        request_id,
        provider.id,
        zone,
        &thursdays,
        one_pm,
        60,
        &settings,
    );
    book_demo_engagement(
        db,
        request_id,
        &[
            RequestTransition::Propose,
            RequestTransition::Approve,
            RequestTransition::Schedule,
        ],
        &sessions,
        None,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thursdays_straddle_the_second_sunday_of_march() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let days = dst_thursdays(today).unwrap();
        assert_eq!(
            days.map(|d| d.to_string()),
            ["2027-03-04", "2027-03-11", "2027-03-18", "2027-03-25"]
        );
    }
}
