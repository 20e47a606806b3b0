//! The free-time preview: the coming weeks of a provider's free time, day by day on their own
//! wall clock, computed by the engine from exactly the inputs a coordinator's ranking loads
//! ([`crate::engine::load_providers`]: weekly hours, overrides, time off, tentative and confirmed
//! sessions widened by the buffers, caps) minus the US federal holidays and everything sooner than
//! the minimum notice — the times a coordinator's ranking could book now.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use scheduling::{BlackoutCalendar, free_days};
use sea_orm::EntityTrait;

use crate::access::Actor;
use crate::accounts::Role;
use crate::engine::{Focus, SchedulingSettings, load_providers};
use crate::entities::provider_profile;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// One provider-local date of the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeTimeDay {
    pub date: NaiveDate,
    /// Free stretches, as instants (show them in the provider's zone).
    pub free: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    pub has_hours: bool,
    pub overridden: bool,
    pub time_off: bool,
    pub holiday: Option<String>,
    pub sessions: usize,
}

/// The preview: whole weeks (Monday to Sunday) from the week of today on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeTimePreview {
    pub zone: TimeZone,
    /// Today on the provider's wall clock (earlier days of the first week are past).
    pub today: NaiveDate,
    pub days: Vec<FreeTimeDay>,
    /// Coordinators cannot book sooner than this after now.
    pub minimum_notice_hours: u32,
}

/// `provider_id`'s free time from the Monday of this week until the Sunday of the week that
/// holds the day `weeks` weeks from today, or `None` when the provider has no profile (or is
/// not an active provider).
/// The acting provider's own free time (providers only).
pub async fn free_time_preview(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
    weeks: u32,
) -> Result<Option<FreeTimePreview>, ServiceError> {
    let provider_id = actor.require(&[Role::Provider])?.id();
    let settings = SchedulingSettings::load(db).await?;
    let Some(profile) = provider_profile::Entity::find_by_id(provider_id)
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let zone = TimeZone::parse(&profile.home_zone)
        .map_err(|e| ServiceError::Internal(format!("provider {provider_id}: {e}")))?;
    let today = zone.local(now).date();
    let first = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let horizon = today + Duration::days(7 * i64::from(weeks) - 1);
    let last = horizon + Duration::days(6 - i64::from(horizon.weekday().num_days_from_monday()));
    let from = zone.to_utc(first.and_time(NaiveTime::MIN)) - Duration::days(1);
    let until = zone.to_utc(last.and_time(NaiveTime::MIN)) + Duration::days(2);
    let focus = Focus {
        busy_window: (from, until),
        sites: Vec::new(),
    };
    let providers = load_providers(db, Some(&[provider_id]), &settings, now, Some(&focus)).await?;
    let Some(provider) = providers.into_iter().find(|p| p.id == provider_id) else {
        return Ok(None);
    };
    let bookable_from = now + Duration::hours(i64::from(settings.minimum_notice_hours));
    let days = free_days(
        &provider.schedule,
        &BlackoutCalendar::default(),
        first,
        last,
        bookable_from,
    )
    .into_iter()
    .map(|d| FreeTimeDay {
        date: d.date,
        free: d.free.iter().map(|i| (i.start(), i.end())).collect(),
        has_hours: d.has_hours,
        overridden: d.overridden,
        time_off: d.time_off,
        holiday: d.holiday,
        sessions: d.sessions,
    })
    .collect();
    Ok(Some(FreeTimePreview {
        zone,
        today,
        days,
        minimum_notice_hours: settings.minimum_notice_hours,
    }))
}
