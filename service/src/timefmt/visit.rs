//! A multi-day on-site visit in words: `On-site visit, Tue 9 – Wed 10 Mar 2027, 08:30–17:00 CST
//! each day (travel days Mon 8 and Thu 11 Mar)`, in the reader's zone with the site's clock
//! beside it when it reads otherwise.
//!
//! A visit is stored as one session from its first day's start to its last day's end; its days
//! are consecutive business days, each at the same wall-clock hours on the site's clock, so the
//! days and each day's hours are derived from those two instants and the site's zone.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::span::clock_span;
use crate::zone::TimeZone;

/// The end of a visit's first day: its first date on the site's clock at the last day's
/// closing time.
pub fn first_day_end(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    site: impl Into<TimeZone>,
) -> DateTime<Utc> {
    let site = site.into();
    let first = site.local(start).date();
    site.to_utc(first.and_time(site.local(end).time()))
}

/// The visit's days on the site's clock, first to last.
pub fn visit_dates(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    site: impl Into<TimeZone>,
) -> Vec<NaiveDate> {
    let site = site.into();
    let (first, last) = (site.local(start).date(), site.local(end).date());
    first.iter_days().take_while(|d| *d <= last).collect()
}

/// The visit over `start..end` as `reader` reads it (see the module docs); `travel_days` adds
/// the site-local travel days before and after.
pub fn visit_span(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    travel_days: bool,
    reader: impl Into<TimeZone>,
    site: impl Into<TimeZone>,
) -> String {
    let (reader, site) = (reader.into(), site.into());
    let day_end = first_day_end(start, end, site);
    let dates = date_range(reader.local(start).date(), reader.local(end).date());
    let hours = clock_span(start, day_end, reader);
    let site_hours = clock_span(start, day_end, site);
    let mut notes = Vec::new();
    if site_hours != hours {
        notes.push(format!("site: {site_hours}"));
    }
    if travel_days {
        let (first, last) = (site.local(start).date(), site.local(end).date());
        if let (Some(before), Some(after)) = (first.pred_opt(), last.succ_opt()) {
            notes.push(format!("travel days {}", pair(before, after)));
        }
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    if dates.0 {
        format!("On-site visit, {}, {hours}{notes}", dates.1)
    } else {
        format!("On-site visit, {}, {hours} each day{notes}", dates.1)
    }
}

/// A session of `request` as `reader` reads it: the visit in words for an on-site visit,
/// else the span with the site's clock beside it ([`span_with_site`](super::span_with_site)).
pub fn session_when(
    request: &crate::entities::tta_request::Model,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reader: impl Into<TimeZone>,
    site: impl Into<TimeZone>,
) -> String {
    if request.visit_days > 0 {
        visit_span(start, end, request.travel_days, reader, site)
    } else {
        super::span_with_site(start, end, reader, site)
    }
}

/// A stored session's time in words where the request is not at hand (e-mails): a session longer
/// than a day is an on-site visit (ordinary sessions last at most 12 hours), read as
/// [`visit_span`] without its travel days; anything else as
/// [`span_with_site`](super::span_with_site).
pub fn when_in_words(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reader: impl Into<TimeZone>,
    site: impl Into<TimeZone>,
) -> String {
    let (reader, site) = (reader.into(), site.into());
    if end - start > chrono::Duration::hours(24) {
        visit_span(start, end, false, reader, site)
    } else {
        super::span_with_site(start, end, reader, site)
    }
}

/// `Tue 9 – Wed 10 Mar 2027`, `Mon 29 Mar – Tue 30 Mar 2027` or across years in full; the
/// flag is whether it is a single day.
fn date_range(first: NaiveDate, last: NaiveDate) -> (bool, String) {
    if first == last {
        return (true, first.format("%a %-d %b %Y").to_string());
    }
    let text = if first.year() != last.year() {
        format!(
            "{} – {}",
            first.format("%a %-d %b %Y"),
            last.format("%a %-d %b %Y")
        )
    } else if first.month() != last.month() {
        format!(
            "{} – {}",
            first.format("%a %-d %b"),
            last.format("%a %-d %b %Y")
        )
    } else {
        format!(
            "{} – {}",
            first.format("%a %-d"),
            last.format("%a %-d %b %Y")
        )
    };
    (false, text)
}

/// `Mon 8 and Thu 11 Mar`, or `Fri 30 Apr and Tue 4 May` across months.
fn pair(first: NaiveDate, second: NaiveDate) -> String {
    if first.month() == second.month() {
        format!(
            "{} and {}",
            first.format("%a %-d"),
            second.format("%a %-d %b")
        )
    } else {
        format!(
            "{} and {}",
            first.format("%a %-d %b"),
            second.format("%a %-d %b")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap_or_else(|_| panic!("{name}"))
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap_or_else(|| panic!("time"))
    }

    #[test]
    fn a_two_day_visit_reads_with_its_hours_and_travel_days() {
        // Tue 9 and Wed 10 Mar 2027, 08:30–17:00 CST.
        let (start, end) = (utc(2027, 3, 9, 14, 30), utc(2027, 3, 10, 23, 0));
        let chicago = zone("America/Chicago");
        assert_eq!(
            visit_span(start, end, true, chicago, chicago),
            "On-site visit, Tue 9 – Wed 10 Mar 2027, 08:30–17:00 CST each day (travel days Mon \
             8 and Thu 11 Mar)"
        );
        assert_eq!(
            visit_span(start, end, false, zone("America/Phoenix"), chicago),
            "On-site visit, Tue 9 – Wed 10 Mar 2027, 07:30–16:00 MST each day (site: \
             08:30–17:00 CST)"
        );
        assert_eq!(first_day_end(start, end, chicago), utc(2027, 3, 9, 23, 0));
        assert_eq!(visit_dates(start, end, chicago).len(), 2);
    }

    #[test]
    fn a_visit_across_months_and_a_one_day_visit() {
        let chicago = zone("America/Chicago");
        // Thu 29 Apr – Fri 30 Apr (CDT), travel Wed 28 Apr and Sat 1 May.
        let (start, end) = (utc(2027, 4, 29, 13, 30), utc(2027, 4, 30, 22, 0));
        assert_eq!(
            visit_span(start, end, true, chicago, chicago),
            "On-site visit, Thu 29 – Fri 30 Apr 2027, 08:30–17:00 CDT each day (travel days \
             Wed 28 Apr and Sat 1 May)"
        );
        let (start, end) = (utc(2027, 4, 29, 13, 30), utc(2027, 4, 29, 22, 0));
        assert_eq!(
            visit_span(start, end, false, chicago, chicago),
            "On-site visit, Thu 29 Apr 2027, 08:30–17:00 CDT"
        );
    }
}
