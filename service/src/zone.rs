//! IANA time zones: the engine's [`scheduling::Zone`] (parsed, known to the bundled tz
//! database), under the name the rest of the application uses, plus the wall-clock label shown
//! for a site's current time.

use chrono::{DateTime, Utc};

pub use scheduling::Zone as TimeZone;

/// Wall-clock labels for a zone.
pub trait ClockLabel {
    /// Wall-clock time of `instant` with the zone's abbreviation, e.g. `14:05:09 CST`.
    fn clock_label(&self, instant: DateTime<Utc>) -> String;

    /// The current wall-clock time, e.g. `14:05:09 CST`.
    fn clock_label_now(&self) -> String {
        self.clock_label(Utc::now())
    }
}

impl ClockLabel for TimeZone {
    fn clock_label(&self, instant: DateTime<Utc>) -> String {
        instant
            .with_timezone(&self.tz())
            .format("%H:%M:%S %Z")
            .to_string()
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
        assert!(err.to_string().contains("America/Memphis"), "{err}");
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
