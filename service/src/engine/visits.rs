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
