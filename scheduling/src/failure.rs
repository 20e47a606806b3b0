//! Why an occurrence could not stand at its anchor, or could not be placed at all. Each reason
//! carries the facts behind it (the date, the hours that applied, the session in the way, the
//! counts against a cap) so a coordinator can act on it without re-deriving anything.

use crate::interval::Interval;
use crate::local_time::LocalTimeRange;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use std::fmt;

/// One reason a session cannot be held at a given time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum PlacementFailure {
    /// The site-local date is outside the request's date window.
    OutsideWindow {
        /// The site-local date of the session.
        date: NaiveDate,
        /// First date of the window.
        earliest: NaiveDate,
        /// Last date of the window.
        latest: NaiveDate,
    },
    /// The session would start sooner than the minimum notice allows.
    BeforeMinimumNotice {
        /// The first instant a session may start.
        earliest_start: DateTime<Utc>,
    },
    /// The site-local date is a federal holiday or a site blackout date.
    Blackout {
        /// The site-local date.
        date: NaiveDate,
        /// The holiday or blackout ("Independence Day (observed)").
        name: String,
    },
    /// The provider has time off then.
    ProviderTimeOff {
        /// The provider's note, if any.
        label: Option<String>,
    },
    /// The session is not inside the provider's hours.
    OutsideProviderHours {
        /// When the session would start, on the provider's wall clock.
        provider_local_start: NaiveDateTime,
        /// The provider's hours on that local date.
        hours: Vec<LocalTimeRange>,
    },
    /// The session is not inside the site's preferred hours.
    OutsideSitePreferredHours {
        /// When the session would start, on the site's wall clock.
        site_local_start: NaiveDateTime,
        /// The site's preferred hours on that local date.
        hours: Vec<LocalTimeRange>,
    },
    /// An existing session (widened by buffers) is in the way.
    ConflictWithSession {
        /// The existing session's id.
        id: String,
        /// When it runs (without buffers).
        session: Interval,
    },
    /// An earlier occurrence of the same series (widened by buffers) is in the way.
    ConflictWithOccurrence {
        /// The 1-based index of that occurrence.
        index: u32,
        /// Where it was placed.
        slot: Interval,
    },
    /// The provider's local day already holds the most sessions allowed.
    DailyCapReached {
        /// The provider-local date.
        date: NaiveDate,
        /// Sessions already on that date.
        booked: u32,
        /// The cap.
        max: u32,
    },
    /// The provider's local week would exceed its hours.
    WeeklyCapReached {
        /// Monday of the provider-local week.
        week_start: NaiveDate,
        /// Minutes already booked that week.
        booked_minutes: u32,
        /// The cap in minutes.
        max_minutes: u32,
    },
    /// An on-site visit starting on `first_date` would reach a Saturday or Sunday (a visit's
    /// days are consecutive business days).
    VisitOverWeekend {
        /// The visit's first site-local date.
        first_date: NaiveDate,
        /// Its last site-local date.
        last_date: NaiveDate,
    },
    /// A day of an on-site visit is a federal holiday or a site blackout date.
    VisitDayBlackout {
        /// The site-local date.
        date: NaiveDate,
        /// The holiday or blackout.
        name: String,
    },
    /// A booking of the provider falls on a travel day of an on-site visit.
    TravelDayConflict {
        /// The travel day (site-local date).
        date: NaiveDate,
        /// The booked session's id.
        id: String,
        /// When it runs.
        session: Interval,
    },
    /// The provider is away on a travel day of an on-site visit.
    TravelDayTimeOff {
        /// The travel day (site-local date).
        date: NaiveDate,
        /// The provider's note, if any.
        label: Option<String>,
    },
    /// No slot was free anywhere in the tolerance window.
    NoFreeSlotWithinTolerance {
        /// First site-local date searched.
        first_date: NaiveDate,
        /// Last site-local date searched.
        last_date: NaiveDate,
    },
}

fn join(ranges: &[LocalTimeRange]) -> String {
    if ranges.is_empty() {
        "none".to_owned()
    } else {
        ranges
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// "Mon 18 Jan 2027".
fn day(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

impl fmt::Display for PlacementFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlacementFailure::OutsideWindow {
                date,
                earliest,
                latest,
            } => write!(
                f,
                "{date} is outside the requested window {earliest} to {latest}"
            ),
            PlacementFailure::BeforeMinimumNotice { earliest_start } => write!(
                f,
                "too soon: the minimum notice allows starts from {}",
                earliest_start.format("%Y-%m-%d %H:%M UTC")
            ),
            PlacementFailure::Blackout { date, name } => write!(f, "{date} is {name}"),
            PlacementFailure::ProviderTimeOff { label } => match label {
                Some(label) => write!(f, "the provider is away ({label})"),
                None => write!(f, "the provider is away"),
            },
            // A day without hours is not a working (or preferred) day at all: said so, rather
            // than "outside the hours (none)".
            PlacementFailure::OutsideProviderHours {
                provider_local_start,
                hours,
            } if hours.is_empty() => write!(
                f,
                "{} is not one of the provider's working days",
                provider_local_start.format("%a %Y-%m-%d")
            ),
            PlacementFailure::OutsideProviderHours {
                provider_local_start,
                hours,
            } => write!(
                f,
                "{} is outside the provider's hours that day ({})",
                provider_local_start.format("%a %Y-%m-%d %H:%M"),
                join(hours)
            ),
            PlacementFailure::OutsideSitePreferredHours {
                site_local_start,
                hours,
            } if hours.is_empty() => write!(
                f,
                "{} is not one of the site's preferred weekdays",
                site_local_start.format("%a %Y-%m-%d")
            ),
            PlacementFailure::OutsideSitePreferredHours {
                site_local_start,
                hours,
            } => write!(
                f,
                "{} is outside the site's preferred hours that day ({})",
                site_local_start.format("%a %Y-%m-%d %H:%M"),
                join(hours)
            ),
            PlacementFailure::ConflictWithSession { id, session } => {
                write!(f, "conflicts with session {id} ({session})")
            }
            PlacementFailure::ConflictWithOccurrence { index, slot } => {
                write!(
                    f,
                    "conflicts with occurrence #{index} of this series ({slot})"
                )
            }
            PlacementFailure::DailyCapReached { date, booked, max } => write!(
                f,
                "the provider already has {booked} of at most {max} sessions on {date}"
            ),
            PlacementFailure::WeeklyCapReached {
                week_start,
                booked_minutes,
                max_minutes,
            } => write!(
                f,
                "the week of {week_start} already holds {booked_minutes} of at most \
                 {max_minutes} minutes"
            ),
            PlacementFailure::NoFreeSlotWithinTolerance {
                first_date,
                last_date,
            } => write!(f, "no free slot from {first_date} to {last_date}"),
            PlacementFailure::VisitOverWeekend {
                first_date,
                last_date,
            } => write!(
                f,
                "a visit from {} to {} would run over a weekend (a visit's days are \
                 consecutive business days, Monday to Friday)",
                day(*first_date),
                day(*last_date)
            ),
            PlacementFailure::VisitDayBlackout { date, name } => {
                write!(f, "{} is {name}", day(*date))
            }
            PlacementFailure::TravelDayConflict { date, id, session } => write!(
                f,
                "the travel day {} conflicts with session {id} ({session})",
                day(*date)
            ),
            PlacementFailure::TravelDayTimeOff { date, label } => match label {
                Some(label) => write!(
                    f,
                    "the provider is away on the travel day {} ({label})",
                    day(*date)
                ),
                None => write!(f, "the provider is away on the travel day {}", day(*date)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_day_without_hours_is_named_as_such_not_as_outside_none() {
        let site = PlacementFailure::OutsideSitePreferredHours {
            site_local_start: at("2027-04-07 09:00"),
            hours: Vec::new(),
        };
        assert_eq!(
            site.to_string(),
            "Wed 2027-04-07 is not one of the site's preferred weekdays"
        );
        let provider = PlacementFailure::OutsideProviderHours {
            provider_local_start: at("2027-04-10 08:00"),
            hours: Vec::new(),
        };
        assert_eq!(
            provider.to_string(),
            "Sat 2027-04-10 is not one of the provider's working days"
        );
        let hours = PlacementFailure::OutsideSitePreferredHours {
            site_local_start: at("2027-04-07 07:00"),
            hours: vec![LocalTimeRange::parse("09:00-17:00").unwrap()],
        };
        assert_eq!(
            hours.to_string(),
            "Wed 2027-04-07 07:00 is outside the site's preferred hours that day (09:00-17:00)"
        );
    }
}
