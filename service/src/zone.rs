//! IANA time zones as a parsed domain value.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// An IANA time zone such as `America/Chicago`, known to exist in the bundled tz database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeZone(Tz);

/// A zone name that is not in the IANA database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an IANA time zone name (expected something like America/Chicago)")]
pub struct UnknownTimeZone(pub String);

impl TimeZone {
    /// Parses an IANA name exactly (case-sensitive, as the tz database spells it).
    pub fn parse(name: &str) -> Result<Self, UnknownTimeZone> {
        Tz::from_str(name.trim())
            .map(Self)
            .map_err(|_| UnknownTimeZone(name.to_owned()))
    }

    /// The IANA name, e.g. `America/Indiana/Indianapolis`.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The chrono-tz zone, for date arithmetic.
    pub fn tz(&self) -> Tz {
        self.0
    }

    /// The current wall-clock time in this zone, e.g. `14:05:09 CST`.
    pub fn clock_label_now(&self) -> String {
        self.clock_label(Utc::now())
    }

    /// Wall-clock time of `instant` in this zone with the zone's abbreviation, e.g. `14:05:09 CST`.
    pub fn clock_label(&self, instant: DateTime<Utc>) -> String {
        instant
            .with_timezone(&self.0)
            .format("%H:%M:%S %Z")
            .to_string()
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn parses_known_zones_and_rejects_unknown_ones_by_name() {
        assert_eq!(
            TimeZone::parse("America/Indiana/Indianapolis").map(|z| z.name()),
            Ok("America/Indiana/Indianapolis")
        );
        let err = TimeZone::parse("America/Memphis").unwrap_err();
        assert!(err.to_string().contains("'America/Memphis'"));
    }

    #[test]
    fn clock_label_carries_the_abbreviation_of_the_instant() {
        let zone = TimeZone::parse("America/Chicago").unwrap();
        let winter = Utc.with_ymd_and_hms(2027, 1, 12, 16, 0, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2027, 7, 12, 15, 0, 0).unwrap();
        assert_eq!(zone.clock_label(winter), "10:00:00 CST");
        assert_eq!(zone.clock_label(summer), "10:00:00 CDT");
        let phoenix = TimeZone::parse("America/Phoenix").unwrap();
        assert_eq!(phoenix.clock_label(summer), "08:00:00 MST");
    }
}
