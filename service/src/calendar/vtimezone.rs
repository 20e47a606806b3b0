//! The `VTIMEZONE` components an invite needs for the events it writes on a site's wall clock
//! (multi-day visits, `DTSTART;TZID=…`). RFC 5545 requires one for every `TZID` used.
//!
//! Each component lists the zone's actual offset changes from the January of the year before
//! the first such event to the end of the year after the last, found from the time-zone
//! database (chrono-tz) rather than written as yearly rules: correct for any zone and any year,
//! including years in which the rules changed. A zone without changes in that span (America/
//! Phoenix) gets one `STANDARD` observance with its fixed offset.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, Offset, TimeZone as _, Utc};
use chrono_tz::Tz;

use super::ics::{CalendarEvent, is_visit};

/// One `VTIMEZONE` (as lines) per zone the visits among `events` are written in.
pub(super) fn vtimezones(events: &[CalendarEvent]) -> Vec<String> {
    let mut years: BTreeMap<&'static str, (Tz, i32, i32)> = BTreeMap::new();
    for event in events {
        let Some(zone) = event
            .site_zone
            .filter(|z| !event.all_day && is_visit(event, *z))
        else {
            continue;
        };
        let (first, last) = (event.starts_at.year(), event.ends_at.year());
        years
            .entry(zone.name())
            .and_modify(|e| {
                e.1 = e.1.min(first);
                e.2 = e.2.max(last);
            })
            .or_insert((zone, first, last));
    }
    years
        .into_values()
        .flat_map(|(zone, first, last)| vtimezone(zone, first - 1, last + 1))
        .collect()
}

/// The offset of `zone` at `at`, in seconds east of UTC.
fn offset(zone: Tz, at: DateTime<Utc>) -> i32 {
    zone.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The zone's offset changes from 1 January `first_year` to 31 December `last_year`: the
/// instant of each, and the offsets before and after.
fn transitions(zone: Tz, first_year: i32, last_year: i32) -> Vec<(DateTime<Utc>, i32, i32)> {
    let (Some(from), Some(until)) = (
        Utc.with_ymd_and_hms(first_year, 1, 1, 0, 0, 0).single(),
        Utc.with_ymd_and_hms(last_year + 1, 1, 1, 0, 0, 0).single(),
    ) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut at = from;
    let mut before = offset(zone, at);
    while at < until {
        let next = at + Duration::hours(1);
        let after = offset(zone, next);
        if after != before {
            // The change lies in (at, next]: narrow it to the minute.
            let (mut low, mut high) = (at, next);
            while high - low > Duration::minutes(1) {
                let middle = low + (high - low) / 2;
                if offset(zone, middle) == before {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            found.push((high, before, after));
            before = after;
        }
        at = next;
    }
    found
}

/// `-0600`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

pub(crate) fn vtimezone(zone: Tz, first_year: i32, last_year: i32) -> Vec<String> {
    let abbreviation = |at: DateTime<Utc>| at.with_timezone(&zone).format("%Z").to_string();
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
    ];
    let changes = transitions(zone, first_year, last_year);
    if changes.is_empty() {
        let at = Utc
            .with_ymd_and_hms(first_year, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default();
        let fixed = utc_offset(offset(zone, at));
        lines.extend([
            "BEGIN:STANDARD".to_owned(),
            "DTSTART:19700101T000000".to_owned(),
            format!("TZOFFSETFROM:{fixed}"),
            format!("TZOFFSETTO:{fixed}"),
            format!("TZNAME:{}", abbreviation(at)),
            "END:STANDARD".to_owned(),
        ]);
    }
    for (at, before, after) in changes {
        let kind = if after > before {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        // The onset is written on the wall clock in force before the change.
        let onset = (at + Duration::seconds(i64::from(before))).naive_utc();
        lines.extend([
            format!("BEGIN:{kind}"),
            format!("DTSTART:{}", onset.format("%Y%m%dT%H%M%S")),
            format!("TZOFFSETFROM:{}", utc_offset(before)),
            format!("TZOFFSETTO:{}", utc_offset(after)),
            format!("TZNAME:{}", abbreviation(at)),
            format!("END:{kind}"),
        ]);
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}
