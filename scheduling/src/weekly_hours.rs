//! Hours per weekday as wall-clock ranges, used for a provider's working hours (in the
//! provider's zone) and a site's preferred hours (in the site's zone). The zone is held by the
//! owner; this type only knows wall clocks.
//!
//! JSON: `{"mon": ["09:00-12:00", "13:00-17:00"], "tue": [...], ...}`. Missing days have no
//! hours. Keys may be three-letter or full English day names in any case.

use crate::error::InputError;
use crate::local_time::{LocalTimeRange, sorted_without_overlaps};
use chrono::Weekday;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Wall-clock ranges for each day of the week; ranges within a day are sorted and do not
/// overlap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "BTreeMap<String, Vec<LocalTimeRange>>",
    into = "BTreeMap<String, Vec<LocalTimeRange>>"
)]
pub struct WeeklyHours {
    days: [Vec<LocalTimeRange>; 7],
}

const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl WeeklyHours {
    /// Hours from `(weekday, ranges)` pairs; a weekday may appear more than once, but no two
    /// ranges of one weekday may overlap.
    pub fn new(
        entries: impl IntoIterator<Item = (Weekday, Vec<LocalTimeRange>)>,
    ) -> Result<Self, InputError> {
        let mut days: [Vec<LocalTimeRange>; 7] = Default::default();
        for (weekday, ranges) in entries {
            if let Some(day) = days.get_mut(weekday.num_days_from_monday() as usize) {
                day.extend(ranges);
            }
        }
        for (index, day) in days.iter_mut().enumerate() {
            let key = DAY_KEYS.get(index).copied().unwrap_or("?");
            *day = sorted_without_overlaps(std::mem::take(day), &key)?;
        }
        Ok(WeeklyHours { days })
    }

    /// The same `ranges` on each of `weekdays` (a convenience for the common case).
    pub fn same_on(weekdays: &[Weekday], ranges: &[LocalTimeRange]) -> Result<Self, InputError> {
        Self::new(weekdays.iter().map(|&day| (day, ranges.to_vec())))
    }

    /// The ranges on `weekday`, sorted.
    pub fn on(&self, weekday: Weekday) -> &[LocalTimeRange] {
        self.days
            .get(weekday.num_days_from_monday() as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Whether no day has any hours.
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }
}

/// Parses a weekday key: `mon`, `Monday`, `TUE`, ...
pub(crate) fn parse_weekday(key: &str) -> Result<Weekday, InputError> {
    key.trim()
        .parse::<Weekday>()
        .map_err(|_| InputError::UnknownWeekday(key.to_owned()))
}

impl TryFrom<BTreeMap<String, Vec<LocalTimeRange>>> for WeeklyHours {
    type Error = InputError;
    fn try_from(map: BTreeMap<String, Vec<LocalTimeRange>>) -> Result<Self, Self::Error> {
        let entries = map
            .into_iter()
            .map(|(key, ranges)| parse_weekday(&key).map(|day| (day, ranges)))
            .collect::<Result<Vec<_>, _>>()?;
        WeeklyHours::new(entries)
    }
}

impl From<WeeklyHours> for BTreeMap<String, Vec<LocalTimeRange>> {
    fn from(hours: WeeklyHours) -> Self {
        DAY_KEYS
            .iter()
            .zip(hours.days)
            .filter(|(_, ranges)| !ranges.is_empty())
            .map(|(key, ranges)| ((*key).to_owned(), ranges))
            .collect()
    }
}
