//! How the provider's pages write zones and times: the list of IANA zones to choose from, a
//! zone's label with its current abbreviation, and a session's clock times in the provider's
//! zone with the site's beside them (`09:00–10:30 MST · site 10:00–11:30 CST`).

use chrono::{DateTime, Utc};

use crate::zone::TimeZone;

/// The regions whose zones are offered (the IANA "Area/Location" names; aliases such as
/// `US/Arizona` or `EST5EDT` still parse but are not listed).
const AREAS: [&str; 10] = [
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
];

/// The zones US programmes use most, listed first.
const US_FIRST: [&str; 11] = [
    "America/New_York",
    "America/Detroit",
    "America/Indiana/Indianapolis",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "Pacific/Guam",
];

/// Every IANA zone a person may choose: the common US zones first, then the rest by name, then
/// `UTC`.
pub fn zone_choices() -> Vec<&'static str> {
    let mut rest: Vec<&'static str> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| {
            name.split_once('/')
                .is_some_and(|(area, _)| AREAS.contains(&area))
                && !US_FIRST.contains(name)
        })
        .collect();
    rest.sort_unstable();
    rest.dedup();
    let mut all: Vec<&'static str> = US_FIRST.to_vec();
    all.extend(rest);
    all.push("UTC");
    all
}

/// `Mountain (Arizona, no DST) · MST · America/Phoenix`, with the abbreviation in force at `at`.
pub fn zone_label(zone: TimeZone, at: DateTime<Utc>) -> String {
    let common = crate::intake::zone_common_name(zone.name());
    if common == zone.name() {
        format!("{} · {}", zone.abbreviation(at), zone.name())
    } else {
        format!("{common} · {} · {}", zone.abbreviation(at), zone.name())
    }
}

/// `12:00–13:00 MST` on `zone`'s wall clock; both ends with their date and abbreviation when
/// the span crosses midnight or an offset change (`Sun 7 Nov 01:30 CDT – 01:15 CST`).
pub fn clock_span(start: DateTime<Utc>, end: DateTime<Utc>, zone: TimeZone) -> String {
    let (s, e) = (zone.local(start), zone.local(end));
    let (sa, ea) = (zone.abbreviation(start), zone.abbreviation(end));
    if s.date() == e.date() && sa == ea {
        format!("{}–{} {sa}", s.format("%H:%M"), e.format("%H:%M"))
    } else {
        format!(
            "{} {sa} – {} {ea}",
            s.format("%a %-d %b %H:%M"),
            e.format("%a %-d %b %H:%M")
        )
    }
}

/// The site's wall clock for a session the provider reads in `own`: `site 13:00–14:00 CST`, or
/// `None` when both clocks read the same.
pub fn site_clock(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    own: TimeZone,
    site: TimeZone,
) -> Option<String> {
    let same = own == site
        || (own.local(start) == site.local(start)
            && own.abbreviation(start) == site.abbreviation(start));
    if same {
        return None;
    }
    let text = if own.local(start).date() == site.local(start).date() {
        clock_span(start, end, site)
    } else {
        // The site's date differs from the provider's: say which day it is there.
        format!(
            "{} {}",
            site.local(start).format("%a %-d %b"),
            clock_span(start, end, site)
        )
    };
    Some(format!("site {text}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap()
    }

    #[test]
    fn the_list_starts_with_us_zones_and_holds_only_real_ones() {
        let zones = zone_choices();
        assert_eq!(zones[0], "America/New_York");
        assert!(zones.contains(&"Europe/London"));
        assert!(zones.contains(&"America/Indiana/Indianapolis"));
        assert!(!zones.contains(&"US/Arizona"));
        assert_eq!(zones.last(), Some(&"UTC"));
        assert!(zones.iter().all(|z| TimeZone::parse(z).is_ok()));
        let phoenix = zones.iter().filter(|z| **z == "America/Phoenix").count();
        assert_eq!(phoenix, 1);
    }

    #[test]
    fn phoenix_reads_a_chicago_session_an_hour_closer_after_the_change() {
        let before = Utc.with_ymd_and_hms(2027, 3, 11, 19, 0, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2027, 3, 18, 18, 0, 0).unwrap();
        let hour = chrono::Duration::hours(1);
        let (phx, chi) = (zone("America/Phoenix"), zone("America/Chicago"));
        assert_eq!(clock_span(before, before + hour, phx), "12:00–13:00 MST");
        assert_eq!(
            site_clock(before, before + hour, phx, chi).as_deref(),
            Some("site 13:00–14:00 CST")
        );
        assert_eq!(clock_span(after, after + hour, phx), "11:00–12:00 MST");
        assert_eq!(
            site_clock(after, after + hour, phx, chi).as_deref(),
            Some("site 13:00–14:00 CDT")
        );
        assert_eq!(site_clock(after, after + hour, chi, chi), None);
        assert_eq!(
            zone_label(phx, before),
            "Mountain (Arizona, no DST) · MST · America/Phoenix"
        );
    }

    #[test]
    fn spans_over_midnight_or_a_change_name_both_ends() {
        let late = Utc.with_ymd_and_hms(2027, 1, 12, 5, 30, 0).unwrap();
        let ny = zone("America/New_York");
        assert_eq!(
            clock_span(late - chrono::Duration::hours(1), late, ny),
            "Mon 11 Jan 23:30 EST – Tue 12 Jan 00:30 EST"
        );
        // Honolulu reads 19:30 on Monday while Guam is already on Tuesday.
        let hon = zone("Pacific/Honolulu");
        let guam = zone("Pacific/Guam");
        assert_eq!(
            site_clock(late, late + chrono::Duration::hours(1), hon, guam).as_deref(),
            Some("site Tue 12 Jan 15:30–16:30 ChST")
        );
    }
}
