//! The pure part of planning an engagement's cadence: every line's series placed in its
//! provider's free time by the engine, one line after another, so a provider who delivers two
//! lines never has them collide (each line's sessions are busy time for the lines after it).
//! A line delivered by a **team** (a role several people hold) is placed at times free for
//! every member at once (`PreparedRequest::place_team_series`: collective availability), and
//! each occurrence not at its anchor keeps the engine's explanation naming the member in the
//! way. A team's visits are placed the same way, each day of each visit checked for every
//! member (`PreparedRequest::place_team_visits`). No database and no clock: the caller passes the schedules and "now". Benchmarked in
//! `service/benches/cadence.rs`.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use scheduling::{
    Blackout, BlackoutCalendar, BusyCalendar, BusySession, Granularity, LocalTime, LocalTimeRange,
    PreparedRequest, ProviderSchedule, SessionLength, SessionRequest, SessionRequestParts,
    SiteCalendar, Tolerance, VisitShape, WeeklyHours, Zone,
};

use super::cadence_line::CadenceLine;
use super::cadence_team::{TeamLine, member_names};
use crate::ServiceError;
use crate::engine::{
    AdjustedOccurrence, AdjustedPlan, PlanMove, SchedulingSettings, adjust_series,
};

/// One line ready for the engine: the site's calendar for it (its weekdays and window, the
/// blackouts and federal holidays), its series, and the provider who delivers it.
#[derive(Clone, Debug)]
pub struct LineInput {
    pub title: String,
    pub provider_id: i32,
    /// The other providers who deliver the line with `provider_id`, all at the same times
    /// (empty: `provider_id` alone).
    pub team: Vec<i32>,
    pub calendar: SiteCalendar,
    pub series: SessionRequest,
    pub moves: Vec<PlanMove>,
    /// On-site visits of this shape instead of sessions (for the provider, or the team).
    pub visit: Option<VisitShape>,
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
            team: Vec::new(),
            calendar,
            series,
            moves: line.moves.clone(),
            visit: line.visit,
        })
    }

    /// The line delivered by `provider_id` together with `team` (the other providers).
    pub fn with_team(mut self, team: Vec<i32>) -> Self {
        self.team = team;
        self
    }

    /// Every provider of the line, `provider_id` first.
    pub fn members(&self) -> Vec<i32> {
        std::iter::once(self.provider_id)
            .chain(self.team.iter().copied())
            .collect()
    }
}

/// One line planned: its series as the coordinator may adjust it, and for a team's line why
/// each occurrence not at its requested time is where it is (or has no time), naming the
/// member in the way ("Dana Reyes has another session then"), by occurrence.
#[derive(Clone, Debug)]
pub struct PlannedLine {
    pub plan: AdjustedPlan,
    pub team_notes: BTreeMap<u32, String>,
}

/// Plans every line in order against `schedules` (by provider id), adding each line's sessions
/// to its providers' busy time before the next line is planned. A line whose provider has no
/// schedule is an internal error (the caller loaded them); a refused move is the engine's
/// [`ServiceError::Conflict`] with the line's title in front.
pub fn plan_cadence(
    lines: &[LineInput],
    schedules: &mut HashMap<i32, ProviderSchedule>,
    now: DateTime<Utc>,
) -> Result<Vec<AdjustedPlan>, ServiceError> {
    Ok(plan_cadence_lines(lines, schedules, now, &HashMap::new())?
        .into_iter()
        .map(|line| line.plan)
        .collect())
}

/// [`plan_cadence`] with each team line's explanations, naming members by `names` (by id).
pub fn plan_cadence_lines(
    lines: &[LineInput],
    schedules: &mut HashMap<i32, ProviderSchedule>,
    now: DateTime<Utc>,
    names: &HashMap<i32, String>,
) -> Result<Vec<PlannedLine>, ServiceError> {
    let mut plans = Vec::with_capacity(lines.len());
    for line in lines {
        let schedule_of = |id: i32| {
            schedules
                .get(&id)
                .ok_or_else(|| internal(format!("no schedule for provider {id}")))
        };
        let prepared = PreparedRequest::new(&line.calendar, &line.series, now);
        let planned = if !line.team.is_empty() {
            // A team's line: every member's calendar checked for every occurrence (for visits,
            // every day of every visit).
            let members = line.members();
            let team: Vec<&ProviderSchedule> = members
                .iter()
                .map(|id| schedule_of(*id))
                .collect::<Result<_, _>>()?;
            let member_names = member_names(&members, names);
            let refs: Vec<&str> = member_names.iter().map(String::as_str).collect();
            let plan = match line.visit {
                Some(shape) => prepared.place_team_visits(&team, shape),
                None => prepared.place_team_series(&team),
            };
            TeamLine {
                title: &line.title,
                prepared: &prepared,
                team: &team,
                names: &refs,
                shape: line.visit,
                plan: &plan,
            }
            .adjusted(&line.moves)?
        } else if let Some(shape) = line.visit {
            // Visits: each of their days checked as the engine plans a visit; the times are the
            // engine's (a visit line offers no other times to choose).
            let plan = prepared.place_visits(schedule_of(line.provider_id)?, shape);
            PlannedLine {
                plan: AdjustedPlan {
                    occurrences: plan
                        .occurrences
                        .into_iter()
                        .map(|engine| AdjustedOccurrence {
                            engine,
                            chosen: None,
                            alternatives: Vec::new(),
                        })
                        .collect(),
                    provider_zone: schedule_of(line.provider_id)?.zone(),
                    site_zone: line.calendar.zone(),
                },
                team_notes: BTreeMap::new(),
            }
        } else {
            let plan = adjust_series(&prepared, schedule_of(line.provider_id)?, &line.moves)
                .map_err(|e| match e {
                    ServiceError::Conflict(m) => {
                        ServiceError::Conflict(format!("“{}”: {m}", line.title))
                    }
                    other => other,
                })?;
            PlannedLine {
                plan,
                team_notes: BTreeMap::new(),
            }
        };
        let booked: Vec<BusySession> = planned
            .plan
            .occurrences
            .iter()
            .filter_map(|o| {
                let slot = o.slot()?;
                let id = format!("“{}” session {}", line.title, o.engine.index);
                // A visit blocks its travel days too, and is worked day by day.
                let layout = line.visit.and_then(|shape| {
                    let first = line.calendar.zone().local(slot.start()).date();
                    prepared.visit_layout(first, shape).ok()
                });
                Some(match layout {
                    Some(layout) => {
                        let blocked = match (layout.travel.first(), layout.travel.last()) {
                            (Some(before), Some(after)) => scheduling::Interval::new(
                                before.interval.start(),
                                after.interval.end(),
                            )
                            .unwrap_or(slot),
                            _ => slot,
                        };
                        BusySession::with_days(
                            id,
                            blocked,
                            layout.days.iter().map(|d| d.interval).collect(),
                        )
                    }
                    None => BusySession::new(id, slot),
                })
            })
            .collect();
        for id in line.members() {
            let schedule = schedules
                .get(&id)
                .ok_or_else(|| internal(format!("no schedule for provider {id}")))?;
            let widened = with_busy(schedule, booked.iter().cloned());
            schedules.insert(id, widened);
        }
        plans.push(planned);
    }
    Ok(plans)
}

/// `schedule` with `extra` sessions added to its busy time.
fn with_busy(
    schedule: &ProviderSchedule,
    extra: impl Iterator<Item = BusySession>,
) -> ProviderSchedule {
    let mut sessions: Vec<BusySession> = schedule.busy().sessions().to_vec();
    sessions.extend(extra);
    ProviderSchedule::new(
        schedule.availability().clone(),
        BusyCalendar::new(sessions, schedule.busy().buffers()),
        schedule.caps(),
    )
}
