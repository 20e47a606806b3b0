//! The free times each booked session of a request may move to, as the coordinator's move forms
//! offer them: in the site's zone with the coordinator's beside it, and the site's wall-clock
//! start the form posts (see [`crate::engine::free_move_times`] for which times are offered).

use chrono::{DateTime, Utc};
use contract::views::move_times::{MoveTimeView, SessionMoveTimesView};

use super::flags::can_change_session;
use crate::access::Actor;
use crate::engine::{SchedulingSettings, free_move_times};
use crate::entities::{tta_request, tta_session};
use crate::proposals::request_sessions;
use crate::requests::staff_request_view;
use crate::status::SessionStatus;
use crate::timefmt::{clock_span, span};
use crate::views::{reader_zone, stored_zone};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The free times of every session of request `id` that may still move, at `now`.
/// Coordinators and administrators only (403); an unknown request is not found.
pub async fn move_times_page(
    db: &Database,
    actor: &Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<SessionMoveTimesView>, ServiceError> {
    let view = staff_request_view(db, actor, id).await?;
    let reader = reader_zone(actor)?;
    let sessions = request_sessions(db, id).await?;
    move_times_of(db, &view.request, &sessions, reader, now).await
}

/// [`move_times_page`] for a request and its sessions already read (the request page reads
/// them once for every part of it).
pub(super) async fn move_times_of(
    db: &Database,
    request: &tta_request::Model,
    sessions: &[tta_session::Model],
    reader: TimeZone,
    now: DateTime<Utc>,
) -> Result<Vec<SessionMoveTimesView>, ServiceError> {
    let site_zone = stored_zone(&request.anchor_zone)?;
    let movable: Vec<_> = sessions
        .iter()
        .filter(|s| {
            SessionStatus::parse(&s.status)
                .is_ok_and(|status| can_change_session(status, s.starts_at, now))
        })
        .cloned()
        .collect();
    if movable.is_empty() {
        return Ok(Vec::new());
    }
    let settings = SchedulingSettings::load(db).await?;
    let free = free_move_times(db, request, &movable, &settings, now).await?;
    Ok(free
        .into_iter()
        .map(|(session_id, slots)| SessionMoveTimesView {
            session_id,
            times: slots
                .iter()
                .map(|slot| move_time(slot.start(), slot.end(), site_zone, reader))
                .collect(),
        })
        .collect())
}

/// One offered time: the site's clock, the reader's beside it when it reads otherwise.
fn move_time(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    site: TimeZone,
    reader: TimeZone,
) -> MoveTimeView {
    let site_time = span(start, end, site);
    let reader_time = if clock_span(start, end, reader) == clock_span(start, end, site)
        && reader.local(start).date() == site.local(start).date()
    {
        String::new()
    } else if reader.local(start).date() == site.local(start).date() {
        format!("your time: {}", clock_span(start, end, reader))
    } else {
        format!("your time: {}", span(start, end, reader))
    };
    MoveTimeView {
        value: site.local(start).format("%Y-%m-%dT%H:%M").to_string(),
        site_time,
        reader_time,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap()
    }

    #[test]
    fn a_time_reads_on_the_site_clock_with_the_reader_s_beside_it() {
        let start = Utc.with_ymd_and_hms(2027, 3, 9, 16, 0, 0).unwrap();
        let end = start + chrono::Duration::minutes(90);
        let view = move_time(
            start,
            end,
            zone("America/Chicago"),
            zone("America/New_York"),
        );
        assert_eq!(view.value, "2027-03-09T10:00");
        assert_eq!(view.site_time, "Tue 9 Mar 2027, 10:00–11:30 CST");
        assert_eq!(view.reader_time, "your time: 11:00–12:30 EST");
        let same = move_time(start, end, zone("America/Chicago"), zone("America/Chicago"));
        assert_eq!(same.reader_time, "");
    }
}
