//! Everything the engine needs to know about one provider: availability, existing sessions with
//! their buffers, and caps.
//!
//! JSON: `{"zone": "America/Phoenix", "weekly_hours": [{"hours": {"mon": ["09:00-17:00"]}}],
//! "overrides": [], "time_off": [], "busy": [{"id": "S-1", "start": "...Z", "end": "...Z"}],
//! "buffers": {"before_minutes": 15, "after_minutes": 15},
//! "caps": {"max_sessions_per_day": 2, "max_hours_per_week": 10}}`.

use crate::availability::{Availability, DateOverride, WeeklySchedule};
use crate::busy::{Buffers, BusyCalendar, BusySession};
use crate::caps::Caps;
use crate::error::InputError;
use crate::time_off::TimeOff;
use crate::zone::Zone;
use serde::{Deserialize, Serialize};

/// A provider's availability, bookings and limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ProviderFields", into = "ProviderFields")]
pub struct ProviderSchedule {
    availability: Availability,
    busy: BusyCalendar,
    caps: Caps,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderFields {
    zone: Zone,
    #[serde(default)]
    weekly_hours: Vec<WeeklySchedule>,
    #[serde(default)]
    overrides: Vec<DateOverride>,
    #[serde(default)]
    time_off: Vec<TimeOff>,
    #[serde(default)]
    busy: Vec<BusySession>,
    #[serde(default)]
    buffers: Buffers,
    #[serde(default)]
    caps: Caps,
}

impl ProviderSchedule {
    /// A provider with `availability`, existing `busy` sessions and `caps`.
    pub fn new(availability: Availability, busy: BusyCalendar, caps: Caps) -> Self {
        ProviderSchedule {
            availability,
            busy,
            caps,
        }
    }

    /// The provider's zone.
    pub fn zone(&self) -> Zone {
        self.availability.zone()
    }

    /// Availability (weekly hours, overrides, time off).
    pub fn availability(&self) -> &Availability {
        &self.availability
    }

    /// Existing sessions and buffers.
    pub fn busy(&self) -> &BusyCalendar {
        &self.busy
    }

    /// Limits on sessions per day and hours per week.
    pub fn caps(&self) -> Caps {
        self.caps
    }
}

impl TryFrom<ProviderFields> for ProviderSchedule {
    type Error = InputError;
    fn try_from(fields: ProviderFields) -> Result<Self, Self::Error> {
        let availability = Availability::new(
            fields.zone,
            fields.weekly_hours,
            fields.overrides,
            fields.time_off,
        )?;
        Ok(ProviderSchedule::new(
            availability,
            BusyCalendar::new(fields.busy, fields.buffers),
            fields.caps,
        ))
    }
}

impl From<ProviderSchedule> for ProviderFields {
    fn from(provider: ProviderSchedule) -> Self {
        let zone = provider.zone();
        let busy = provider.busy.sessions().to_vec();
        let buffers = provider.busy.buffers();
        let (weekly_hours, overrides, time_off) = provider.availability.into_parts();
        ProviderFields {
            zone,
            weekly_hours,
            overrides,
            time_off,
            busy,
            buffers,
            caps: provider.caps,
        }
    }
}
