//! Free times a booked session may move to, as the coordinator's move forms offer them: the
//! times [`check_new_times`](super::check_new_times) would accept for that one session, found
//! the way the plan's "Other times" are (the site's preferred weekdays and hours, on the site's
//! wall clock, on the engine's grid): at most one a day, the session's own time of day first,
//! on the days nearest the session's own date (from two weeks before it to six weeks after,
//! never before the minimum notice), listed in date order.
//!
//! A time is offered only if it
//! - starts after the minimum notice (so never in the past) and is not where the session is;
//! - falls on none of the site's blackout dates or the federal holidays (site's clock);
//! - fits the provider's free time: hours and date overrides, time off, other bookings widened
//!   by the buffers, and the caps ([`scheduling::free_days`] first, as a quick sieve, then
//!   [`scheduling::check_fixed_sessions`] with the session taken out of the provider's busy time,
//!   exactly as the move itself is checked).

use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc};
use scheduling::{
    BlackoutCalendar, Interval, IntervalSet, Outcome, Resolution, check_fixed_sessions, free_days,
};

use super::inputs::{Focus, load_providers, request_weekdays, site_blackouts};
use super::new_times::{NewTime, without_moved};
use super::settings::SchedulingSettings;
use crate::entities::{tta_request, tta_session};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// How many free times are offered per session.
pub const OFFERED_MOVE_TIMES: usize = 6;

/// Days searched before and after the session's own date.
const DAYS_BEFORE: i64 = 14;
const DAYS_AFTER: i64 = 42;

/// For each of `sessions` (booked sessions of `request`), the free times it may move to, as
/// `(session id, slots)`, nearest first (see the module docs). A session whose provider has
/// left is offered none. A step below the door: the caller checks who may see the request.
pub async fn free_move_times(
    db: &Database,
    request: &tta_request::Model,
    sessions: &[tta_session::Model],
    settings: &SchedulingSettings,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, Vec<Interval>)>, ServiceError> {
    let site_zone = TimeZone::parse(&request.anchor_zone)
        .map_err(|e| ServiceError::Internal(format!("request {}: {e}", request.id)))?;
    let earliest = now + Duration::hours(i64::from(settings.minimum_notice_hours));
    // The instants searched for each session.
    let window = |session: &tta_session::Model| {
        let first = earliest.max(session.starts_at - Duration::days(DAYS_BEFORE));
        (
            first,
            first.max(session.starts_at) + Duration::days(DAYS_AFTER),
        )
    };
    let (Some(first), Some(last)) = (
        sessions.iter().map(|s| window(s).0).min(),
        sessions.iter().map(|s| window(s).1).max(),
    ) else {
        return Ok(Vec::new());
    };
    let blackouts = BlackoutCalendar::new(
        true,
        site_blackouts(
            db,
            request.site_id,
            site_zone.local(first).date() - Duration::days(1),
            site_zone.local(last).date() + Duration::days(1),
        )
        .await?,
    );
    let mut provider_ids: Vec<i32> = sessions.iter().map(|s| s.provider_id).collect();
    provider_ids.sort_unstable();
    provider_ids.dedup();
    let focus = Focus {
        busy_window: (first - Duration::days(8), last + Duration::days(9)),
        sites: vec![request.site_id],
    };
    let providers = load_providers(db, Some(&provider_ids), settings, now, Some(&focus)).await?;
    let mut weekdays = request_weekdays(request);
    if weekdays.is_empty() {
        weekdays = vec![
            chrono::Weekday::Mon,
            chrono::Weekday::Tue,
            chrono::Weekday::Wed,
            chrono::Weekday::Thu,
            chrono::Weekday::Fri,
        ];
    }
    let grid = i64::from(settings.granularity_minutes.max(5));

    let mut answer = Vec::with_capacity(sessions.len());
    for session in sessions {
        let Some(provider) = providers.iter().find(|p| p.id == session.provider_id) else {
            answer.push((session.id, Vec::new()));
            continue;
        };
        let length = session.ends_at - session.starts_at;
        let Ok(current) = Interval::new(session.starts_at, session.ends_at) else {
            answer.push((session.id, Vec::new()));
            continue;
        };
        let schedule = without_moved(
            &provider.schedule,
            &[NewTime {
                session: session.clone(),
                slot: current,
            }],
        );
        let provider_zone = provider.zone;
        let (from, until) = window(session);
        let free: IntervalSet = IntervalSet::from_intervals(
            free_days(
                &schedule,
                &BlackoutCalendar::default(),
                provider_zone.local(from).date() - Duration::days(1),
                provider_zone.local(until).date() + Duration::days(1),
                earliest,
            )
            .into_iter()
            .flat_map(|day| day.free)
            .collect(),
        );
        // Start times to try each day: the session's own time of day first, then the site's
        // preferred hours on the grid, nearest the session's time first.
        let own = site_zone.local(session.starts_at).time();
        let times = times_of_day(
            own,
            request.preferred_start_minute,
            request.preferred_end_minute,
            length.num_minutes(),
            grid,
        );
        let occurrence = u32::try_from(session.occurrence).unwrap_or(0);
        let own_date = site_zone.local(session.starts_at).date();
        let mut offered = Vec::new();
        let mut date = site_zone.local(from).date();
        let last_date = site_zone.local(until).date();
        while date <= last_date {
            if weekdays.contains(&date.weekday()) && blackouts.on(date).is_none() {
                let found = times.iter().find_map(|time| {
                    let (start, resolution) = site_zone.resolve(date.and_time(*time));
                    if !matches!(resolution, Resolution::Exact)
                        || start < earliest
                        || start == session.starts_at
                    {
                        return None;
                    }
                    let slot = Interval::new(start, start + length).ok()?;
                    if !free.contains(&slot) {
                        return None;
                    }
                    let plan = check_fixed_sessions(&schedule, site_zone, &[(occurrence, slot)]);
                    plan.occurrences
                        .first()
                        .is_some_and(|o| matches!(o.outcome, Outcome::AtAnchor { .. }))
                        .then_some(slot)
                });
                offered.extend(found);
            }
            date += Duration::days(1);
        }
        // The days nearest the session's own date, then in date order.
        offered.sort_by_key(|slot: &Interval| {
            let day = site_zone.local(slot.start()).date();
            ((day - own_date).num_days().abs(), day)
        });
        offered.truncate(OFFERED_MOVE_TIMES);
        offered.sort_by_key(Interval::start);
        answer.push((session.id, offered));
    }
    Ok(answer)
}

/// The times of day to try: `own` first, then every start on the `grid` (minutes) from
/// `from_minute` at which a session of `length` minutes ends by `until_minute`, nearest `own`
/// first.
fn times_of_day(
    own: NaiveTime,
    from_minute: i32,
    until_minute: i32,
    length: i64,
    grid: i64,
) -> Vec<NaiveTime> {
    let own_minute = i64::from(own.hour() * 60 + own.minute());
    let mut minutes: Vec<i64> = Vec::new();
    let mut minute = i64::from(from_minute);
    while minute + length <= i64::from(until_minute) && minute < 24 * 60 {
        minutes.push(minute);
        minute += grid;
    }
    minutes.sort_by_key(|m| ((m - own_minute).abs(), *m));
    std::iter::once(own)
        .chain(minutes.into_iter().filter_map(|m| {
            NaiveTime::from_hms_opt(u32::try_from(m / 60).ok()?, u32::try_from(m % 60).ok()?, 0)
        }))
        .filter({
            let mut seen = Vec::new();
            move |t| {
                if seen.contains(t) {
                    false
                } else {
                    seen.push(*t);
                    true
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn the_own_time_comes_first_then_the_nearest_starts_in_the_preferred_hours() {
        // Preferred 09:00–12:00, a 90-minute session now at 10:00, a 30-minute grid.
        let times = times_of_day(hm(10, 0), 9 * 60, 12 * 60, 90, 30);
        assert_eq!(times, vec![hm(10, 0), hm(9, 30), hm(10, 30), hm(9, 0)]);
    }

    #[test]
    fn a_session_outside_the_preferred_hours_keeps_its_own_time_first() {
        let times = times_of_day(hm(15, 0), 9 * 60, 11 * 60, 60, 60);
        assert_eq!(times, vec![hm(15, 0), hm(10, 0), hm(9, 0)]);
        assert_eq!(
            times_of_day(hm(8, 0), 9 * 60, 9 * 60 + 30, 60, 15),
            vec![hm(8, 0)]
        );
    }
}
