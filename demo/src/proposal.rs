//! A demo proposal that shows the hard case of time zones: Memphis (America/Chicago) asks for
//! four weekly Tuesday sessions at 09:00 Central across the March change to daylight time, and
//! the series is proposed to Priya Patel in America/Phoenix (no DST), who sees the sessions move
//! from 08:00 to 07:00 MST. Idempotent: added once.

use chrono::{Duration, NaiveDate, TimeZone as _, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::story::{next_spring_change, phoenix_story_parties};
use service::entities::tta_request;
use service::intake::{IntakeForm, RequestDraft};
use service::proposals::{ProposedOccurrence, book_proposal};
use service::zone::TimeZone;
use service::{Database, ServiceError};

/// Title of the demo request behind the proposal.
pub const DEMO_PROPOSAL_TITLE: &str = "Crime gun intelligence coaching across the spring change";

/// The Tuesdays around the US change to daylight time (second Sunday of March) of the first
/// March at least 30 days away.
fn dst_tuesdays(today: NaiveDate) -> Option<[NaiveDate; 4]> {
    let change = next_spring_change(today)?;
    Some([-12, -5, 2, 9].map(|d| change + Duration::days(d)))
}

pub(super) async fn seed_demo_proposal(db: &Database) -> Result<(), ServiceError> {
    let Some((memphis, topic, provider)) = phoenix_story_parties(db, "memphis-tn").await? else {
        return Ok(());
    };
    let exists = tta_request::Entity::find()
        .filter(tta_request::Column::SiteId.eq(memphis.id))
        .filter(tta_request::Column::Title.eq(DEMO_PROPOSAL_TITLE))
        .count(db.conn())
        .await?;
    let today = Utc::now().date_naive();
    let Some(tuesdays) = dst_tuesdays(today) else {
        return Ok(());
    };
    if exists > 0 {
        return Ok(());
    }
    let zone =
        TimeZone::parse(&memphis.time_zone).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let form = IntakeForm {
        visit_days: String::new(),
        travel_days: String::new(),
        title: DEMO_PROPOSAL_TITLE.to_owned(),
        topic_ids: vec![topic.id.to_string()],
        description: "Weekly virtual coaching for the crime gun intelligence centre's analysts."
            .to_owned(),
        engagement_type: "operations".to_owned(),
        modality: "virtual".to_owned(),
        session_count: "4".to_owned(),
        cadence: "weekly".to_owned(),
        session_minutes: "90".to_owned(),
        earliest_date: tuesdays[0].format("%Y-%m-%d").to_string(),
        latest_date: tuesdays[3].format("%Y-%m-%d").to_string(),
        preferred_weekdays: vec!["tue".to_owned()],
        preferred_start: "09:00".to_owned(),
        preferred_end: "12:00".to_owned(),
        expected_attendees: "10".to_owned(),
        minimum_level: "2".to_owned(),
        notes: String::new(),
    };
    let draft = RequestDraft::parse(&form, today)
        .map_err(|errors| ServiceError::Internal(format!("demo request invalid: {errors:?}")))?;
    let request = service::requests::seed_request(db, memphis.id, None, &draft).await?;
    let mut occurrences = Vec::new();
    for (index, day) in tuesdays.iter().enumerate() {
        let local = day
            .and_hms_opt(9, 0, 0)
            .and_then(|t| zone.tz().from_local_datetime(&t).single())
            .ok_or_else(|| ServiceError::Internal(format!("no 09:00 on {day}")))?;
        let starts_at = local.with_timezone(&Utc);
        occurrences.push(ProposedOccurrence {
            occurrence: i32::try_from(index + 1).unwrap_or_default(),
            starts_at,
            ends_at: starts_at + Duration::minutes(90),
        });
    }
    book_proposal(
        db,
        request,
        provider.id,
        &occurrences,
        0.9,
        "{}".to_owned(),
        None,
        // The demo proposal is queued like a real one (its e-mail lands in the outbox).
        &service::notify::NotifySettings::default(),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn the_tuesdays_straddle_the_second_sunday_of_march() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
        let days = dst_tuesdays(today).unwrap_or([today; 4]);
        assert_eq!(days[1].to_string(), "2027-03-09");
        assert_eq!(days[2].to_string(), "2027-03-16");
        let late = NaiveDate::from_ymd_opt(2027, 2, 15).unwrap_or_default();
        assert_eq!(dst_tuesdays(late).map(|d| d[0].year()), Some(2028));
    }
}
