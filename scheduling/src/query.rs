//! The JSON door into the engine: one document holding a whole scheduling question (the format
//! is documented in the crate README), and the answer as a person reads it — UTC plus the
//! provider's and the site's wall clocks with zone abbreviations, and reasons in words beside
//! their facts. The `slots` example and the golden tests use this; it performs no I/O itself.

use crate::failure::PlacementFailure;
use crate::fit::AvailabilityFit;
use crate::interval::Interval;
use crate::prepared::SlotQuery;
use crate::provider::ProviderSchedule;
use crate::request::SessionRequest;
use crate::series::{Occurrence, Outcome};
use crate::site::SiteCalendar;
use crate::slots::{Slot, SlotOrder};
use crate::zone::{Resolution, Zone};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A whole scheduling question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// Free slots for one session, or placement of the whole series.
    pub mode: QueryMode,
    /// The current instant.
    pub now: DateTime<Utc>,
    /// The provider.
    pub provider: ProviderSchedule,
    /// The site.
    pub site: SiteCalendar,
    /// The request.
    pub request: SessionRequest,
    /// Order of free slots (mode `slots`).
    #[serde(default)]
    pub order: SlotOrder,
    /// Most free slots to list (mode `slots`).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// What to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryMode {
    /// Free slots for one session of the requested length.
    Slots,
    /// Place every occurrence of the requested series.
    Series,
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Answer {
    /// Free slots.
    Slots {
        /// The provider's zone.
        provider_zone: Zone,
        /// The site's zone.
        site_zone: Zone,
        /// How many slots are listed.
        count: usize,
        /// The slots, in the requested order.
        slots: Vec<SlotView>,
    },
    /// A placed series.
    Series {
        /// The provider's zone.
        provider_zone: Zone,
        /// The site's zone.
        site_zone: Zone,
        /// Summary.
        fit: AvailabilityFit,
        /// Each occurrence.
        occurrences: Vec<OccurrenceView>,
    },
}

/// A session time shown in UTC and on both wall clocks.
#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    /// Start, UTC.
    pub start_utc: DateTime<Utc>,
    /// End, UTC.
    pub end_utc: DateTime<Utc>,
    /// On the provider's wall clock, e.g. `Tue 2025-03-11 09:00-10:00 MST`.
    pub provider_local: String,
    /// On the site's wall clock, e.g. `Tue 2025-03-11 11:00-12:00 CDT`.
    pub site_local: String,
}

/// A free slot as shown.
#[derive(Debug, Clone, Serialize)]
pub struct SlotView {
    /// When.
    #[serde(flatten)]
    pub time: TimeView,
    /// The free stretch it lies in.
    pub free_stretch: Interval,
    /// Minutes from the requested site-local start time.
    pub minutes_from_requested_time: u32,
}

/// An occurrence as shown.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceView {
    /// 1-based position.
    pub index: u32,
    /// `at_anchor`, `moved` or `unplaced`.
    pub status: &'static str,
    /// Site-local anchor date.
    pub anchor_date: NaiveDate,
    /// The anchor on both wall clocks.
    pub anchor: TimeView,
    /// How the anchor's wall-clock time was resolved.
    pub anchor_resolution: Resolution,
    /// The placed session, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placed: Option<TimeView>,
    /// Minutes moved from the anchor, if placed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shift_minutes: Option<i64>,
    /// Why the anchor could not stand (and, if unplaced, why nothing nearby could).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<ReasonView>,
}

/// A reason with its facts and in words.
#[derive(Debug, Clone, Serialize)]
pub struct ReasonView {
    /// The reason and its facts.
    #[serde(flatten)]
    pub failure: PlacementFailure,
    /// The same in words.
    pub message: String,
}

impl Query {
    /// The question as the engine's borrowed query.
    pub fn slot_query(&self) -> SlotQuery<'_> {
        SlotQuery {
            provider: &self.provider,
            site: &self.site,
            request: &self.request,
            now: self.now,
        }
    }

    /// Computes the answer.
    pub fn answer(&self) -> Answer {
        let query = self.slot_query();
        let prepared = query.prepare();
        let provider_zone = self.provider.zone();
        let site_zone = self.site.zone();
        let view = |interval: &Interval| time_view(provider_zone, site_zone, interval);
        match self.mode {
            QueryMode::Slots => {
                let slots: Vec<SlotView> = prepared
                    .free_slots(&self.provider, self.order, self.limit)
                    .iter()
                    .map(|slot: &Slot| SlotView {
                        time: view(&slot.interval),
                        free_stretch: slot.free_stretch,
                        minutes_from_requested_time: slot.minutes_from_requested_time,
                    })
                    .collect();
                Answer::Slots {
                    provider_zone,
                    site_zone,
                    count: slots.len(),
                    slots,
                }
            }
            QueryMode::Series => {
                let plan = prepared.place_series(&self.provider);
                Answer::Series {
                    provider_zone,
                    site_zone,
                    fit: AvailabilityFit::of(&plan),
                    occurrences: plan
                        .occurrences
                        .iter()
                        .map(|o| occurrence_view(o, &view))
                        .collect(),
                }
            }
        }
    }
}

fn occurrence_view(
    occurrence: &Occurrence,
    view: &impl Fn(&Interval) -> TimeView,
) -> OccurrenceView {
    let (status, reasons) = match &occurrence.outcome {
        Outcome::AtAnchor { .. } => ("at_anchor", &[][..]),
        Outcome::Moved { anchor_reasons, .. } => ("moved", anchor_reasons.as_slice()),
        Outcome::Unplaced { reasons } => ("unplaced", reasons.as_slice()),
    };
    OccurrenceView {
        index: occurrence.index,
        status,
        anchor_date: occurrence.anchor_date,
        anchor: view(&occurrence.anchor),
        anchor_resolution: occurrence.anchor_resolution,
        placed: occurrence.slot().map(|slot| view(&slot)),
        shift_minutes: occurrence.shift_minutes(),
        reasons: reasons
            .iter()
            .map(|failure| ReasonView {
                message: failure.to_string(),
                failure: failure.clone(),
            })
            .collect(),
    }
}

fn time_view(provider_zone: Zone, site_zone: Zone, interval: &Interval) -> TimeView {
    TimeView {
        start_utc: interval.start(),
        end_utc: interval.end(),
        provider_local: describe_span(provider_zone, interval),
        site_local: describe_span(site_zone, interval),
    }
}

/// `interval` on `zone`'s wall clock: `Tue 2025-03-11 09:00-10:00 MST`, or with both dates and
/// abbreviations when the span crosses midnight or a change of offset.
pub fn describe_span(zone: Zone, interval: &Interval) -> String {
    let start = zone.stamp(interval.start());
    let end = zone.stamp(interval.end());
    if start.local.date() == end.local.date() && start.abbreviation == end.abbreviation {
        format!(
            "{}-{} {}",
            start.local.format("%a %Y-%m-%d %H:%M"),
            end.local.format("%H:%M"),
            end.abbreviation
        )
    } else {
        format!("{start} - {end}")
    }
}
