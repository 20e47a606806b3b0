//! Two running engagements of Leilani Kahale (Pacific/Honolulu) with Buffalo (America/New_York),
//! approved and confirmed, for the coordinator's pages about a provider who leaves and about a
//! site's change requests:
//!
//! - "Real-time crime centre data coaching" (technology): four weekly Wednesday sessions at 13:00
//!   Eastern. Only Leilani covers technology, so no replacement is offered for it.
//! - "Crime analysis coaching for Buffalo's analysts" (crime analysis): four weekly Thursday
//!   sessions at 14:00 Eastern, which Priya Patel (America/Phoenix) could take over.
//!
//! Both start three weeks after seeding. They are booked directly, without e-mails (nobody is
//! told about demo data). Idempotent: each is added once, by title.

use chrono::{Datelike, Duration, NaiveDate, TimeZone as _, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use service::accounts::EmailAddress;
use service::accounts::users::find_by_email;
use service::engine::SchedulingSettings;
use service::entities::{proposal, site, topic, tta_request};
use service::intake::{IntakeForm, RequestDraft};
use service::requests::{seed_request, transition_in};
use service::sessions::{NewSession, insert_sessions};
use service::status::{ProposalStatus, RequestTransition, SessionStatus};
use service::zone::TimeZone;
use service::{Database, ServiceError};

/// Title of the technology engagement (the change-request demo).
pub const DEMO_TECHNOLOGY_TITLE: &str = "Real-time crime centre data coaching";
/// Title of the crime-analysis engagement (the reassignment demo).
pub const DEMO_ANALYSIS_TITLE: &str = "Crime analysis coaching for Buffalo's analysts";

struct DemoEngagement {
    title: &'static str,
    topic: &'static str,
    description: &'static str,
    weekday: Weekday,
    day: &'static str,
    start: (u32, &'static str),
    end: &'static str,
}

const ENGAGEMENTS: [DemoEngagement; 2] = [
    DemoEngagement {
        title: DEMO_TECHNOLOGY_TITLE,
        topic: "technology",
        description: "Weekly virtual coaching on the real-time crime centre's data feeds.",
        weekday: Weekday::Wed,
        day: "wed",
        start: (13, "13:00"),
        end: "16:00",
    },
    DemoEngagement {
        title: DEMO_ANALYSIS_TITLE,
        topic: "crime-analysis",
        description: "Weekly virtual coaching for the crime analysis unit on problem profiles.",
        weekday: Weekday::Thu,
        day: "thu",
        start: (14, "14:00"),
        end: "17:00",
    },
];

/// The first `weekday` at least three weeks after `today`.
fn first_day(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let from = today + Duration::days(21);
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Duration::days(i64::from(ahead))
}

pub(super) async fn seed_demo_engagements(db: &Database) -> Result<(), ServiceError> {
    let (Some(buffalo), Some(provider)) = (
        site::Entity::find()
            .filter(site::Column::Slug.eq("buffalo-ny"))
            .one(db.conn())
            .await?,
        find_by_email(
            db,
            &EmailAddress::parse("provider.honolulu@tta.example.gov")?,
        )
        .await?,
    ) else {
        return Ok(());
    };
    let zone =
        TimeZone::parse(&buffalo.time_zone).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let settings = SchedulingSettings::load(db).await?;
    let today = Utc::now().date_naive();
    for demo in &ENGAGEMENTS {
        let exists = tta_request::Entity::find()
            .filter(tta_request::Column::SiteId.eq(buffalo.id))
            .filter(tta_request::Column::Title.eq(demo.title))
            .count(db.conn())
            .await?;
        let Some(topic) = topic::Entity::find()
            .filter(topic::Column::Slug.eq(demo.topic))
            .one(db.conn())
            .await?
        else {
            continue;
        };
        if exists > 0 {
            continue;
        }
        let first = first_day(today, demo.weekday);
        let form = IntakeForm {
            visit_days: String::new(),
            travel_days: String::new(),
            title: demo.title.to_owned(),
            topic_ids: vec![topic.id.to_string()],
            description: demo.description.to_owned(),
            engagement_type: "operations".to_owned(),
            modality: "virtual".to_owned(),
            session_count: "4".to_owned(),
            cadence: "weekly".to_owned(),
            session_minutes: "60".to_owned(),
            earliest_date: first.format("%Y-%m-%d").to_string(),
            latest_date: (first + Duration::days(35)).format("%Y-%m-%d").to_string(),
            preferred_weekdays: vec![demo.day.to_owned()],
            preferred_start: demo.start.1.to_owned(),
            preferred_end: demo.end.to_owned(),
            expected_attendees: "6".to_owned(),
            minimum_level: "2".to_owned(),
            notes: String::new(),
        };
        let draft = RequestDraft::parse(&form, today).map_err(|errors| {
            ServiceError::Internal(format!("demo request invalid: {errors:?}"))
        })?;
        let request_id = seed_request(db, buffalo.id, None, &draft).await?;
        let mut sessions = Vec::new();
        for week in 0..4 {
            let day = first + Duration::days(7 * week);
            let starts_at = day
                .and_hms_opt(demo.start.0, 0, 0)
                .and_then(|t| zone.tz().from_local_datetime(&t).single())
                .ok_or_else(|| ServiceError::Internal(format!("no {} on {day}", demo.start.1)))?
                .with_timezone(&Utc);
            sessions.push(NewSession {
                request_id,
                provider_id: provider.id,
                proposal_id: None,
                occurrence: i32::try_from(week + 1).unwrap_or_default(),
                starts_at,
                ends_at: starts_at + Duration::minutes(60),
                buffer_before: Duration::minutes(i64::from(settings.buffer_before_minutes)),
                buffer_after: Duration::minutes(i64::from(settings.buffer_after_minutes)),
                anchor_zone: zone,
                location: String::new(),
                virtual_link: "https://meet.example.gov/psp-buffalo".to_owned(),
                status: SessionStatus::Confirmed,
            });
        }
        confirm(db, request_id, provider.id, sessions).await?;
    }
    Ok(())
}

/// Proposal (accepted), confirmed sessions and the request's way to `scheduled`, in one
/// transaction and without e-mails.
async fn confirm(
    db: &Database,
    request_id: i32,
    provider_id: i32,
    sessions: Vec<NewSession>,
) -> Result<(), ServiceError> {
    db.transaction(async |txn| {
        transition_in(txn, request_id, RequestTransition::Propose, None, "").await?;
        let now = Utc::now();
        let proposal = proposal::ActiveModel {
            request_id: Set(request_id),
            provider_id: Set(provider_id),
            score: Set(0.8),
            score_breakdown: Set("{}".to_owned()),
            status: Set(ProposalStatus::Accepted.as_str().to_owned()),
            created_by: Set(None),
            decided_by: Set(Some(provider_id)),
            decided_at: Set(Some(now)),
            decision_reason: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let sessions: Vec<NewSession> = sessions
            .into_iter()
            .map(|s| NewSession {
                proposal_id: Some(proposal.id),
                ..s
            })
            .collect();
        insert_sessions(txn, &sessions).await?;
        transition_in(txn, request_id, RequestTransition::Approve, None, "").await?;
        transition_in(txn, request_id, RequestTransition::Schedule, None, "").await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_day_is_the_weekday_three_weeks_on() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default(); // a Sunday
        assert_eq!(first_day(today, Weekday::Wed).to_string(), "2026-12-23");
        assert_eq!(first_day(today, Weekday::Sun).to_string(), "2026-12-20");
    }
}
