//! New times for sessions already booked (a coordinator moving one session, or the rest of a
//! series, e.g. to answer a site's ask), checked against the rules the engine plans with before
//! anything changes:
//!
//! - the minimum notice (so never in the past);
//! - the site's blackout dates and the federal holidays, on the site's wall clock;
//! - the provider's working hours, date overrides and time off (in the provider's zone), their
//!   other bookings widened by the buffers, and the caps — [`scheduling::check_fixed_sessions`],
//!   with the sessions being moved taken out of the provider's busy time (a session does not
//!   clash with where it was) and the moved sessions checked against each other.
//!
//! The request's own window and preferred hours are not checked: moving a session past the
//! window or to another hour is what the site and the coordinator agreed. Every refusal names
//! the session and the time, in the site's zone, and says why.

use chrono::{DateTime, Duration, Utc};
use scheduling::{
    Availability, BlackoutCalendar, BusyCalendar, Interval, Outcome, PlacementFailure,
    PreparedRequest, ProviderSchedule, TimeOff, VisitFault, check_fixed_sessions,
};

use super::inputs::{
    Focus, busy_label, load_providers, session_request, site_blackouts, site_calendar,
};
use super::settings::SchedulingSettings;
use crate::entities::{tta_request, tta_session};
use crate::timefmt::{duration, instant, span};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// One booked session and where it would move.
#[derive(Clone, Debug)]
pub struct NewTime {
    pub session: tta_session::Model,
    pub slot: Interval,
}

/// Checks `moves` (sessions of `request`, all with one provider) against the rules above.
/// Refused: [`ServiceError::Invalid`] for the notice and blackout dates, [`ServiceError::Conflict`]
/// for the provider's hours, time off, bookings and caps; one message listing every session
/// that cannot move, each with its reasons.
pub async fn check_new_times(
    db: &Database,
    request: &tta_request::Model,
    moves: &[NewTime],
    settings: &SchedulingSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let site_zone = TimeZone::parse(&request.anchor_zone)
        .map_err(|e| ServiceError::Internal(format!("request {}: {e}", request.id)))?;
    let Some(provider_id) = moves.first().map(|m| m.session.provider_id) else {
        return Ok(());
    };
    let when = |m: &NewTime| span(m.slot.start(), m.slot.end(), site_zone);

    let earliest = now + Duration::hours(i64::from(settings.minimum_notice_hours));
    let too_soon: Vec<String> = moves
        .iter()
        .filter(|m| m.slot.start() < earliest)
        .map(|m| format!("session {} ({})", m.session.occurrence, when(m)))
        .collect();
    if !too_soon.is_empty() {
        return Err(ServiceError::Invalid(format!(
            "Too soon: {} would start before {} (the minimum notice is {}). Choose a later \
             time.",
            too_soon.join(", "),
            instant(earliest, site_zone),
            duration(earliest - now)
        )));
    }

    // What each move books: the slot, or each day of a visit (its travel days apart).
    let shape = super::visits::visit_shape(request)?;
    let layouts: Vec<Option<scheduling::VisitLayout>> = moves
        .iter()
        .map(|m| shape.and_then(|shape| super::visits::layout_of(request, m.slot.start(), shape)))
        .collect();
    let pieces: Vec<NewTime> = moves
        .iter()
        .zip(&layouts)
        .flat_map(|(m, layout)| match layout {
            Some(layout) => layout
                .days
                .iter()
                .map(|day| NewTime {
                    session: m.session.clone(),
                    slot: day.interval,
                })
                .collect(),
            None => vec![m.clone()],
        })
        .collect();

    let blackouts = blackouts_for(db, request.site_id, &pieces, site_zone).await?;
    let blocked: Vec<String> = pieces
        .iter()
        .filter_map(|m| {
            let date = site_zone.local(m.slot.start()).date();
            blackouts.on(date).map(|b| {
                format!(
                    "session {} ({}): {date} is {}",
                    m.session.occurrence,
                    when(m),
                    b.name
                )
            })
        })
        .collect();
    if !blocked.is_empty() {
        return Err(ServiceError::Invalid(format!(
            "No sessions on the site's blackout dates or federal holidays — {}. Choose another \
             date.",
            blocked.join("; ")
        )));
    }

    let first = moves.iter().map(|m| m.slot.start()).min().unwrap_or(now);
    let last = moves.iter().map(|m| m.slot.end()).max().unwrap_or(now);
    let focus = Focus {
        busy_window: (first - Duration::days(8), last + Duration::days(9)),
        sites: vec![request.site_id],
    };
    let provider = load_providers(db, Some(&[provider_id]), settings, now, Some(&focus))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| {
            ServiceError::Conflict(
                "The session's provider has left the programme or has no profile any more; hand \
                 the engagement over to another provider before moving its sessions."
                    .to_owned(),
            )
        })?;
    let schedule = without_moved(&provider.schedule, moves);
    let sessions: Vec<(u32, Interval)> = pieces
        .iter()
        .map(|m| (u32::try_from(m.session.occurrence).unwrap_or(0), m.slot))
        .collect();
    let plan = check_fixed_sessions(&schedule, site_zone, &sessions);
    let mut refused: Vec<String> = plan
        .occurrences
        .iter()
        .zip(&pieces)
        .filter_map(|(occurrence, m)| match &occurrence.outcome {
            Outcome::Unplaced { reasons } => Some(format!(
                "session {} ({}): {}",
                m.session.occurrence,
                when(m),
                reasons
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            _ => None,
        })
        .collect();
    // A visit is checked as the engine plans one: each day a working day of the provider's
    // within the site's hours, free of bookings and time off, and its travel days too.
    if let Some(shape) = shape {
        refused.clear();
        let calendar = site_calendar(db, request).await?;
        let series = session_request(request, settings)?;
        let prepared = PreparedRequest::new(&calendar, &series, now);
        let standing: Vec<(u32, Interval)> = moves
            .iter()
            .map(|m| (u32::try_from(m.session.occurrence).unwrap_or(0), m.slot))
            .collect();
        for (index, m) in standing.iter().zip(moves) {
            let others: Vec<(u32, Interval)> = standing
                .iter()
                .filter(|o| o.0 != index.0)
                .copied()
                .collect();
            if !super::visits::offers(&prepared, &schedule, Some(shape), index.0, &others, &m.slot)
            {
                let faults = prepared.visit_faults(&schedule, shape, index.0, &others, &m.slot);
                refused.push(format!(
                    "visit {} ({}): {}",
                    m.session.occurrence,
                    when(m),
                    visit_faults_text(&faults, site_zone)
                ));
            }
        }
    }
    if !refused.is_empty() {
        return Err(ServiceError::Conflict(format!(
            "{} is not free then — {}. Choose another time, or ask the provider to add the hours \
             to their availability first.",
            provider.name,
            refused.join("; ")
        )));
    }
    Ok(())
}

/// Why a visit cannot move, day by day: "Wednesday 10 February 2027 (America/Chicago, visit
/// day): the provider is away (Annual leave)"; dates are the site's.
fn visit_faults_text(faults: &[VisitFault], site_zone: TimeZone) -> String {
    if faults.is_empty() {
        return "that date is too far from the visit's planned date (the engine offers dates \
                within its tolerance and a fortnight either side); choose one of the offered \
                times"
            .to_owned();
    }
    faults
        .iter()
        .map(|fault| {
            let why = match &fault.reason {
                PlacementFailure::OutsideProviderHours { hours, .. } if hours.is_empty() => {
                    "the provider does not work that day".to_owned()
                }
                other => other.to_string(),
            };
            match fault.date {
                Some(date) => format!(
                    "{} ({}, {}): {why}",
                    date.format("%A %-d %B %Y"),
                    site_zone.name(),
                    if fault.travel {
                        "travel day"
                    } else {
                        "visit day"
                    }
                ),
                None => why,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The site's blackout dates (and the programme-wide ones) on the dates the moves touch, with
/// the federal holidays.
async fn blackouts_for(
    db: &Database,
    site_id: i32,
    moves: &[NewTime],
    site_zone: TimeZone,
) -> Result<BlackoutCalendar, ServiceError> {
    let dates: Vec<_> = moves
        .iter()
        .map(|m| site_zone.local(m.slot.start()).date())
        .collect();
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return Ok(BlackoutCalendar::new(true, Vec::new()));
    };
    let site_dates = site_blackouts(db, site_id, *first, *last).await?;
    Ok(BlackoutCalendar::new(true, site_dates))
}

/// The provider's schedule with the sessions being moved taken out of their busy time (and a
/// moved visit's travel days out of their time off: the visit takes them along).
pub(super) fn without_moved(schedule: &ProviderSchedule, moves: &[NewTime]) -> ProviderSchedule {
    let moved: Vec<String> = moves
        .iter()
        .map(|m| busy_label(m.session.id, m.session.request_id))
        .collect();
    let availability = without_travel_of(schedule.availability(), &moved);
    let busy = schedule
        .busy()
        .sessions()
        .iter()
        .filter(|s| !moved.iter().any(|label| label == s.id()))
        .cloned()
        .collect();
    ProviderSchedule::new(
        availability,
        BusyCalendar::new(busy, schedule.busy().buffers()),
        schedule.caps(),
    )
}

/// `availability` without the travel time off of the sessions labelled `moved` (see
/// `inputs::travel_time_off`, whose label ends with the session's busy label).
fn without_travel_of(availability: &Availability, moved: &[String]) -> Availability {
    let ours = |off: &TimeOff| {
        off.label()
            .is_some_and(|label| moved.iter().any(|m| label.ends_with(&format!(" {m}"))))
    };
    if !availability.time_off().iter().any(ours) {
        return availability.clone();
    }
    let zone = availability.zone();
    let (schedules, overrides, time_off) = availability.clone().into_parts();
    let kept = time_off.into_iter().filter(|off| !ours(off)).collect();
    Availability::new(zone, schedules, overrides, kept).unwrap_or_else(|_| availability.clone())
}
