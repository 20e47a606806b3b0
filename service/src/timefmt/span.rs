//! A session's time: `Tue 9 Mar 2027, 10:00–11:30 CST`, and the site's wall clock beside it when
//! the reader's clock reads otherwise (`(site: 11:00–12:30 EST)`). Both ends are written out
//! when a span crosses a date, and both abbreviations when it crosses an offset change.

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};

use super::date::DATE;
use crate::zone::TimeZone;

/// `Tue 9 Mar 2027, 10:00–11:30 CST` on `zone`'s wall clock; `Sun 7 Nov 2027, 01:30 CDT–01:30
/// CST` across an offset change; `Mon 11 Jan 2027, 23:30 EST – Tue 12 Jan 2027, 00:30 EST`
/// across midnight (an end at midnight itself reads `24:00`).
pub fn span(start: DateTime<Utc>, end: DateTime<Utc>, zone: impl Into<TimeZone>) -> String {
    let zone = zone.into();
    let on_start_date = clock_span(start, end, zone);
    if crosses_a_date(start, end, zone) {
        on_start_date
    } else {
        format!("{}, {on_start_date}", zone.local(start).format(DATE))
    }
}

/// The span without its date, for a list under a date heading: `10:00–11:30 CST`. A span that
/// crosses a date is written as [`span`] writes it, both dates included.
pub fn clock_span(start: DateTime<Utc>, end: DateTime<Utc>, zone: impl Into<TimeZone>) -> String {
    let zone = zone.into();
    let (from, until) = (zone.local(start), zone.local(end));
    let (from_abbr, until_abbr) = (zone.abbreviation(start), zone.abbreviation(end));
    if crosses_a_date(start, end, zone) {
        return format!(
            "{}, {} {from_abbr} – {}, {} {until_abbr}",
            from.format(DATE),
            from.format("%H:%M"),
            until.format(DATE),
            until.format("%H:%M")
        );
    }
    let until_text = if until.date() == from.date() {
        until.format("%H:%M").to_string()
    } else {
        "24:00".to_owned()
    };
    if from_abbr == until_abbr {
        format!("{}–{until_text} {from_abbr}", from.format("%H:%M"))
    } else {
        format!(
            "{} {from_abbr}–{until_text} {until_abbr}",
            from.format("%H:%M")
        )
    }
}

/// The site's wall clock for a reader in `reader`'s zone, in the one wording every page and
/// message uses: `(site: 11:00–12:30 EST)`, with the site's date when it differs from the
/// reader's (`(site: Tue 2 Feb 2027, 01:00–02:00 EST)`). `None` when both clocks read the same.
pub fn site_clock(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reader: impl Into<TimeZone>,
    site: impl Into<TimeZone>,
) -> Option<String> {
    let (reader, site) = (reader.into(), site.into());
    let site_text = clock_span(start, end, site);
    if clock_span(start, end, reader) == site_text
        && reader.local(start).date() == site.local(start).date()
    {
        return None;
    }
    if reader.local(start).date() == site.local(start).date() {
        Some(format!("(site: {site_text})"))
    } else {
        Some(format!("(site: {})", span(start, end, site)))
    }
}

/// The span in the reader's zone followed by the site's wall clock when it reads otherwise:
/// `Tue 9 Mar 2027, 10:00–11:30 CST (site: 11:00–12:30 EST)`.
pub fn span_with_site(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reader: impl Into<TimeZone>,
    site: impl Into<TimeZone>,
) -> String {
    let (reader, site) = (reader.into(), site.into());
    let own = span(start, end, reader);
    match site_clock(start, end, reader, site) {
        Some(site_text) => format!("{own} {site_text}"),
        None => own,
    }
}

/// Whether the span ends on a later date than it starts, an end at the following midnight
/// excepted (that reads `24:00`).
fn crosses_a_date(start: DateTime<Utc>, end: DateTime<Utc>, zone: TimeZone) -> bool {
    let (from, until) = (zone.local(start), zone.local(end));
    until.date() != from.date() && !is_next_midnight(from, until)
}

fn is_next_midnight(from: NaiveDateTime, until: NaiveDateTime) -> bool {
    until.time() == NaiveTime::MIN && from.date().succ_opt() == Some(until.date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone as _};

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn the_site_clock_follows_the_reader_in_the_one_wording() {
        let start = utc(2027, 3, 9, 16, 0);
        assert_eq!(
            span_with_site(
                start,
                start + Duration::minutes(90),
                zone("America/Chicago"),
                zone("America/New_York")
            ),
            "Tue 9 Mar 2027, 10:00–11:30 CST (site: 11:00–12:30 EST)"
        );
        assert_eq!(
            span_with_site(
                start,
                start + Duration::minutes(90),
                chrono_tz::America::New_York,
                chrono_tz::America::New_York
            ),
            "Tue 9 Mar 2027, 11:00–12:30 EST"
        );
    }

    #[test]
    fn phoenix_without_dst_moves_against_a_chicago_site_across_spring_forward() {
        // 10:00 Central on 9 March (CST) and 16 March 2027 (CDT; DST began 14 March).
        let before = utc(2027, 3, 9, 16, 0);
        let after = utc(2027, 3, 16, 15, 0);
        let length = Duration::minutes(90);
        let (phoenix, chicago) = (zone("America/Phoenix"), zone("America/Chicago"));
        assert_eq!(
            span_with_site(before, before + length, phoenix, chicago),
            "Tue 9 Mar 2027, 09:00–10:30 MST (site: 10:00–11:30 CST)"
        );
        assert_eq!(
            span_with_site(after, after + length, phoenix, chicago),
            "Tue 16 Mar 2027, 08:00–09:30 MST (site: 10:00–11:30 CDT)"
        );
        assert_eq!(
            span_with_site(after, after + length, chicago, chicago),
            "Tue 16 Mar 2027, 10:00–11:30 CDT"
        );
        assert_eq!(
            clock_span(before, before + length, phoenix),
            "09:00–10:30 MST"
        );
        assert_eq!(
            site_clock(after, after + length, phoenix, chicago).as_deref(),
            Some("(site: 10:00–11:30 CDT)")
        );
        assert_eq!(site_clock(after, after + length, chicago, chicago), None);
    }

    #[test]
    fn phoenix_and_denver_agree_in_winter_only() {
        let winter = utc(2027, 1, 12, 16, 0);
        let summer = utc(2027, 7, 13, 16, 0);
        let hour = Duration::hours(1);
        let (phoenix, denver) = (zone("America/Phoenix"), zone("America/Denver"));
        assert_eq!(site_clock(winter, winter + hour, phoenix, denver), None);
        assert_eq!(
            span_with_site(summer, summer + hour, phoenix, denver),
            "Tue 13 Jul 2027, 09:00–10:00 MST (site: 10:00–11:00 MDT)"
        );
    }

    #[test]
    fn new_york_spring_forward_day_skips_an_hour() {
        // Sun 14 Mar 2027: 02:00 EST becomes 03:00 EDT.
        let start = utc(2027, 3, 14, 6, 30);
        let end = start + Duration::hours(1);
        let ny = zone("America/New_York");
        assert_eq!(span(start, end, ny), "Sun 14 Mar 2027, 01:30 EST–03:30 EDT");
        assert_eq!(
            span_with_site(start, end, zone("America/Phoenix"), ny),
            "Sat 13 Mar 2027, 23:30 MST – Sun 14 Mar 2027, 00:30 MST \
             (site: Sun 14 Mar 2027, 01:30 EST–03:30 EDT)"
        );
    }

    #[test]
    fn new_york_fall_back_day_repeats_an_hour() {
        // Sun 7 Nov 2027: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
        let start = utc(2027, 11, 7, 5, 30);
        let end = start + Duration::hours(1);
        let ny = zone("America/New_York");
        assert_eq!(span(start, end, ny), "Sun 7 Nov 2027, 01:30 EDT–01:30 EST");
        assert_eq!(
            span_with_site(start, end, zone("America/Phoenix"), ny),
            "Sat 6 Nov 2027, 22:30–23:30 MST (site: Sun 7 Nov 2027, 01:30 EDT–01:30 EST)"
        );
        // A week later New York is two hours ahead of Phoenix, not three.
        let later = start + Duration::days(7);
        assert_eq!(
            span_with_site(
                later,
                later + Duration::hours(1),
                zone("America/Phoenix"),
                ny
            ),
            "Sat 13 Nov 2027, 22:30–23:30 MST (site: Sun 14 Nov 2027, 00:30–01:30 EST)"
        );
    }

    #[test]
    fn spans_over_midnight_name_both_dates() {
        let late = utc(2027, 1, 12, 5, 30);
        let ny = zone("America/New_York");
        assert_eq!(
            span(late, late + Duration::hours(1), ny),
            "Tue 12 Jan 2027, 00:30–01:30 EST"
        );
        assert_eq!(
            span(late - Duration::hours(1), late, ny),
            "Mon 11 Jan 2027, 23:30 EST – Tue 12 Jan 2027, 00:30 EST"
        );
        assert_eq!(
            clock_span(late - Duration::hours(1), late, ny),
            "Mon 11 Jan 2027, 23:30 EST – Tue 12 Jan 2027, 00:30 EST"
        );
        // Ending at midnight is still the same day.
        let midnight = utc(2027, 1, 12, 5, 0);
        assert_eq!(
            span(midnight - Duration::hours(15), midnight, ny),
            "Mon 11 Jan 2027, 09:00–24:00 EST"
        );
    }

    #[test]
    fn the_site_date_is_shown_when_it_differs() {
        // 01:00 in New York on 2 Feb is 20:00 in Honolulu the day before.
        let late = utc(2027, 2, 2, 6, 0);
        assert_eq!(
            span_with_site(
                late,
                late + Duration::hours(1),
                chrono_tz::Pacific::Honolulu,
                chrono_tz::America::New_York
            ),
            "Mon 1 Feb 2027, 20:00–21:00 HST (site: Tue 2 Feb 2027, 01:00–02:00 EST)"
        );
        let guam = zone("Pacific/Guam");
        assert_eq!(
            site_clock(
                utc(2027, 1, 12, 5, 30),
                utc(2027, 1, 12, 6, 30),
                zone("Pacific/Honolulu"),
                guam
            )
            .as_deref(),
            Some("(site: Tue 12 Jan 2027, 15:30–16:30 ChST)")
        );
    }
}
