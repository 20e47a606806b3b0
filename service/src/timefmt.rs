//! How times are written for people: always with the zone's abbreviation, and with the site's
//! local time beside it when the reader is in another zone. Every page and message uses these.

use chrono::{DateTime, Utc};

use crate::zone::TimeZone;

/// `Tue 12 Jan 2027, 08:00–09:30 MST` (both ends written out if the span crosses a date or an
/// offset change).
pub fn span(start: DateTime<Utc>, end: DateTime<Utc>, zone: TimeZone) -> String {
    let (s, e) = (
        start.with_timezone(&zone.tz()),
        end.with_timezone(&zone.tz()),
    );
    let (start_abbr, end_abbr) = (zone.abbreviation(start), zone.abbreviation(end));
    if s.date_naive() == e.date_naive() && start_abbr == end_abbr {
        format!(
            "{}–{} {}",
            s.format("%a %-d %b %Y, %H:%M"),
            e.format("%H:%M"),
            start_abbr
        )
    } else {
        format!(
            "{} {} – {} {}",
            s.format("%a %-d %b %Y, %H:%M"),
            start_abbr,
            e.format("%a %-d %b %Y, %H:%M"),
            end_abbr
        )
    }
}

/// One instant: `Tue 12 Jan 2027, 08:00 MST`.
pub fn instant(at: DateTime<Utc>, zone: TimeZone) -> String {
    format!(
        "{} {}",
        at.with_timezone(&zone.tz()).format("%a %-d %b %Y, %H:%M"),
        zone.abbreviation(at)
    )
}

/// The span in the reader's zone, followed by the site's wall clock when it reads differently:
/// `Tue 9 Mar 2027, 08:00–09:30 MST (site: 09:00–10:30 CST)`.
pub fn span_with_site(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reader: TimeZone,
    site: TimeZone,
) -> String {
    let own = span(start, end, reader);
    let (r, s) = (
        start.with_timezone(&reader.tz()),
        start.with_timezone(&site.tz()),
    );
    if reader == site
        || (r.naive_local() == s.naive_local()
            && reader.abbreviation(start) == site.abbreviation(start))
    {
        return own;
    }
    let (ss, se) = (
        start.with_timezone(&site.tz()),
        end.with_timezone(&site.tz()),
    );
    let site_text = if ss.date_naive() == r.date_naive() {
        format!(
            "{}–{} {}",
            ss.format("%H:%M"),
            se.format("%H:%M"),
            site.abbreviation(start)
        )
    } else {
        format!(
            "{}–{} {}",
            ss.format("%a %-d %b, %H:%M"),
            se.format("%H:%M"),
            site.abbreviation(start)
        )
    };
    format!("{own} (site: {site_text})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap()
    }

    #[test]
    fn phoenix_reader_sees_the_chicago_site_time_across_dst() {
        let before = Utc.with_ymd_and_hms(2027, 3, 9, 15, 0, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2027, 3, 16, 14, 0, 0).unwrap();
        let ninety = chrono::Duration::minutes(90);
        assert_eq!(
            span_with_site(
                before,
                before + ninety,
                zone("America/Phoenix"),
                zone("America/Chicago")
            ),
            "Tue 9 Mar 2027, 08:00–09:30 MST (site: 09:00–10:30 CST)"
        );
        assert_eq!(
            span_with_site(
                after,
                after + ninety,
                zone("America/Phoenix"),
                zone("America/Chicago")
            ),
            "Tue 16 Mar 2027, 07:00–08:30 MST (site: 09:00–10:30 CDT)"
        );
        assert_eq!(
            span_with_site(
                after,
                after + ninety,
                zone("America/Chicago"),
                zone("America/Chicago")
            ),
            "Tue 16 Mar 2027, 09:00–10:30 CDT"
        );
    }

    #[test]
    fn spans_over_midnight_and_instants() {
        let late = Utc.with_ymd_and_hms(2027, 1, 12, 5, 30, 0).unwrap();
        assert_eq!(
            span(
                late,
                late + chrono::Duration::hours(1),
                zone("America/New_York")
            ),
            "Tue 12 Jan 2027, 00:30–01:30 EST"
        );
        assert_eq!(
            span(
                late - chrono::Duration::hours(1),
                late,
                zone("America/New_York")
            ),
            "Mon 11 Jan 2027, 23:30 EST – Tue 12 Jan 2027, 00:30 EST"
        );
        assert_eq!(
            instant(late, zone("Pacific/Honolulu")),
            "Mon 11 Jan 2027, 19:30 HST"
        );
    }
}
