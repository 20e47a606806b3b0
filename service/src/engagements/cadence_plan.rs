//! The pure part of planning an engagement's cadence: every line's series placed in its
//! provider's free time by the engine, one line after another, so a provider who delivers two
//! lines never has them collide (each line's sessions are busy time for the lines after it).
//! No database and no clock: the caller passes the schedules and "now". Benchmarked in
//! `service/benches/cadence.rs`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use scheduling::{
    Blackout, BlackoutCalendar, BusyCalendar, BusySession, Granularity, LocalTime, LocalTimeRange,
    PreparedRequest, ProviderSchedule, SessionLength, SessionRequest, SessionRequestParts,
    SiteCalendar, Tolerance, WeeklyHours, Zone,
};

use super::cadence_line::CadenceLine;
use crate::ServiceError;
use crate::engine::{AdjustedPlan, PlanMove, SchedulingSettings, adjust_series};

/// One line ready for the engine: the site's calendar for it (its weekdays and window, the
/// blackouts and federal holidays), its series, and the provider who delivers it.
#[derive(Clone, Debug)]
pub struct LineInput {
    pub title: String,
    pub provider_id: i32,
    pub calendar: SiteCalendar,
    pub series: SessionRequest,
    pub moves: Vec<PlanMove>,
}

fn internal(what: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(what.to_string())
}

impl LineInput {
    /// The engine's view of `line` on the site's clock (`zone`), against `blackouts`.
    pub fn new(
        line: &CadenceLine,
        provider_id: i32,
        zone: Zone,
        blackouts: Vec<Blackout>,
        settings: &SchedulingSettings,
    ) -> Result<Self, ServiceError> {
        let minute = |t: chrono::NaiveTime| {
            use chrono::Timelike;
            t.hour() * 60 + t.minute()
        };
        let (start, end) = (minute(line.window_start), minute(line.window_end));
        let window = LocalTimeRange::from_minutes(start, end).map_err(internal)?;
        let preferred =
            WeeklyHours::new(line.weekdays.iter().map(|d| (*d, vec![window]))).map_err(internal)?;
        let calendar = SiteCalendar::new(
            zone,
            Some(preferred),
            BlackoutCalendar::new(true, blackouts),
        );
        let count = u32::try_from(line.anchor_dates().len()).map_err(internal)?;
        let series = SessionRequest::new(SessionRequestParts {
            length: SessionLength::from_minutes(line.session_minutes).map_err(internal)?,
            count,
            cadence: line.cadence.engine(),
            earliest_date: line.from,
            latest_date: line.through,
            first_date: line.first_date(),
            local_start_time: LocalTime::from_hm(start / 60, start % 60).map_err(internal)?,
            minimum_notice_minutes: settings.minimum_notice_hours.saturating_mul(60),
            granularity: Granularity::from_minutes(settings.granularity_minutes)
                .map_err(internal)?,
            tolerance: Tolerance::business_days(settings.tolerance_business_days)
                .map_err(internal)?,
        })
        .map_err(internal)?;
        Ok(Self {
            title: line.title.clone(),
            provider_id,
            calendar,
            series,
            moves: line.moves.clone(),
        })
    }
}

/// Plans every line in order against `schedules` (by provider id), adding each line's sessions
/// to its provider's busy time before the next line is planned. A line whose provider has no
/// schedule is an internal error (the caller loaded them); a refused move is the engine's
/// [`ServiceError::Conflict`] with the line's title in front.
pub fn plan_cadence(
    lines: &[LineInput],
    schedules: &mut HashMap<i32, ProviderSchedule>,
    now: DateTime<Utc>,
) -> Result<Vec<AdjustedPlan>, ServiceError> {
    let mut plans = Vec::with_capacity(lines.len());
    for line in lines {
        let schedule = schedules
            .get(&line.provider_id)
            .ok_or_else(|| internal(format!("no schedule for provider {}", line.provider_id)))?;
        let prepared = PreparedRequest::new(&line.calendar, &line.series, now);
        let plan = adjust_series(&prepared, schedule, &line.moves).map_err(|e| match e {
            ServiceError::Conflict(m) => ServiceError::Conflict(format!("“{}”: {m}", line.title)),
            other => other,
        })?;
        let booked = plan.occurrences.iter().filter_map(|o| {
            o.slot()
                .map(|slot| (format!("“{}” session {}", line.title, o.engine.index), slot))
        });
        let widened = with_busy(schedule, booked);
        schedules.insert(line.provider_id, widened);
        plans.push(plan);
    }
    Ok(plans)
}

/// `schedule` with `extra` sessions added to its busy time.
fn with_busy(
    schedule: &ProviderSchedule,
    extra: impl Iterator<Item = (String, scheduling::Interval)>,
) -> ProviderSchedule {
    let mut sessions: Vec<BusySession> = schedule.busy().sessions().to_vec();
    sessions.extend(extra.map(|(id, slot)| BusySession::new(id, slot)));
    ProviderSchedule::new(
        schedule.availability().clone(),
        BusyCalendar::new(sessions, schedule.busy().buffers()),
        schedule.caps(),
    )
}
