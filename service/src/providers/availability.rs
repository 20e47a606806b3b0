//! A provider's availability as the editor shows it: weekly hours (several ranges a weekday),
//! date overrides (a date with its own ranges, or unavailable all day) and time off (whole days,
//! with a reason), all on the provider's wall clock.
//!
//! The form as typed is checked all at once ([`AvailabilityDraft::parse`]); every message names
//! the weekday or date it is about and the row it came from (`range_{key}`, `override_{key}`,
//! `timeoff_{key}`), so the page shows it beside that row. Saving replaces the open-ended
//! weekly hours, the overrides from today on and the time off not yet over, in one transaction;
//! what lies in the past is kept as it was.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sea_orm::{QueryOrder, QuerySelect};

use super::form::{FieldError, date, hhmm, long_date, minute_of_day};
use super::profile::{WeeklyRange, replace_weekly_hours_in};
use crate::access::Actor;
use crate::entities::{date_override, provider_profile, time_off, weekly_hours};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Most ranges one day (a weekday or an override) may hold.
const MAX_RANGES_PER_DAY: usize = 12;
/// Most overrides and time-off entries kept ahead.
const MAX_OVERRIDES: usize = 400;
const MAX_TIME_OFF: usize = 200;
const MAX_REASON_CHARS: usize = 200;
/// How far ahead time off may be entered, in months (5 years).
const TIME_OFF_MONTHS_AHEAD: u32 = 60;

/// The days time off may cover: from 1 January 2000 (a stretch still running may have begun
/// long ago) to [`TIME_OFF_MONTHS_AHEAD`] after `today`. Beyond these a date is a typing
/// mistake, and far enough out it cannot be stored (the day after 9999-12-31 has five digits).
fn time_off_days(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    let latest = today
        .checked_add_months(chrono::Months::new(TIME_OFF_MONTHS_AHEAD))
        .unwrap_or(today);
    (earliest, latest)
}

pub use contract::forms::{AvailabilityForm, OverrideRow, RangeRow, TimeOffRow};

/// Other hours on one date; no ranges means unavailable all day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverrideEntry {
    pub date: NaiveDate,
    /// `(start, end)` minutes after local midnight, sorted, not overlapping.
    pub ranges: Vec<(u16, u16)>,
}

/// Whole provider-local days off, `first..=last`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeOffEntry {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub reason: String,
}

/// Availability that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AvailabilityDraft {
    pub weekly: Vec<WeeklyRange>,
    pub overrides: Vec<OverrideEntry>,
    pub time_off: Vec<TimeOffEntry>,
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

fn weekday_key(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(_, d)| *d == day)
        .map_or("mon", |(key, _)| key)
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A range typed on one day (`day` names it in messages): `(start, end)` or the message.
fn parse_range(row: &RangeRow, day: &str) -> Result<(u16, u16), String> {
    let start = minute_of_day(&row.start, false);
    let end = minute_of_day(&row.end, true);
    match (start, end) {
        (None, _) => Err(format!(
            "{day}: enter the start of the range as HH:MM (24-hour), e.g. 09:00."
        )),
        (_, None) => Err(format!(
            "{day}: enter the end of the range as HH:MM (24-hour), e.g. 17:00; 24:00 is midnight."
        )),
        (Some(s), Some(e)) if e < s => Err(format!(
            "{day}: the range {}–{} ends before it starts; the end must be after the start.",
            hhmm(s),
            hhmm(e)
        )),
        (Some(s), Some(e)) if e == s => Err(format!(
            "{day}: the range {}–{} is empty; the end must be after the start.",
            hhmm(s),
            hhmm(e)
        )),
        (Some(s), Some(e)) => Ok((s, e)),
    }
}

/// The first overlap among `ranges` (`(key, start, end)`), as the key of the later range and
/// the message.
fn overlap(ranges: &mut [(u32, u16, u16)], day: &str) -> Option<(u32, String)> {
    ranges.sort_by_key(|&(_, s, e)| (s, e));
    let mut furthest: Option<(u16, u16)> = None;
    for &(key, s, e) in ranges.iter() {
        if let Some((fs, fe)) = furthest {
            if s < fe {
                return Some((
                    key,
                    format!(
                        "{day}: the ranges {}–{} and {}–{} overlap; change one, or join them into one range.",
                        hhmm(fs),
                        hhmm(fe),
                        hhmm(s),
                        hhmm(e)
                    ),
                ));
            }
            if e > fe {
                furthest = Some((s, e));
            }
        } else {
            furthest = Some((s, e));
        }
    }
    None
}

/// One weekly range as typed: the form row's key, then start and end in minutes after midnight.
type KeyedRange = (u32, u16, u16);

impl AvailabilityDraft {
    /// Checks every row; `today` is the date on the provider's wall clock. All mistakes come
    /// back at once, each naming its row.
    pub fn parse(form: &AvailabilityForm, today: NaiveDate) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();

        // Weekly hours, per weekday.
        let mut weekly = Vec::new();
        let mut per_day: Vec<(Weekday, Vec<KeyedRange>)> =
            WEEKDAYS.iter().map(|(_, d)| (*d, Vec::new())).collect();
        for row in &form.weekly {
            let field = format!("range_{}", row.key);
            let Some(day) = WEEKDAYS
                .iter()
                .find(|(key, _)| *key == row.weekday.trim().to_lowercase())
                .map(|(_, d)| *d)
            else {
                errors.push(FieldError::new(
                    field,
                    format!("'{}' is not a weekday.", row.weekday),
                ));
                continue;
            };
            match parse_range(row, weekday_name(day)) {
                Ok((s, e)) => {
                    if let Some((_, ranges)) = per_day.iter_mut().find(|(d, _)| *d == day) {
                        ranges.push((row.key, s, e));
                    }
                }
                Err(message) => errors.push(FieldError::new(field, message)),
            }
        }
        for (day, ranges) in &mut per_day {
            if ranges.len() > MAX_RANGES_PER_DAY {
                errors.push(FieldError::new(
                    format!("range_{}", ranges[MAX_RANGES_PER_DAY].0),
                    format!(
                        "{}: at most {MAX_RANGES_PER_DAY} ranges a day.",
                        weekday_name(*day)
                    ),
                ));
            }
            if let Some((key, message)) = overlap(ranges, weekday_name(*day)) {
                errors.push(FieldError::new(format!("range_{key}"), message));
            }
            weekly.extend(ranges.iter().map(|&(_, s, e)| WeeklyRange {
                weekday: *day,
                start_minute: s,
                end_minute: e,
            }));
        }

        // Date overrides.
        if form.overrides.len() > MAX_OVERRIDES {
            errors.push(FieldError::new(
                "",
                format!("At most {MAX_OVERRIDES} date overrides can be kept ahead."),
            ));
        }
        let mut overrides: Vec<OverrideEntry> = Vec::new();
        for row in &form.overrides {
            let field = format!("override_{}", row.key);
            let Some(day) = date(&row.date) else {
                errors.push(FieldError::new(
                    field,
                    "Enter the date of the override, for example 15 March 2027.",
                ));
                continue;
            };
            let name = long_date(day);
            if day < today {
                errors.push(FieldError::new(
                    field,
                    format!(
                        "{name} is in the past (today is {}); remove this override or change its date.",
                        long_date(today)
                    ),
                ));
                continue;
            }
            if overrides.iter().any(|o| o.date == day) {
                errors.push(FieldError::new(
                    field,
                    format!("{name} has two overrides; keep one (it can hold several ranges)."),
                ));
                continue;
            }
            let mut ranges = Vec::new();
            if !row.unavailable {
                if row.ranges.is_empty() {
                    errors.push(FieldError::new(
                        field,
                        format!("{name}: add a range, or mark the day unavailable."),
                    ));
                    continue;
                }
                if row.ranges.len() > MAX_RANGES_PER_DAY {
                    errors.push(FieldError::new(
                        field.clone(),
                        format!("{name}: at most {MAX_RANGES_PER_DAY} ranges a day."),
                    ));
                }
                let mut keyed = Vec::new();
                for range in &row.ranges {
                    match parse_range(range, &name) {
                        Ok((s, e)) => keyed.push((range.key, s, e)),
                        Err(message) => {
                            errors.push(FieldError::new(format!("range_{}", range.key), message));
                        }
                    }
                }
                if let Some((key, message)) = overlap(&mut keyed, &name) {
                    errors.push(FieldError::new(format!("range_{key}"), message));
                }
                ranges = keyed.iter().map(|&(_, s, e)| (s, e)).collect();
            }
            overrides.push(OverrideEntry { date: day, ranges });
        }
        overrides.sort_by_key(|o| o.date);

        // Time off.
        if form.time_off.len() > MAX_TIME_OFF {
            errors.push(FieldError::new(
                "",
                format!("At most {MAX_TIME_OFF} stretches of time off can be kept ahead."),
            ));
        }
        let mut time_off = Vec::new();
        let (earliest, latest) = time_off_days(today);
        for row in &form.time_off {
            let field = format!("timeoff_{}", row.key);
            let (first, last) = (date(&row.first), date(&row.last));
            let reason = row.reason.trim().to_owned();
            match (first, last) {
                (None, _) => errors.push(FieldError::new(
                    field,
                    "Enter the first day off, for example 15 March 2027.",
                )),
                (_, None) => errors.push(FieldError::new(
                    field,
                    "Enter the last day off, for example 15 March 2027.",
                )),
                (Some(first), Some(last)) if last < first => errors.push(FieldError::new(
                    field,
                    format!(
                        "Time off from {} to {} ends before it starts; the last day must be on or after the first.",
                        long_date(first),
                        long_date(last)
                    ),
                )),
                (Some(first), Some(last)) if first < earliest || last > latest => {
                    errors.push(FieldError::new(
                        field,
                        format!(
                            "Time off from {} to {} is out of range: enter days from {} to {} (at most five years ahead).",
                            long_date(first),
                            long_date(last),
                            long_date(earliest),
                            long_date(latest)
                        ),
                    ));
                }
                (Some(first), Some(last)) if last < today => errors.push(FieldError::new(
                    field,
                    format!(
                        "Time off from {} to {} is in the past (today is {}); remove it.",
                        long_date(first),
                        long_date(last),
                        long_date(today)
                    ),
                )),
                (Some(_), Some(_)) if reason.chars().count() > MAX_REASON_CHARS => {
                    errors.push(FieldError::new(
                        field,
                        format!("The reason can be at most {MAX_REASON_CHARS} characters."),
                    ));
                }
                (Some(first), Some(last)) => time_off.push(TimeOffEntry {
                    first,
                    last,
                    reason,
                }),
            }
        }
        time_off.sort_by_key(|t| (t.first, t.last));

        if errors.is_empty() {
            Ok(Self {
                weekly,
                overrides,
                time_off,
            })
        } else {
            Err(errors)
        }
    }
}

/// The stored availability as the editor shows it: open-ended weekly hours, the overrides from
/// `today` on (the provider's local date) and the time off not over at `now`, each row with a
/// fresh key.
/// The acting provider's availability as the editor shows it, in their home zone; `None` before
/// they have a profile (which holds the zone). Providers only, their own.
pub async fn own_availability(
    db: &Database,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Option<(TimeZone, AvailabilityForm)>, ServiceError> {
    let Some(zone) = super::home_zone_of(db, actor).await? else {
        return Ok(None);
    };
    Ok(Some((
        zone,
        load_availability(db, actor.id(), zone, now).await?,
    )))
}

/// Saves the acting provider's availability (a draft parsed from their form in their home zone).
/// Providers only, their own; refused (400) before they have a profile.
pub async fn save_own_availability(
    db: &Database,
    actor: &Actor,
    form: &AvailabilityForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(zone) = super::home_zone_of(db, actor).await? else {
        return Err(ServiceError::Invalid(
            "Save your profile first: it holds the home time zone your hours are read in."
                .to_owned(),
        ));
    };
    let draft = AvailabilityDraft::parse(form, zone.local(now).date()).map_err(invalid)?;
    save_availability(db, actor.id(), zone, &draft, now).await
}

pub(crate) async fn load_availability(
    db: &Database,
    provider_id: i32,
    zone: TimeZone,
    now: DateTime<Utc>,
) -> Result<AvailabilityForm, ServiceError> {
    let today = zone.local(now).date();
    let mut next_key = 0u32;
    let mut key = || {
        next_key += 1;
        next_key
    };
    let mut weekly_rows = weekly_hours::Entity::find()
        .filter(weekly_hours::Column::ProviderId.eq(provider_id))
        .filter(weekly_hours::Column::ValidFrom.is_null())
        .filter(weekly_hours::Column::ValidUntil.is_null())
        .all(db.conn())
        .await?;
    weekly_rows.sort_by_key(|r| (r.weekday, r.start_minute));
    let weekly = weekly_rows
        .iter()
        .map(|r| RangeRow {
            key: key(),
            weekday: u8::try_from(r.weekday)
                .ok()
                .and_then(|d| Weekday::try_from(d).ok())
                .map_or("mon", weekday_key)
                .to_owned(),
            start: hhmm(u16::try_from(r.start_minute).unwrap_or(0)),
            end: hhmm(u16::try_from(r.end_minute).unwrap_or(0)),
        })
        .collect();

    let override_rows = date_override::Entity::find()
        .filter(date_override::Column::ProviderId.eq(provider_id))
        .filter(date_override::Column::Date.gte(today))
        .order_by_asc(date_override::Column::Date)
        .order_by_asc(date_override::Column::StartMinute)
        .all(db.conn())
        .await?;
    let mut overrides: Vec<OverrideRow> = Vec::new();
    for row in override_rows {
        let text = row.date.format("%Y-%m-%d").to_string();
        if overrides.last().is_none_or(|o| o.date != text) {
            overrides.push(OverrideRow {
                key: key(),
                date: text,
                unavailable: true,
                ranges: Vec::new(),
            });
        }
        if let (Some(s), Some(e), Some(entry)) =
            (row.start_minute, row.end_minute, overrides.last_mut())
        {
            entry.unavailable = false;
            entry.ranges.push(RangeRow {
                key: 0,
                weekday: String::new(),
                start: hhmm(u16::try_from(s).unwrap_or(0)),
                end: hhmm(u16::try_from(e).unwrap_or(0)),
            });
        }
    }
    for entry in &mut overrides {
        for range in &mut entry.ranges {
            range.key = key();
        }
    }

    let time_off = time_off::Entity::find()
        .filter(time_off::Column::ProviderId.eq(provider_id))
        .filter(time_off::Column::EndsAt.gt(now))
        .order_by_asc(time_off::Column::StartsAt)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|t| TimeOffRow {
            key: key(),
            first: zone
                .local(t.starts_at)
                .date()
                .format("%Y-%m-%d")
                .to_string(),
            last: zone
                .local(t.ends_at - Duration::seconds(1))
                .date()
                .format("%Y-%m-%d")
                .to_string(),
            reason: t.note,
        })
        .collect();
    Ok(AvailabilityForm {
        weekly,
        overrides,
        time_off,
    })
}

fn invalid(errors: Vec<FieldError>) -> ServiceError {
    ServiceError::InvalidFields(errors.into())
}

/// The form a draft would have been typed as (to re-check drafts built in code).
fn as_form(draft: &AvailabilityDraft) -> AvailabilityForm {
    let range = |key: u32, weekday: &str, s: u16, e: u16| RangeRow {
        key,
        weekday: weekday.to_owned(),
        start: hhmm(s),
        end: hhmm(e),
    };
    let mut key = 0u32;
    let mut next = || {
        key += 1;
        key
    };
    AvailabilityForm {
        weekly: draft
            .weekly
            .iter()
            .map(|r| range(next(), weekday_key(r.weekday), r.start_minute, r.end_minute))
            .collect(),
        overrides: draft
            .overrides
            .iter()
            .map(|o| OverrideRow {
                key: next(),
                date: o.date.format("%Y-%m-%d").to_string(),
                unavailable: o.ranges.is_empty(),
                ranges: o
                    .ranges
                    .iter()
                    .map(|&(s, e)| range(next(), "", s, e))
                    .collect(),
            })
            .collect(),
        time_off: draft
            .time_off
            .iter()
            .map(|t| TimeOffRow {
                key: next(),
                first: t.first.format("%Y-%m-%d").to_string(),
                last: t.last.format("%Y-%m-%d").to_string(),
                reason: t.reason.clone(),
            })
            .collect(),
    }
}

/// The instant `date` begins on `zone`'s wall clock.
fn start_of(zone: TimeZone, date: NaiveDate) -> DateTime<Utc> {
    zone.to_utc(date.and_time(NaiveTime::MIN))
}

async fn replace_overrides_in<C: ConnectionTrait>(
    conn: &C,
    provider_id: i32,
    overrides: &[OverrideEntry],
    today: NaiveDate,
) -> Result<(), ServiceError> {
    date_override::Entity::delete_many()
        .filter(date_override::Column::ProviderId.eq(provider_id))
        .filter(date_override::Column::Date.gte(today))
        .exec(conn)
        .await?;
    let rows: Vec<date_override::ActiveModel> = overrides
        .iter()
        .flat_map(|o| {
            let ranges: Vec<(Option<i32>, Option<i32>)> = if o.ranges.is_empty() {
                vec![(None, None)]
            } else {
                o.ranges
                    .iter()
                    .map(|&(s, e)| (Some(i32::from(s)), Some(i32::from(e))))
                    .collect()
            };
            ranges
                .into_iter()
                .map(move |(start, end)| date_override::ActiveModel {
                    provider_id: Set(provider_id),
                    date: Set(o.date),
                    start_minute: Set(start),
                    end_minute: Set(end),
                    ..Default::default()
                })
        })
        .collect();
    if !rows.is_empty() {
        date_override::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

async fn replace_time_off_in<C: ConnectionTrait>(
    conn: &C,
    provider_id: i32,
    zone: TimeZone,
    entries: &[TimeOffEntry],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    time_off::Entity::delete_many()
        .filter(time_off::Column::ProviderId.eq(provider_id))
        .filter(time_off::Column::EndsAt.gt(now))
        .exec(conn)
        .await?;
    let rows: Vec<time_off::ActiveModel> = entries
        .iter()
        .map(|t| time_off::ActiveModel {
            provider_id: Set(provider_id),
            starts_at: Set(start_of(zone, t.first)),
            ends_at: Set(start_of(zone, t.last + Duration::days(1))),
            note: Set(t.reason.clone()),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        time_off::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Saves the whole editor in one transaction: weekly hours, overrides from today on, and time
/// off not yet over (see the module docs). `zone` is the provider's home zone.
pub(crate) async fn save_availability(
    db: &Database,
    provider_id: i32,
    zone: TimeZone,
    draft: &AvailabilityDraft,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let today = zone.local(now).date();
    let checked = AvailabilityDraft::parse(&as_form(draft), today).map_err(invalid)?;
    db.transaction(async |txn| {
        // Two saves at once take turns on the profile row (PostgreSQL; SQLite's write
        // transaction already serialises them), so one replaces the other's rows instead of
        // both adding theirs.
        provider_profile::Entity::find_by_id(provider_id)
            .lock_exclusive()
            .one(txn)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Provider #{provider_id}")))?;
        replace_weekly_hours_in(txn, provider_id, &checked.weekly).await?;
        replace_overrides_in(txn, provider_id, &checked.overrides, today).await?;
        replace_time_off_in(txn, provider_id, zone, &checked.time_off, now).await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
    }

    fn range(key: u32, weekday: &str, start: &str, end: &str) -> RangeRow {
        RangeRow {
            key,
            weekday: weekday.into(),
            start: start.into(),
            end: end.into(),
        }
    }

    #[test]
    fn several_ranges_a_day_parse_in_order() {
        let form = AvailabilityForm {
            weekly: vec![
                range(1, "mon", "13:00", "17:00"),
                range(2, "mon", "08:00", "12:00"),
                range(3, "sat", "09:00", "24:00"),
            ],
            overrides: vec![OverrideRow {
                key: 4,
                date: "2027-03-16".into(),
                unavailable: false,
                ranges: vec![
                    range(5, "", "14:00", "15:00"),
                    range(6, "", "10:00", "11:00"),
                ],
            }],
            time_off: vec![TimeOffRow {
                key: 7,
                first: "2027-02-25".into(),
                last: "2027-03-02".into(),
                reason: " leave ".into(),
            }],
        };
        let draft = AvailabilityDraft::parse(&form, today()).unwrap();
        let mon: Vec<_> = draft
            .weekly
            .iter()
            .map(|r| (r.weekday, r.start_minute, r.end_minute))
            .collect();
        assert_eq!(
            mon,
            [
                (Weekday::Mon, 480, 720),
                (Weekday::Mon, 780, 1020),
                (Weekday::Sat, 540, 1440)
            ]
        );
        assert_eq!(draft.overrides[0].ranges, [(600, 660), (840, 900)]);
        // Time off that began before today but is not over is kept.
        assert_eq!(draft.time_off[0].reason, "leave");
    }

    #[test]
    fn every_mistake_names_its_day_and_row() {
        let form = AvailabilityForm {
            weekly: vec![
                range(1, "mon", "09:00", "12:00"),
                range(2, "mon", "11:00", "13:00"),
                range(3, "tue", "10:00", "09:00"),
                range(4, "wed", "9am", "10:00"),
                range(5, "xyz", "09:00", "10:00"),
            ],
            overrides: vec![
                OverrideRow {
                    key: 6,
                    date: "2027-02-27".into(),
                    unavailable: true,
                    ranges: vec![],
                },
                OverrideRow {
                    key: 7,
                    date: "2027-03-16".into(),
                    unavailable: false,
                    ranges: vec![],
                },
                OverrideRow {
                    key: 8,
                    date: "2027-03-17".into(),
                    unavailable: true,
                    ranges: vec![],
                },
                OverrideRow {
                    key: 9,
                    date: "2027-03-17".into(),
                    unavailable: true,
                    ranges: vec![],
                },
            ],
            time_off: vec![
                TimeOffRow {
                    key: 10,
                    first: "2027-03-10".into(),
                    last: "2027-03-08".into(),
                    reason: String::new(),
                },
                TimeOffRow {
                    key: 11,
                    first: "2027-02-01".into(),
                    last: "2027-02-05".into(),
                    reason: String::new(),
                },
            ],
        };
        let errors = AvailabilityDraft::parse(&form, today()).unwrap_err();
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        let expect = |field: &str, part: &str| {
            assert!(
                found.iter().any(|(f, m)| *f == field && m.contains(part)),
                "{field}: {part} in {found:#?}"
            );
        };
        expect("range_5", "'xyz' is not a weekday");
        expect(
            "range_3",
            "Tuesday: the range 10:00–09:00 ends before it starts",
        );
        expect("range_4", "Wednesday: enter the start");
        expect(
            "range_2",
            "Monday: the ranges 09:00–12:00 and 11:00–13:00 overlap",
        );
        expect("override_6", "Saturday 27 February 2027 is in the past");
        expect(
            "override_7",
            "Tuesday 16 March 2027: add a range, or mark the day unavailable",
        );
        expect("override_9", "Wednesday 17 March 2027 has two overrides");
        expect("timeoff_10", "ends before it starts");
        expect("timeoff_11", "is in the past");
        assert_eq!(errors.len(), 9);
    }

    #[test]
    fn time_off_lies_within_five_years_ahead() {
        let row = |key: u32, first: &str, last: &str| TimeOffRow {
            key,
            first: first.into(),
            last: last.into(),
            reason: String::new(),
        };
        let form = AvailabilityForm {
            time_off: vec![
                row(1, "2027-03-01", "9999-12-31"),
                row(2, "1999-12-31", "2027-03-05"),
                row(3, "2032-03-01", "2032-03-01"),
                row(4, "2032-03-02", "2032-03-02"),
            ],
            ..AvailabilityForm::default()
        };
        let errors = AvailabilityDraft::parse(&form, today()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["timeoff_1", "timeoff_2", "timeoff_4"],
            "{errors:#?}"
        );
        assert!(
            errors[0]
                .message
                .contains("enter days from Saturday 1 January 2000 to Monday 1 March 2032"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn touching_ranges_do_not_overlap_but_nested_ones_do() {
        let ok = AvailabilityForm {
            weekly: vec![
                range(1, "thu", "09:00", "12:00"),
                range(2, "thu", "12:00", "15:00"),
            ],
            ..AvailabilityForm::default()
        };
        assert!(AvailabilityDraft::parse(&ok, today()).is_ok());
        let nested = AvailabilityForm {
            weekly: vec![
                range(1, "fri", "08:00", "17:00"),
                range(2, "fri", "09:00", "10:00"),
                range(3, "fri", "11:00", "12:00"),
            ],
            ..AvailabilityForm::default()
        };
        let errors = AvailabilityDraft::parse(&nested, today()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "range_2");
    }

    #[test]
    fn a_draft_survives_the_round_trip_through_its_form() {
        let form = AvailabilityForm {
            weekly: vec![range(1, "sun", "00:00", "24:00")],
            overrides: vec![OverrideRow {
                key: 2,
                date: "2027-03-14".into(),
                unavailable: true,
                ranges: vec![],
            }],
            time_off: vec![],
        };
        let draft = AvailabilityDraft::parse(&form, today()).unwrap();
        assert_eq!(
            AvailabilityDraft::parse(&as_form(&draft), today()).unwrap(),
            draft
        );
    }
}
