//! A site as the engine sees it: its zone, the local hours it prefers sessions in, and the
//! dates it cannot meet.
//!
//! JSON: `{"zone": "America/Chicago", "preferred_hours": {"tue": ["09:00-12:00"]},
//! "blackouts": {"federal_holidays": true, "dates": [{"date": "2025-06-02", "name": "..."}]}}`.
//! Without `preferred_hours` any hour suits the site.

use crate::blackout::{BlackoutCalendar, BlackoutIndex};
use crate::calendar::add_days;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::weekly_hours::WeeklyHours;
use crate::zone::Zone;
use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// The site's zone, preferred hours and blackout dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteCalendar {
    zone: Zone,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    preferred_hours: Option<WeeklyHours>,
    #[serde(default)]
    blackouts: BlackoutCalendar,
}

impl SiteCalendar {
    /// A site in `zone` preferring `preferred_hours` (any time when `None`).
    pub fn new(
        zone: Zone,
        preferred_hours: Option<WeeklyHours>,
        blackouts: BlackoutCalendar,
    ) -> Self {
        SiteCalendar {
            zone,
            preferred_hours,
            blackouts,
        }
    }

    /// The site's zone: the wall clock series are anchored to.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The site's preferred hours, if it stated any.
    pub fn preferred_hours(&self) -> Option<&WeeklyHours> {
        self.preferred_hours.as_ref()
    }

    /// The site's blackout calendar.
    pub fn blackouts(&self) -> &BlackoutCalendar {
        &self.blackouts
    }

    /// The part of `window` inside the site's preferred hours.
    pub fn preferred_in(&self, window: &Interval) -> IntervalSet {
        let Some(hours) = &self.preferred_hours else {
            return IntervalSet::single(*window);
        };
        let first = self.zone.first_date_reaching(window.start_seconds());
        let last = self.zone.local_date_at(window.end_seconds() - 1);
        let mut spans = Vec::new();
        let mut date = first;
        while date <= last {
            for range in hours.on(date.weekday()) {
                let start = self
                    .zone
                    .local_minute_to_seconds(date, range.start_minute());
                let end = self.zone.local_minute_to_seconds(date, range.end_minute());
                spans.extend(Interval::from_seconds(start, end));
            }
            date = add_days(date, 1);
        }
        IntervalSet::from_intervals(spans).clip(window)
    }

    /// The part of `window` on blacked-out site-local dates.
    pub(crate) fn blacked_out_in(&self, index: &BlackoutIndex, window: &Interval) -> IntervalSet {
        let first = self.zone.local_date_at(window.start_seconds());
        let last = self.zone.local_date_at(window.end_seconds() - 1);
        let spans = index
            .between(first, last)
            .iter()
            .filter_map(|b| {
                Interval::from_seconds(
                    self.zone.start_of_day(b.date),
                    self.zone.start_of_day(add_days(b.date, 1)),
                )
            })
            .collect();
        IntervalSet::from_intervals(spans).clip(window)
    }
}
