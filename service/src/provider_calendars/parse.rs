//! iCalendar text to busy spans: the events of a provider's calendar expanded over a window.
//!
//! Parsing is `icalendar`'s (`parser::unfold` + `read_calendar`), recurrence is `rrule`'s
//! (`RRuleSet`: RRULE, RDATE, EXDATE). This module only decides what an event means:
//! - a time with `Z` is UTC, with `TZID` is on that IANA zone's wall clock (chrono-tz; a zone
//!   the database does not know, such as a Windows name, falls back to the provider's zone), and
//!   a floating time or an all-day date (`VALUE=DATE`) is on the provider's own wall clock — an
//!   all-day event blocks the provider's whole local days, 23 or 25 hours on a DST change;
//! - `STATUS:CANCELLED` and `TRANSP:TRANSPARENT` ("show as free") events block nothing;
//! - an occurrence replaced by an override (`RECURRENCE-ID` with the series' `UID`) takes the
//!   override's time instead, or nothing if the override is cancelled or transparent;
//! - an `UNTIL` given on the wall clock is read on the event's clock (rrule wants it in UTC).
//!
//! What comes out are UTC instants, merged where they overlap, only those meeting the window.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::{Component, Property, read_calendar, unfold};
use rrule::{RRule, RRuleSet, Unvalidated};

/// At most this many occurrences of one series are looked at (a daily series over 27 years).
const MAX_OCCURRENCES_PER_EVENT: usize = 10_000;
/// At most this many busy spans come out of one calendar.
const MAX_SPANS: usize = 200_000;

/// One busy stretch, as instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BusySpan {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// What one calendar's text held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expanded {
    /// Busy spans meeting the window, sorted, overlapping ones merged.
    pub spans: Vec<BusySpan>,
    /// Events read (series, single events and overrides).
    pub events: usize,
    /// Events left out because they could not be read (a date that is not one, a broken RRULE).
    pub skipped: usize,
}

/// A date or date-time as written, with its zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    Date(NaiveDate),
    Utc(NaiveDateTime),
    Zoned(NaiveDateTime, Tz),
    /// No zone, or one chrono-tz does not know: the provider's clock.
    Floating(NaiveDateTime),
}

impl When {
    fn is_date(self) -> bool {
        matches!(self, When::Date(_))
    }

    /// The instant on its clock (a date: its midnight on `home`'s clock).
    fn resolve(self, home: Tz) -> DateTime<Tz> {
        match self {
            When::Date(d) => wall(home, d.and_time(NaiveTime::MIN)),
            When::Utc(t) => Utc.from_utc_datetime(&t).with_timezone(&home),
            When::Zoned(t, tz) => wall(tz, t),
            When::Floating(t) => wall(home, t),
        }
    }
}

/// `t` on `tz`'s wall clock: the earlier of a repeated hour, and a time skipped by a DST change
/// read as the same length after the change (02:30 on a spring-forward day is 03:30).
fn wall(tz: Tz, t: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&t).earliest() {
        Some(dt) => dt,
        None => tz
            .from_local_datetime(&(t + Duration::hours(1)))
            .earliest()
            .unwrap_or_else(|| tz.from_utc_datetime(&t)),
    }
}

/// One VEVENT's meaning.
struct Event {
    uid: String,
    start: When,
    /// An all-day event's length in days, or a timed event's exact length.
    length: Length,
    rrules: Vec<String>,
    rdates: Vec<When>,
    exdates: Vec<When>,
    recurrence_id: Option<When>,
    blocks: bool,
}

#[derive(Clone, Copy)]
enum Length {
    Days(i64),
    Exact(Duration),
}

/// Busy spans of every calendar text in `texts` (a CalDAV calendar is one text per event
/// resource; an ICS feed is one), over `from..until`, dates and floating times on `home`'s clock.
/// An error only when a text is not iCalendar at all.
pub fn expand_calendars<S: AsRef<str>>(
    texts: &[S],
    home: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Expanded, String> {
    let mut events = Vec::new();
    let mut skipped = 0;
    for text in texts {
        let unfolded = unfold(text.as_ref());
        // The parser's own text describes its grammar, not the problem: one plain sentence.
        let calendar =
            read_calendar(&unfolded).map_err(|_| "it is not an iCalendar file".to_owned())?;
        if !unfolded.to_ascii_uppercase().contains("BEGIN:VCALENDAR") {
            return Err("it is not an iCalendar file (no VCALENDAR)".to_owned());
        }
        for component in &calendar.components {
            if component.name.as_str() != "VEVENT" {
                continue;
            }
            match read_event(component) {
                Some(event) => events.push(event),
                None => skipped += 1,
            }
        }
    }
    let read = events.len();
    let (spans, more_skipped) = expand(&events, home, from, until)?;
    Ok(Expanded {
        spans,
        events: read,
        skipped: skipped + more_skipped,
    })
}

/// Busy spans of one calendar text; see [`expand_calendars`].
pub fn expand_calendar(
    text: &str,
    home: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Expanded, String> {
    expand_calendars(&[text], home, from, until)
}

fn expand(
    events: &[Event],
    home: Tz,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<(Vec<BusySpan>, usize), String> {
    // Occurrences replaced by an override, by series.
    let mut replaced: HashMap<&str, HashSet<DateTime<Utc>>> = HashMap::new();
    for event in events {
        if let Some(rid) = event.recurrence_id {
            replaced
                .entry(event.uid.as_str())
                .or_default()
                .insert(rid.resolve(home).with_timezone(&Utc));
        }
    }
    let none = HashSet::new();
    let mut spans = Vec::new();
    let mut skipped = 0;
    for event in events {
        if !event.blocks {
            continue;
        }
        let mut push = |start: DateTime<Tz>| {
            let end = match event.length {
                Length::Days(days) => wall(
                    start.timezone(),
                    (start.date_naive() + Duration::days(days)).and_time(NaiveTime::MIN),
                ),
                Length::Exact(d) => start + d,
            };
            let (s, e) = (start.with_timezone(&Utc), end.with_timezone(&Utc));
            if s < until && e > from && s < e {
                spans.push(BusySpan {
                    starts_at: s,
                    ends_at: e,
                });
            }
        };
        let start = event.start.resolve(home);
        if event.recurrence_id.is_some() || (event.rrules.is_empty() && event.rdates.is_empty()) {
            push(start);
        } else {
            let Some(set) = rule_set(event, start, home) else {
                skipped += 1;
                continue;
            };
            let replaced = replaced.get(event.uid.as_str()).unwrap_or(&none);
            let longest = match event.length {
                Length::Days(d) => Duration::days(d + 1),
                Length::Exact(d) => d,
            };
            for occurrence in (&set).into_iter().take(MAX_OCCURRENCES_PER_EVENT) {
                let instant = occurrence.with_timezone(&Utc);
                if instant >= until {
                    break;
                }
                if instant + longest <= from || replaced.contains(&instant) {
                    continue;
                }
                push(occurrence.with_timezone(&start.timezone()));
            }
        }
        if spans.len() > MAX_SPANS {
            return Err(format!(
                "more than {MAX_SPANS} busy times in the coming year; connect a smaller calendar"
            ));
        }
    }
    Ok((merge(spans), skipped))
}

/// The series' rule set: DTSTART on the event's clock, its RRULEs (UNTIL made UTC), RDATEs and
/// EXDATEs. `None` when a rule cannot be read.
fn rule_set(event: &Event, start: DateTime<Tz>, home: Tz) -> Option<RRuleSet> {
    let zone = rrule::Tz::Tz(start.timezone());
    let dt_start = start.with_timezone(&zone);
    let mut set = RRuleSet::new(dt_start);
    for text in &event.rrules {
        let text = utc_until(text, start.timezone(), event.start.is_date());
        let rule: RRule<Unvalidated> = text.parse().ok()?;
        set = set.rrule(rule.validate(dt_start).ok()?);
    }
    for rdate in &event.rdates {
        set = set.rdate(rdate.resolve(home).with_timezone(&zone));
    }
    for exdate in &event.exdates {
        set = set.exdate(exdate.resolve(home).with_timezone(&zone));
    }
    Some(set)
}

/// `rule` with a wall-clock or date `UNTIL` rewritten as the UTC instant it names on `tz`'s
/// clock (a date: the end of that day, as RFC 5545 counts the date itself in).
fn utc_until(rule: &str, tz: Tz, all_day: bool) -> String {
    rule.split(';')
        .map(|part| {
            let Some(value) = part
                .strip_prefix("UNTIL=")
                .or_else(|| part.strip_prefix("until="))
            else {
                return part.to_owned();
            };
            if value.ends_with('Z') || value.ends_with('z') {
                return part.to_owned();
            }
            let local = if value.len() == 8 {
                NaiveDate::parse_from_str(value, "%Y%m%d").ok().map(|d| {
                    if all_day {
                        d.and_time(NaiveTime::MIN)
                    } else {
                        d.and_hms_opt(23, 59, 59)
                            .unwrap_or(d.and_time(NaiveTime::MIN))
                    }
                })
            } else {
                NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()
            };
            match local {
                Some(t) => format!(
                    "UNTIL={}",
                    wall(tz, t).with_timezone(&Utc).format("%Y%m%dT%H%M%SZ")
                ),
                None => part.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Sorted, with overlapping or touching spans joined.
fn merge(mut spans: Vec<BusySpan>) -> Vec<BusySpan> {
    spans.sort();
    let mut merged: Vec<BusySpan> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.starts_at <= last.ends_at => {
                last.ends_at = last.ends_at.max(span.ends_at);
            }
            _ => merged.push(span),
        }
    }
    merged
}

/// A VEVENT's meaning, or `None` when its times cannot be read.
fn read_event(event: &Component<'_>) -> Option<Event> {
    let mut uid = String::new();
    let mut start = None;
    let mut end = None;
    let mut duration = None;
    let mut rrules = Vec::new();
    let mut rdates = Vec::new();
    let mut exdates = Vec::new();
    let mut recurrence_id = None;
    let mut blocks = true;
    for property in &event.properties {
        let value = property.val.as_str().trim();
        match property.name.as_str().to_ascii_uppercase().as_str() {
            "UID" => uid = value.to_owned(),
            "DTSTART" => start = Some(when(property, value)?),
            "DTEND" => end = Some(when(property, value)?),
            "DURATION" => duration = Some(parse_duration(value)?),
            "RRULE" => rrules.push(value.to_owned()),
            "RDATE" => {
                for v in value.split(',') {
                    // A PERIOD value (`start/end`) counts from its start.
                    let v = v.split('/').next().unwrap_or(v);
                    rdates.push(when(property, v.trim())?);
                }
            }
            "EXDATE" => {
                for v in value.split(',') {
                    exdates.push(when(property, v.trim())?);
                }
            }
            "RECURRENCE-ID" => recurrence_id = Some(when(property, value)?),
            "STATUS" if value.eq_ignore_ascii_case("CANCELLED") => blocks = false,
            "TRANSP" if value.eq_ignore_ascii_case("TRANSPARENT") => blocks = false,
            _ => {}
        }
    }
    let start = start?;
    let length = match (start, end, duration) {
        (When::Date(s), Some(When::Date(e)), _) => Length::Days((e - s).num_days().max(1)),
        (When::Date(_), _, Some(d)) => Length::Days((d.num_days()).max(1)),
        (When::Date(_), _, None) => Length::Days(1),
        (_, Some(e), _) => {
            // Both on their own clocks: the exact time between them.
            let home = Tz::UTC;
            Length::Exact(e.resolve(home) - start.resolve(home))
        }
        (_, None, Some(d)) => Length::Exact(d),
        (_, None, None) => Length::Exact(Duration::zero()),
    };
    Some(Event {
        uid,
        start,
        length,
        rrules,
        rdates,
        exdates,
        recurrence_id,
        blocks,
    })
}

/// A DATE or DATE-TIME value with the property's `TZID` and `VALUE` parameters.
fn when(property: &Property<'_>, value: &str) -> Option<When> {
    let param = |key: &str| {
        property
            .params
            .iter()
            .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
            .and_then(|p| p.val.as_ref())
            .map(|v| v.as_str().trim_matches('"').to_owned())
    };
    let is_date = param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && !value.contains('T'));
    if is_date {
        return NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d")
            .ok()
            .map(When::Date);
    }
    if let Some(utc) = value.strip_suffix('Z').or_else(|| value.strip_suffix('z')) {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .ok()
            .map(When::Utc);
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?;
    Some(match param("TZID").and_then(|z| zone(&z)) {
        Some(tz) => When::Zoned(local, tz),
        None => When::Floating(local),
    })
}

/// An IANA zone from a TZID (`/Europe/Paris` and quoted forms too).
fn zone(tzid: &str) -> Option<Tz> {
    tzid.trim_start_matches('/').trim().parse::<Tz>().ok()
}

/// An RFC 5545 DURATION (`P1D`, `PT1H30M`, `P2W`, `-PT15M` is refused as no length).
fn parse_duration(value: &str) -> Option<Duration> {
    let rest = value.strip_prefix('+').unwrap_or(value);
    let rest = rest.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                total += match (unit, in_time) {
                    ('W', _) => Duration::weeks(n),
                    ('D', _) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
            }
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests;
