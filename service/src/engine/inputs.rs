//! Stored rows → the engine's inputs. Every table is read once per call, for all providers
//! together, so ranking a request costs a fixed number of queries whatever the provider count.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use scheduling::matching::{
    Expertise, Level, MatchRequest, Modality as MatchModality, ProviderId, ProviderProfile,
    RequestId, SiteId, SiteRef, Topic, TopicId, WeeklyWindow, WorkingHours,
};
use scheduling::{
    Availability, Blackout, BlackoutCalendar, Buffers, BusyCalendar, BusySession, Caps,
    DateOverride, Granularity, Interval, LocalTime, LocalTimeRange, ProviderSchedule,
    SessionLength, SessionRequest, SessionRequestParts, SiteCalendar, TimeOff, Tolerance,
    WeeklyHours, WeeklySchedule, Zone,
};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QuerySelect,
    RelationTrait, Statement,
};

use super::busy::{BusyRow, load_busy};
use super::settings::SchedulingSettings;
use crate::entities::{
    blackout_date, conflict_of_interest, date_override, provider_expertise, time_off, tta_request,
    tta_session, weekly_hours,
};
use crate::intake::{Cadence, Modality};
use crate::{Database, ServiceError};

/// One provider as the engine sees them.
#[derive(Clone, Debug)]
pub struct ProviderData {
    pub id: i32,
    pub name: String,
    pub zone: Zone,
    pub profile: ProviderProfile,
    pub schedule: ProviderSchedule,
}

#[derive(Debug, FromQueryResult)]
struct ProviderRow {
    id: i32,
    display_name: String,
    home_zone: String,
    modalities: String,
    travel_regions: String,
    weekly_hour_capacity: i32,
    engagement_capacity: i32,
}

/// The dates a set of weekly hours is valid (open-ended where `None`).
type Validity = (Option<NaiveDate>, Option<NaiveDate>);

/// What a question about providers is about: the instants its sessions can touch (busy time is
/// loaded for them only) and the sites it concerns (continuity is checked for them only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    pub busy_window: (DateTime<Utc>, DateTime<Utc>),
    pub sites: Vec<i32>,
}

impl Focus {
    /// The focus of one request.
    pub fn of_request(request: &tta_request::Model) -> Self {
        Self {
            busy_window: request_window(request),
            sites: vec![request.site_id],
        }
    }

    /// The focus of several requests together.
    pub fn of_requests(requests: &[tta_request::Model]) -> Option<Self> {
        let window = requests
            .iter()
            .map(request_window)
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))?;
        let mut sites: Vec<i32> = requests.iter().map(|r| r.site_id).collect();
        sites.sort_unstable();
        sites.dedup();
        Some(Self {
            busy_window: window,
            sites,
        })
    }
}

#[derive(Debug, FromQueryResult)]
struct CountRow {
    provider_id: i32,
    n: i64,
}

/// How busy a provider is: engagements still running, minutes booked in the coming week.
#[derive(Clone, Copy, Debug)]
struct Load {
    engagements: u32,
    booked_minutes: i64,
}

#[derive(Debug, FromQueryResult)]
struct ServedRow {
    provider_id: i32,
    site_id: i32,
}

fn internal(what: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(what.to_string())
}

fn weekday_of(index: i16) -> Option<Weekday> {
    u8::try_from(index)
        .ok()
        .and_then(|i| Weekday::try_from(i).ok())
}

fn minutes(value: i32) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

/// Every active provider with a profile who has not left the programme (or only those of
/// `only`), ready for the engine. A provider whose
/// stored data the engine refuses (e.g. overlapping validity periods) is left out and logged.
pub async fn load_providers(
    db: &Database,
    only: Option<&[i32]>,
    settings: &SchedulingSettings,
    now: DateTime<Utc>,
    focus: Option<&Focus>,
) -> Result<Vec<ProviderData>, ServiceError> {
    let conn = db.conn();
    let backend = db.backend();
    let rows = ProviderRow::find_by_statement(Statement::from_string(
        backend,
        "SELECT u.id, u.display_name, p.home_zone, p.modalities, p.travel_regions, \
         p.weekly_hour_capacity, p.engagement_capacity \
         FROM app_user u JOIN provider_profile p ON p.user_id = u.id \
         WHERE u.active = TRUE AND u.role = 'provider' AND p.departed_at IS NULL ORDER BY u.id",
    ))
    .all(conn)
    .await?;
    let wanted: Option<HashSet<i32>> = only.map(|ids| ids.iter().copied().collect());
    let rows: Vec<ProviderRow> = rows
        .into_iter()
        .filter(|r| wanted.as_ref().is_none_or(|w| w.contains(&r.id)))
        .collect();
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();

    let mut expertise: HashMap<i32, Vec<Expertise>> = HashMap::new();
    for row in provider_expertise::Entity::find()
        .filter(provider_expertise::Column::ProviderId.is_in(ids.clone()))
        .all(conn)
        .await?
    {
        if let Ok(level) = Level::new(u8::try_from(row.level).unwrap_or(0)) {
            expertise
                .entry(row.provider_id)
                .or_default()
                .push(Expertise {
                    topic: TopicId(i64::from(row.topic_id)),
                    level,
                });
        }
    }
    let mut conflicts: HashMap<i32, Vec<SiteId>> = HashMap::new();
    for row in conflict_of_interest::Entity::find()
        .filter(conflict_of_interest::Column::ProviderId.is_in(ids.clone()))
        .all(conn)
        .await?
    {
        conflicts
            .entry(row.provider_id)
            .or_default()
            .push(SiteId(i64::from(row.site_id)));
    }
    let mut weekly: HashMap<i32, Vec<weekly_hours::Model>> = HashMap::new();
    for row in weekly_hours::Entity::find()
        .filter(weekly_hours::Column::ProviderId.is_in(ids.clone()))
        .all(conn)
        .await?
    {
        weekly.entry(row.provider_id).or_default().push(row);
    }
    let mut overrides: HashMap<i32, Vec<date_override::Model>> = HashMap::new();
    for row in date_override::Entity::find()
        .filter(date_override::Column::ProviderId.is_in(ids.clone()))
        .filter(date_override::Column::Date.gte((now - Duration::days(2)).date_naive()))
        .all(conn)
        .await?
    {
        overrides.entry(row.provider_id).or_default().push(row);
    }
    let mut time_off_rows: HashMap<i32, Vec<time_off::Model>> = HashMap::new();
    for row in time_off::Entity::find()
        .filter(time_off::Column::ProviderId.is_in(ids.clone()))
        .filter(time_off::Column::EndsAt.gt(now))
        .all(conn)
        .await?
    {
        time_off_rows.entry(row.provider_id).or_default().push(row);
    }
    // Busy time: only the sessions that can meet the window asked about (every session ahead
    // when no window is given: engagements run up to three years, so four years covers them; an
    // open end such as `DateTime::MAX_UTC` would be stored text that SQLite sorts before every
    // real time, and match nothing).
    let (busy_from, busy_until) = focus
        .map(|f| f.busy_window)
        .unwrap_or((now - Duration::days(7), now + Duration::days(4 * 366)));
    let mut busy = load_busy(db, &ids, busy_from, busy_until).await?;
    // Busy time imported from the providers' own calendars (issue 18), read as time off.
    for row in crate::provider_calendars::busy_as_time_off(db, &ids, busy_from, busy_until).await? {
        time_off_rows.entry(row.provider_id).or_default().push(row);
    }
    // Load: engagements still running, and hours booked in the coming week.
    let mut engagements: HashMap<i32, u32> = HashMap::new();
    for row in tta_session::Entity::find()
        .select_only()
        .column(tta_session::Column::ProviderId)
        .column_as(
            Expr::expr(Func::count_distinct(Expr::col(
                tta_session::Column::RequestId,
            ))),
            "n",
        )
        .filter(tta_session::Column::ProviderId.is_in(ids.clone()))
        .filter(tta_session::Column::Status.is_in(["tentative", "confirmed"]))
        .filter(tta_session::Column::EndsAt.gt(now))
        .group_by(tta_session::Column::ProviderId)
        .into_model::<CountRow>()
        .all(conn)
        .await?
    {
        engagements.insert(row.provider_id, u32::try_from(row.n).unwrap_or(u32::MAX));
    }
    let booked_rows = tta_session::Entity::find()
        .select_only()
        .column(tta_session::Column::Id)
        .column(tta_session::Column::RequestId)
        .column(tta_session::Column::ProviderId)
        .column(tta_session::Column::StartsAt)
        .column(tta_session::Column::EndsAt)
        .column(tta_session::Column::BlockedFrom)
        .column(tta_session::Column::BlockedUntil)
        .filter(tta_session::Column::ProviderId.is_in(ids.clone()))
        .filter(tta_session::Column::Status.is_in(["tentative", "confirmed"]))
        .filter(tta_session::Column::StartsAt.gte(now))
        .filter(tta_session::Column::StartsAt.lt(now + Duration::days(7)))
        .into_model::<BusyRow>()
        .all(conn)
        .await?;
    // Multi-day visits are stored as one span: their days are counted one by one.
    let visit_zones = visit_zones(conn, busy.values().flatten().chain(&booked_rows)).await?;
    let mut booked_minutes: HashMap<i32, i64> = HashMap::new();
    for row in &booked_rows {
        let days = worked_days_of(row, &visit_zones);
        *booked_minutes.entry(row.provider_id).or_default() += if days.is_empty() {
            (row.ends_at - row.starts_at).num_minutes()
        } else {
            days.iter().map(|d| d.duration().num_minutes()).sum()
        };
    }
    let mut served: HashMap<i32, Vec<SiteId>> = HashMap::new();
    let mut served_query = tta_session::Entity::find()
        .select_only()
        .distinct()
        .column(tta_session::Column::ProviderId)
        .column_as(tta_request::Column::SiteId, "site_id")
        .join(JoinType::InnerJoin, tta_session::Relation::Request.def())
        .filter(tta_session::Column::Status.is_in(["confirmed", "completed"]));
    if let Some(focus) = focus {
        // Continuity only matters for the sites asked about: no scan of every session ever held.
        served_query = served_query.filter(tta_request::Column::SiteId.is_in(focus.sites.clone()));
    }
    for row in served_query.into_model::<ServedRow>().all(conn).await? {
        served
            .entry(row.provider_id)
            .or_default()
            .push(SiteId(i64::from(row.site_id)));
    }

    let buffers = booked_gap(settings)?;
    let mut providers = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.id;
        let sessions = busy.remove(&id).unwrap_or_default();
        match build_provider(
            row,
            expertise.remove(&id).unwrap_or_default(),
            conflicts.remove(&id).unwrap_or_default(),
            weekly.remove(&id).unwrap_or_default(),
            overrides.remove(&id).unwrap_or_default(),
            time_off_rows.remove(&id).unwrap_or_default(),
            &sessions,
            &visit_zones,
            Load {
                engagements: engagements.get(&id).copied().unwrap_or(0),
                booked_minutes: booked_minutes.get(&id).copied().unwrap_or(0),
            },
            served.remove(&id).unwrap_or_default(),
            buffers,
            settings,
            now,
        ) {
            Ok(provider) => providers.push(provider),
            Err(error) => tracing::warn!(provider = id, %error, "provider left out of scheduling"),
        }
    }
    Ok(providers)
}

#[allow(clippy::too_many_arguments)]
fn build_provider(
    row: ProviderRow,
    expertise: Vec<Expertise>,
    conflicts: Vec<SiteId>,
    weekly: Vec<weekly_hours::Model>,
    overrides: Vec<date_override::Model>,
    time_off_rows: Vec<time_off::Model>,
    sessions: &[BusyRow],
    visit_zones: &HashMap<i32, Zone>,
    load: Load,
    sites_served: Vec<SiteId>,
    buffers: Buffers,
    settings: &SchedulingSettings,
    now: DateTime<Utc>,
) -> Result<ProviderData, ServiceError> {
    let zone = Zone::parse(&row.home_zone).map_err(internal)?;

    // Weekly hours, one schedule per validity period.
    let mut periods: BTreeMap<Validity, Vec<(Weekday, Vec<LocalTimeRange>)>> = BTreeMap::new();
    let mut windows = Vec::new();
    let today = zone.local(now).date();
    for hours in &weekly {
        let Some(day) = weekday_of(hours.weekday) else {
            continue;
        };
        let range =
            LocalTimeRange::from_minutes(minutes(hours.start_minute), minutes(hours.end_minute))
                .map_err(internal)?;
        periods
            .entry((hours.valid_from, hours.valid_until))
            .or_default()
            .push((day, vec![range]));
        let current = hours.valid_from.is_none_or(|f| f <= today)
            && hours.valid_until.is_none_or(|u| u >= today);
        if current
            && let (Ok(start), Ok(end)) = (
                u16::try_from(hours.start_minute),
                u16::try_from(hours.end_minute),
            )
            && let Ok(window) = WeeklyWindow::new(day, start, end)
        {
            windows.push(window);
        }
    }
    let schedules = periods
        .into_iter()
        .map(|((from, until), days)| {
            WeeklySchedule::new(WeeklyHours::new(days).map_err(internal)?, from, until)
                .map_err(internal)
        })
        .collect::<Result<Vec<_>, _>>()?;
    // One row per range; a date's rows together are its override (a row without times: the
    // whole day unavailable).
    let mut override_hours: BTreeMap<NaiveDate, Vec<LocalTimeRange>> = BTreeMap::new();
    for o in &overrides {
        let hours = override_hours.entry(o.date).or_default();
        if let (Some(s), Some(e)) = (o.start_minute, o.end_minute) {
            hours.push(LocalTimeRange::from_minutes(minutes(s), minutes(e)).map_err(internal)?);
        }
    }
    let overrides = override_hours
        .into_iter()
        .map(|(date, hours)| DateOverride::new(date, hours).map_err(internal))
        .collect::<Result<Vec<_>, _>>()?;
    let mut time_off = time_off_rows
        .iter()
        .map(|t| {
            Interval::new(t.starts_at, t.ends_at)
                .map(|i| TimeOff::instants(i, (!t.note.is_empty()).then(|| t.note.clone())))
                .map_err(internal)
        })
        .collect::<Result<Vec<_>, _>>()?;
    time_off.extend(sessions.iter().filter_map(|s| travel_time_off(s, settings)));
    let availability = Availability::new(zone, schedules, overrides, time_off).map_err(internal)?;
    let busy = sessions
        .iter()
        .filter_map(|s| {
            Interval::new(s.starts_at, s.ends_at).ok().map(|i| {
                BusySession::with_days(
                    busy_label(s.id, s.request_id),
                    i,
                    worked_days_of(s, visit_zones),
                )
            })
        })
        .collect();
    // The provider's own weekly capacity, within the programme-wide cap (0: no cap).
    let own_hours = u32::try_from(row.weekly_hour_capacity.max(0)).unwrap_or(0);
    let weekly_hours = match (own_hours, settings.max_hours_per_week) {
        (0, cap) => cap,
        (own, 0) => own,
        (own, cap) => own.min(cap),
    };
    let caps = Caps::new(
        Some(settings.max_sessions_per_day).filter(|n| *n > 0),
        Some(weekly_hours.saturating_mul(60)).filter(|m| *m > 0),
    )
    .map_err(internal)?;
    let schedule = ProviderSchedule::new(availability, BusyCalendar::new(busy, buffers), caps);

    let modalities: Vec<MatchModality> = serde_json::from_str(&row.modalities).map_err(internal)?;
    let travel_regions: Vec<String> =
        serde_json::from_str(&row.travel_regions).map_err(internal)?;
    let profile = ProviderProfile {
        id: ProviderId(i64::from(row.id)),
        name: row.display_name.clone(),
        expertise,
        modalities,
        travel_regions,
        engagement_capacity: u32::try_from(row.engagement_capacity.max(0)).unwrap_or(0),
        current_engagements: load.engagements,
        weekly_hour_capacity: f64::from(row.weekly_hour_capacity.max(0)),
        booked_weekly_hours: load.booked_minutes as f64 / 60.0,
        working_hours: WorkingHours::new(zone.tz(), windows),
        sites_served,
        conflicts,
    };
    Ok(ProviderData {
        id: row.id,
        name: row.display_name,
        zone,
        profile,
        schedule,
    })
}

/// The request's weekdays as stored (`0` = Monday).
pub(super) fn request_weekdays(request: &tta_request::Model) -> Vec<Weekday> {
    request
        .preferred_weekdays
        .split(',')
        .filter_map(|d| d.trim().parse::<i16>().ok())
        .filter_map(weekday_of)
        .collect()
}

/// How the engine names a booked session in its reasons, e.g. `#12 (request #3)`; also how a
/// session is recognised in a provider's busy time (see `new_times`).
/// The buffers the engine keeps around a booked session, so that what it offers is what the
/// database books: the double-booking constraint compares *blocked* spans, the booked session's
/// `starts_at − before .. ends_at + after` with the new one's, so a new session must end
/// `before + after` minutes before a booked one starts and start as long after it ends. The
/// engine widens only the booked side, by both buffers on both sides.
pub(crate) fn booked_gap(settings: &SchedulingSettings) -> Result<Buffers, ServiceError> {
    let gap = settings
        .buffer_before_minutes
        .saturating_add(settings.buffer_after_minutes);
    Buffers::new(gap, gap).map_err(internal)
}

/// A booked session whose stored blocked time reaches beyond its buffers (an on-site visit's
/// travel days) as time off over what it keeps a new session from: its blocked span widened by
/// the new session's own buffers (a new session's blocked span may touch it, not overlap it).
/// `None` for a session whose blocked time is its buffers, which [`booked_gap`] already keeps.
fn travel_time_off(session: &BusyRow, settings: &SchedulingSettings) -> Option<TimeOff> {
    let before = Duration::minutes(i64::from(settings.buffer_before_minutes));
    let after = Duration::minutes(i64::from(settings.buffer_after_minutes));
    let beyond_buffers = session.blocked_from < session.starts_at - before
        || session.blocked_until > session.ends_at + after;
    if !beyond_buffers {
        return None;
    }
    let span = Interval::new(session.blocked_from - after, session.blocked_until + before).ok()?;
    Some(TimeOff::instants(
        span,
        Some(format!(
            "travel for the on-site visit {}",
            busy_label(session.id, session.request_id)
        )),
    ))
}

/// The site zones of the sessions among `rows` that span several days (multi-day visits), by
/// session id: their days are laid out on the site's clock ([`super::visits::worked_days`]).
async fn visit_zones<'a, C: ConnectionTrait>(
    conn: &C,
    rows: impl Iterator<Item = &'a BusyRow>,
) -> Result<HashMap<i32, Zone>, ServiceError> {
    let mut ids: Vec<i32> = rows
        .filter(|r| r.ends_at - r.starts_at > Duration::hours(24))
        .map(|r| r.id)
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    ids.sort_unstable();
    ids.dedup();
    let mut zones = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        for session in tta_session::Entity::find()
            .filter(tta_session::Column::Id.is_in(chunk.to_vec()))
            .all(conn)
            .await?
        {
            if let Ok(zone) = Zone::parse(&session.anchor_zone) {
                zones.insert(session.id, zone);
            }
        }
    }
    Ok(zones)
}

/// The days worked of `row` when it is a multi-day visit, else empty (worked whole).
fn worked_days_of(row: &BusyRow, visit_zones: &HashMap<i32, Zone>) -> Vec<Interval> {
    visit_zones.get(&row.id).map_or_else(Vec::new, |zone| {
        super::visits::worked_days(row.starts_at, row.ends_at, *zone)
    })
}

pub(super) fn busy_label(session_id: i32, request_id: i32) -> String {
    format!("#{session_id} (request #{request_id})")
}

/// The blackout dates of `site_id` (and the programme-wide ones) from `first` to `last`.
pub(crate) async fn site_blackouts(
    db: &Database,
    site_id: i32,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Blackout>, ServiceError> {
    Ok(blackout_date::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(blackout_date::Column::SiteId.eq(site_id))
                .add(blackout_date::Column::SiteId.is_null()),
        )
        .filter(blackout_date::Column::Date.gte(first))
        .filter(blackout_date::Column::Date.lte(last))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|b| Blackout {
            date: b.date,
            name: b.reason,
        })
        .collect())
}

/// The site's calendar for `request`: its zone, the request's preferred hours, and its blackouts.
pub async fn site_calendar(
    db: &Database,
    request: &tta_request::Model,
) -> Result<SiteCalendar, ServiceError> {
    let zone = Zone::parse(&request.anchor_zone).map_err(internal)?;
    let range = LocalTimeRange::from_minutes(
        minutes(request.preferred_start_minute),
        minutes(request.preferred_end_minute),
    )
    .map_err(internal)?;
    let preferred = WeeklyHours::new(
        request_weekdays(request)
            .into_iter()
            .map(|d| (d, vec![range])),
    )
    .map_err(internal)?;
    let blackouts = site_blackouts(
        db,
        request.site_id,
        request.earliest_date,
        request.latest_date,
    )
    .await?;
    Ok(SiteCalendar::new(
        zone,
        Some(preferred),
        BlackoutCalendar::new(true, blackouts),
    ))
}

/// The engine's request: anchored at the preferred start time on the site's wall clock, from the
/// first preferred weekday on or after the earliest date.
pub fn session_request(
    request: &tta_request::Model,
    settings: &SchedulingSettings,
) -> Result<SessionRequest, ServiceError> {
    let weekdays = request_weekdays(request);
    let first_date = (0..7)
        .map(|offset| request.earliest_date + Duration::days(offset))
        .find(|date| weekdays.contains(&date.weekday()))
        .filter(|date| *date <= request.latest_date);
    let cadence = Cadence::parse(&request.cadence).ok_or_else(|| {
        internal(format!(
            "request {}: cadence '{}'",
            request.id, request.cadence
        ))
    })?;
    let start = minutes(request.preferred_start_minute);
    SessionRequest::new(SessionRequestParts {
        length: SessionLength::from_minutes(minutes(super::visits::session_minutes(request)))
            .map_err(internal)?,
        count: minutes(request.session_count),
        cadence: cadence.engine(),
        earliest_date: request.earliest_date,
        latest_date: request.latest_date,
        first_date,
        local_start_time: LocalTime::from_hm(start / 60, start % 60).map_err(internal)?,
        minimum_notice_minutes: settings.minimum_notice_hours.saturating_mul(60),
        granularity: Granularity::from_minutes(settings.granularity_minutes).map_err(internal)?,
        tolerance: Tolerance::business_days(settings.tolerance_business_days).map_err(internal)?,
    })
    .map_err(internal)
}

/// What matching needs to know of the request.
pub(crate) fn match_request(
    request: &tta_request::Model,
    site_name: String,
    site_region: String,
    topics: Vec<Topic>,
) -> Result<MatchRequest, ServiceError> {
    let zone = Zone::parse(&request.anchor_zone).map_err(internal)?;
    let modality = Modality::parse(&request.modality).ok_or_else(|| {
        internal(format!(
            "request {}: modality '{}'",
            request.id, request.modality
        ))
    })?;
    let (start, end) = (
        u16::try_from(request.preferred_start_minute).unwrap_or(0),
        u16::try_from(request.preferred_end_minute).unwrap_or(0),
    );
    let windows = request_weekdays(request)
        .into_iter()
        .filter_map(|d| WeeklyWindow::new(d, start, end).ok())
        .collect();
    Ok(MatchRequest {
        id: RequestId(i64::from(request.id)),
        site: SiteRef {
            id: SiteId(i64::from(request.site_id)),
            name: site_name,
            region: site_region,
        },
        topics,
        min_level: Level::new(u8::try_from(request.minimum_level).unwrap_or(1))
            .unwrap_or(Level::MIN),
        modality: modality.engine(),
        preferred_hours: WorkingHours::new(zone.tz(), windows),
    })
}

/// The instants a request's sessions can touch: its site-local dates widened by a week on each
/// side (zone offsets, buffers and weekly caps all fit inside).
pub fn request_window(request: &tta_request::Model) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = request.earliest_date - Duration::days(8);
    let end = request.latest_date + Duration::days(9);
    (
        start
            .and_hms_opt(0, 0, 0)
            .map_or(DateTime::<Utc>::MIN_UTC, |d| d.and_utc()),
        end.and_hms_opt(0, 0, 0)
            .map_or(DateTime::<Utc>::MAX_UTC, |d| d.and_utc()),
    )
}
