//! Limits on a provider's load, counted in the provider's zone: sessions per local day and
//! hours per local week (Monday to Sunday). A session counts towards the day and the week in
//! which it starts.

use crate::calendar::{add_days, week_start};
use crate::error::InputError;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::zone::Zone;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Upper bounds on a provider's sessions; `None` means no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CapsFields", into = "CapsFields")]
pub struct Caps {
    max_sessions_per_day: Option<u32>,
    max_minutes_per_week: Option<u32>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CapsFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_sessions_per_day: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_hours_per_week: Option<f64>,
}

/// Minutes in a week: the largest meaningful weekly cap.
const MINUTES_PER_WEEK: u32 = 7 * 1_440;

impl Caps {
    /// No limits.
    pub fn none() -> Self {
        Caps::default()
    }

    /// At most `max_sessions_per_day` sessions per local day and `max_minutes_per_week`
    /// minutes per local week.
    pub fn new(
        max_sessions_per_day: Option<u32>,
        max_minutes_per_week: Option<u32>,
    ) -> Result<Self, InputError> {
        if let Some(minutes) = max_minutes_per_week
            && minutes > MINUTES_PER_WEEK
        {
            return Err(InputError::OutOfRange {
                what: "maximum minutes per week",
                value: minutes.to_string(),
                min: 0,
                max: i64::from(MINUTES_PER_WEEK),
            });
        }
        Ok(Caps {
            max_sessions_per_day,
            max_minutes_per_week,
        })
    }

    /// Most sessions allowed on one provider-local day.
    pub fn max_sessions_per_day(&self) -> Option<u32> {
        self.max_sessions_per_day
    }

    /// Most minutes of sessions allowed in one provider-local week.
    pub fn max_minutes_per_week(&self) -> Option<u32> {
        self.max_minutes_per_week
    }

    fn is_unlimited(&self) -> bool {
        self.max_sessions_per_day.is_none() && self.max_minutes_per_week.is_none()
    }
}

/// Which cap a new session would break, with the counts that show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CapBreach {
    /// The provider-local day already holds the most sessions allowed.
    Day {
        date: NaiveDate,
        booked: u32,
        max: u32,
    },
    /// The provider-local week would exceed its minutes.
    Week {
        week_start: NaiveDate,
        booked_minutes: u32,
        max_minutes: u32,
    },
}

/// Running counts of sessions per provider-local day and minutes per week.
#[derive(Debug, Clone)]
pub(crate) struct CapLedger {
    caps: Caps,
    zone: Zone,
    sessions_per_day: BTreeMap<NaiveDate, u32>,
    minutes_per_week: BTreeMap<NaiveDate, u32>,
}

impl CapLedger {
    pub(crate) fn new(caps: Caps, zone: Zone) -> Self {
        CapLedger {
            caps,
            zone,
            sessions_per_day: BTreeMap::new(),
            minutes_per_week: BTreeMap::new(),
        }
    }

    /// Counts `session` towards its day and week.
    pub(crate) fn record(&mut self, session: &Interval) {
        if self.caps.is_unlimited() {
            return;
        }
        let date = self.zone.local_date_at(session.start_seconds());
        *self.sessions_per_day.entry(date).or_insert(0) += 1;
        let minutes = u32::try_from(session.duration().num_minutes()).unwrap_or(u32::MAX);
        let week = self.minutes_per_week.entry(week_start(date)).or_insert(0);
        *week = week.saturating_add(minutes);
    }

    /// Whether a session over `session` fits under the caps.
    pub(crate) fn check(&self, session: &Interval) -> Result<(), CapBreach> {
        if self.caps.is_unlimited() {
            return Ok(());
        }
        let date = self.zone.local_date_at(session.start_seconds());
        if let Some(max) = self.caps.max_sessions_per_day {
            let booked = self.sessions_per_day.get(&date).copied().unwrap_or(0);
            if booked >= max {
                return Err(CapBreach::Day { date, booked, max });
            }
        }
        if let Some(max_minutes) = self.caps.max_minutes_per_week {
            let week_start = week_start(date);
            let booked_minutes = self.minutes_per_week.get(&week_start).copied().unwrap_or(0);
            let minutes = u32::try_from(session.duration().num_minutes()).unwrap_or(u32::MAX);
            if booked_minutes.saturating_add(minutes) > max_minutes {
                return Err(CapBreach::Week {
                    week_start,
                    booked_minutes,
                    max_minutes,
                });
            }
        }
        Ok(())
    }

    /// The instants in `window` at which a session of `session_minutes` may not *start*
    /// because its day or week is full.
    pub(crate) fn blocked_starts(&self, window: &Interval, session_minutes: u32) -> IntervalSet {
        if self.caps.is_unlimited() {
            return IntervalSet::new();
        }
        let first = self.zone.local_date_at(window.start_seconds());
        let last = self.zone.local_date_at(window.end_seconds() - 1);
        let mut blocked = Vec::new();
        if let Some(max) = self.caps.max_sessions_per_day {
            for (&date, _) in self
                .sessions_per_day
                .range(first..=last)
                .filter(|&(_, &booked)| booked >= max)
            {
                blocked.extend(self.days_span(date, 1));
            }
            if max == 0 {
                blocked.extend(self.days_span(first, days_between(first, last) + 1));
            }
        }
        if let Some(max_minutes) = self.caps.max_minutes_per_week {
            let mut week = week_start(first);
            while week <= last {
                let booked = self.minutes_per_week.get(&week).copied().unwrap_or(0);
                if booked.saturating_add(session_minutes) > max_minutes {
                    blocked.extend(self.days_span(week, 7));
                }
                week = add_days(week, 7);
            }
        }
        IntervalSet::from_intervals(blocked).clip(window)
    }

    fn days_span(&self, first: NaiveDate, days: i64) -> Option<Interval> {
        Interval::from_seconds(
            self.zone.start_of_day(first),
            self.zone.start_of_day(add_days(first, days)),
        )
    }
}

fn days_between(first: NaiveDate, last: NaiveDate) -> i64 {
    (last - first).num_days()
}

impl TryFrom<CapsFields> for Caps {
    type Error = InputError;
    fn try_from(fields: CapsFields) -> Result<Self, Self::Error> {
        let minutes = match fields.max_hours_per_week {
            None => None,
            Some(hours) if hours.is_finite() && (0.0..=168.0).contains(&hours) => {
                // In 0..=10080 after the check, so the cast is exact enough and cannot wrap.
                Some((hours * 60.0).round() as u32)
            }
            Some(hours) => {
                return Err(InputError::OutOfRange {
                    what: "maximum hours per week",
                    value: hours.to_string(),
                    min: 0,
                    max: 168,
                });
            }
        };
        Caps::new(fields.max_sessions_per_day, minutes)
    }
}

impl From<Caps> for CapsFields {
    fn from(caps: Caps) -> Self {
        CapsFields {
            max_sessions_per_day: caps.max_sessions_per_day,
            max_hours_per_week: caps.max_minutes_per_week.map(|m| f64::from(m) / 60.0),
        }
    }
}
