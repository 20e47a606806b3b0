//! On-site visits (issue 16) in the bridge to the engine: a request with `visit_days` > 0 is
//! planned as visits of that many consecutive business days (see `scheduling::VisitLayout`)
//! instead of sessions; everything else about the request (cadence, window, start time, notice,
//! tolerance) is read as for sessions. The planning, moves and booking steps ask here which
//! kind of request they hold, so each keeps one line for the choice.

use chrono::{DateTime, Duration, Utc};
use scheduling::{
    Interval, PreparedRequest, ProviderSchedule, SeriesPlan, Slot, VisitLayout, VisitShape,
};

use crate::entities::tta_request;
use crate::{ServiceError, zone::TimeZone};

/// The visit a request asks for, `None` for ordinary sessions.
pub fn visit_shape(request: &tta_request::Model) -> Result<Option<VisitShape>, ServiceError> {
    if request.visit_days <= 0 {
        return Ok(None);
    }
    let days = u32::try_from(request.visit_days).unwrap_or(0);
    VisitShape::new(days, request.travel_days)
        .map(Some)
        .map_err(|e| ServiceError::Internal(format!("request {}: {e}", request.id)))
}

/// Minutes of each session of `request`: for a visit, its day from the preferred start to the
/// preferred end on the site's clock (a visit day may last 10 hours, beyond the column
/// `session_minutes`' 8-hour check, which holds the day capped); else `session_minutes`.
pub fn session_minutes(request: &tta_request::Model) -> i32 {
    if request.visit_days > 0 {
        request.preferred_end_minute - request.preferred_start_minute
    } else {
        request.session_minutes
    }
}

/// The series placed for `provider`: visits when `shape` is given, else sessions.
pub(super) fn place(
    prepared: &PreparedRequest<'_>,
    provider: &ProviderSchedule,
    shape: Option<VisitShape>,
) -> SeriesPlan {
    match shape {
        Some(shape) => prepared.place_visits(provider, shape),
        None => prepared.place_series(provider),
    }
}

/// The other times occurrence `index` may move to (see `PreparedRequest::alternatives`).
pub(super) fn alternatives(
    prepared: &PreparedRequest<'_>,
    provider: &ProviderSchedule,
    shape: Option<VisitShape>,
    index: u32,
    others: &[(u32, Interval)],
    limit: Option<usize>,
) -> Vec<Slot> {
    match shape {
        Some(shape) => prepared.visit_alternatives(provider, shape, index, others, limit),
        None => prepared.alternatives(provider, index, others, limit),
    }
}

/// Whether the engine offers `slot` for occurrence `index`.
pub(super) fn offers(
    prepared: &PreparedRequest<'_>,
    provider: &ProviderSchedule,
    shape: Option<VisitShape>,
    index: u32,
    others: &[(u32, Interval)],
    slot: &Interval,
) -> bool {
    match shape {
        Some(shape) => prepared.offers_visit(provider, shape, index, others, slot),
        None => prepared.offers(provider, index, others, slot),
    }
}

/// The slot a coordinator's move to `starts_at` names: one session of `length`, or the whole
/// visit starting that day (refused when its days would reach a weekend).
pub(super) fn moved_slot(
    prepared: &PreparedRequest<'_>,
    shape: Option<VisitShape>,
    starts_at: DateTime<Utc>,
    length: Duration,
) -> Result<Interval, ServiceError> {
    match shape {
        None => Interval::new(starts_at, starts_at + length)
            .map_err(|e| ServiceError::Invalid(e.to_string())),
        Some(shape) => {
            let first = prepared.site().zone().local(starts_at).date();
            prepared
                .visit_layout(first, shape)
                .ok()
                .and_then(|layout| layout.span())
                .ok_or_else(|| {
                    ServiceError::Invalid(
                        "That visit would run over a weekend; choose one of the offered times."
                            .to_owned(),
                    )
                })
        }
    }
}

/// The buffers a booked session of `request` keeps around `starts_at..ends_at`: the programme's
/// buffers, or for a visit with travel days as far as the whole travel days before and after
/// (so the stored blocked time, and with it the double-booking constraint, covers them).
pub fn booking_buffers(
    request: &tta_request::Model,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    before: Duration,
    after: Duration,
) -> (Duration, Duration) {
    let Ok(Some(shape)) = visit_shape(request) else {
        return (before, after);
    };
    let Some(layout) = layout_of(request, starts_at, shape) else {
        return (before, after);
    };
    let (Some(first), Some(last)) = (layout.travel.first(), layout.travel.last()) else {
        return (before, after);
    };
    (
        before.max(starts_at - first.interval.start()),
        after.max(last.interval.end() - ends_at),
    )
}

/// The visit of `request` whose first day starts at `starts_at` on the site's clock.
pub fn layout_of(
    request: &tta_request::Model,
    starts_at: DateTime<Utc>,
    shape: VisitShape,
) -> Option<VisitLayout> {
    let zone = TimeZone::parse(&request.anchor_zone).ok()?;
    let start = u32::try_from(request.preferred_start_minute).ok()?;
    let length = u32::try_from(session_minutes(request)).ok()?;
    VisitLayout::lay_out(
        zone,
        zone.local(starts_at).date(),
        scheduling::LocalTime::from_hm(start / 60, start % 60).ok()?,
        scheduling::SessionLength::from_minutes(length).ok()?,
        shape,
    )
    .ok()
}

/// Longest span a session on one day can have; a stored session longer than this is a visit
/// of several days.
const ONE_DAY: Duration = Duration::hours(24);

/// The days worked of a stored session of several site-local days (a multi-day on-site visit,
/// stored as one span from its first day's start to its last day's end): every date from the
/// first to the last, each from the first day's start to the last day's end on `zone`'s wall
/// clock, resolved for its own date (so 08:30–17:00 stays 08:30–17:00 across a DST change).
/// Empty for a session of one day, which is worked whole. The caps count these days, and the
/// week views show them, one by one.
pub fn worked_days(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    zone: TimeZone,
) -> Vec<Interval> {
    if ends_at - starts_at <= ONE_DAY {
        return Vec::new();
    }
    let first = zone.local(starts_at);
    let last = zone.local(ends_at);
    let mut days = Vec::new();
    let mut date = first.date();
    while date <= last.date() {
        let (begin, _) = zone.resolve(date.and_time(first.time()));
        let (end, _) = zone.resolve(date.and_time(last.time()));
        if let Ok(day) = Interval::new(begin, end) {
            days.push(day);
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn utc(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn a_two_day_visit_is_worked_day_by_day_across_spring_forward() {
        let chicago = TimeZone::parse("America/Chicago").unwrap();
        // Friday 12 March 08:30 CST to Monday... a visit is Mon–Fri; take Fri 12 to Mon 15
        // only to cross the change: each day keeps 08:30–17:00 on the wall clock.
        let days = worked_days(utc(3, 12, 14, 30), utc(3, 15, 22, 0), chicago);
        assert_eq!(days.len(), 4);
        assert_eq!(
            (days[0].start(), days[0].end()),
            (utc(3, 12, 14, 30), utc(3, 12, 23, 0))
        );
        assert_eq!(
            (days[3].start(), days[3].end()),
            (utc(3, 15, 13, 30), utc(3, 15, 22, 0))
        );
        let minutes: i64 = days.iter().map(|d| d.duration().num_minutes()).sum();
        assert_eq!(minutes, 4 * 510);
        // One day's session is worked whole.
        assert!(worked_days(utc(3, 12, 14, 30), utc(3, 12, 23, 0), chicago).is_empty());
    }
}
