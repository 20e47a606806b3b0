//! How the provider's pages write zones: the list of IANA zones to choose from and a zone's
//! label with its current abbreviation. Times themselves are written by [`crate::timefmt`].

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
    fn a_zone_label_carries_the_abbreviation_in_force() {
        let winter = Utc.with_ymd_and_hms(2027, 3, 11, 19, 0, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2027, 7, 13, 16, 0, 0).unwrap();
        assert_eq!(
            zone_label(zone("America/Phoenix"), winter),
            "Mountain (Arizona, no DST) · MST · America/Phoenix"
        );
        assert!(zone_label(zone("America/Chicago"), winter).contains(" · CST · "));
        assert!(zone_label(zone("America/Chicago"), summer).contains(" · CDT · "));
    }
}
