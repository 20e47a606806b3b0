//! Multi-day on-site visits: N consecutive business days on the site's wall clock, each day from
//! the request's start time for the request's length (e.g. 08:30–17:00 for two days), with the
//! provider's travel day before and after when the request asks for them.
//!
//! # The rules
//!
//! - **Days.** Each visit day's start is resolved on the site's zone *for its own date*, so a
//!   visit over a DST change keeps 08:30 on the wall clock every day (its UTC instants move).
//! - **Consecutive business days.** A visit's days are consecutive calendar days from Monday to
//!   Friday: Friday + Monday is *not* a two-day visit (the provider would be held over the
//!   weekend, and a calendar invite's `RRULE:FREQ=DAILY` could not describe it). A start date
//!   whose days would reach a weekend is refused at that date ([`PlacementFailure::VisitOverWeekend`]),
//!   and series placement *shifts* the visit to the nearest start date whose days all fit.
//! - **Every day is checked**: not a federal holiday or a site blackout date (refused naming the
//!   day), inside the request's window and after the minimum notice, inside the site's preferred
//!   hours, not in the provider's time off, on a date the provider works at all (a provider on
//!   site keeps the site's hours, so the provider's home-zone hours are not applied to the time
//!   of day), under the caps (each day counts as one session of its length on the provider's
//!   day and week).
//! - **Travel days** are whole site-local days (the calendar day before the first visit day and
//!   after the last; they may be weekends or holidays — travelling is allowed then). A booking or
//!   time off on a travel day refuses the visit, naming the travel day.
//! - **Blocked time.** The whole visit, from the first day's start to the last day's end, is
//!   blocked for the provider (widened by the buffers), or from the start of the travel day
//!   before to the end of the travel day after. That one span is what the service stores as the
//!   session's blocked time, so the database's double-booking constraint covers every day.
//!
//! Placement of a series of visits ([`PreparedRequest::place_visits`]) uses the same cadence,
//! window, notice and tolerance as sessions: an anchor that cannot stand moves to the nearest
//! start date (in whole days; ties to the later date, "the next fit") within the tolerance
//! window whose visit fits, and is reported unplaced with its reasons otherwise.

use crate::calendar::{add_days, instant, is_weekend};
use crate::caps::{CapBreach, CapLedger};
use crate::error::InputError;
use crate::failure::PlacementFailure;
use crate::interval::Interval;
use crate::local_time::LocalTime;
use crate::prepared::PreparedRequest;
use crate::provider::ProviderSchedule;
use crate::request::SessionLength;
use crate::series::{Occurrence, Outcome, SeriesPlan};
use crate::slots::Slot;
use crate::zone::Zone;
use crate::{Buffers, SiteCalendar};
use chrono::{NaiveDate, NaiveTime, TimeDelta};
use serde::Serialize;

/// Most days one visit may last (a working week).
pub const MAX_VISIT_DAYS: u32 = 5;

/// How long a visit lasts and whether travel days are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VisitShape {
    days: u32,
    travel_days: bool,
}

impl VisitShape {
    /// A visit of `days` consecutive business days (1 to 5), with or without travel days.
    pub fn new(days: u32, travel_days: bool) -> Result<Self, InputError> {
        if (1..=MAX_VISIT_DAYS).contains(&days) {
            Ok(VisitShape { days, travel_days })
        } else {
            Err(InputError::OutOfRange {
                what: "days of an on-site visit",
                value: days.to_string(),
                min: 1,
                max: i64::from(MAX_VISIT_DAYS),
            })
        }
    }

    /// Days of the visit.
    pub fn days(&self) -> u32 {
        self.days
    }

    /// Whether the travel day before and after are kept free.
    pub fn travel_days(&self) -> bool {
        self.travel_days
    }
}

/// One day of a visit, or a travel day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VisitDay {
    /// The site-local date.
    pub date: NaiveDate,
    /// The visit's hours that day, or the whole site-local day for a travel day.
    pub interval: Interval,
}

/// One visit laid out on the site's wall clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitLayout {
    /// The visit days, in order.
    pub days: Vec<VisitDay>,
    /// The travel days (before, after), empty without travel days.
    pub travel: Vec<VisitDay>,
}

impl VisitLayout {
    /// The visit starting on the site-local `first` date at `start` for `length` each day.
    /// Refused when a day would fall on a weekend (see the module docs).
    pub fn lay_out(
        zone: Zone,
        first: NaiveDate,
        start: LocalTime,
        length: SessionLength,
        shape: VisitShape,
    ) -> Result<Self, PlacementFailure> {
        let last = add_days(first, i64::from(shape.days) - 1);
        let dates: Vec<NaiveDate> = (0..i64::from(shape.days))
            .map(|i| add_days(first, i))
            .collect();
        if dates.iter().any(|d| is_weekend(*d)) {
            return Err(PlacementFailure::VisitOverWeekend {
                first_date: first,
                last_date: last,
            });
        }
        let start_time = NaiveTime::MIN + TimeDelta::minutes(i64::from(start.minute_of_day()));
        let days = dates
            .into_iter()
            .filter_map(|date| {
                let (begin, _) = zone.resolve(date.and_time(start_time));
                let begin = begin.timestamp();
                Interval::from_seconds(begin, begin + length.seconds())
                    .map(|interval| VisitDay { date, interval })
            })
            .collect();
        let whole_day = |date: NaiveDate| {
            Interval::from_seconds(
                zone.start_of_day(date),
                zone.start_of_day(add_days(date, 1)),
            )
            .map(|interval| VisitDay { date, interval })
        };
        let travel = if shape.travel_days {
            [add_days(first, -1), add_days(last, 1)]
                .into_iter()
                .filter_map(whole_day)
                .collect()
        } else {
            Vec::new()
        };
        Ok(VisitLayout { days, travel })
    }

    /// From the first day's start to the last day's end.
    pub fn span(&self) -> Option<Interval> {
        let first = self.days.first()?;
        let last = self.days.last()?;
        Interval::from_seconds(first.interval.start_seconds(), last.interval.end_seconds())
    }

    /// The time the visit keeps the provider from other bookings: the span widened by the
    /// buffers, and over the travel days when there are any.
    pub fn blocked(&self, buffers: Buffers) -> Option<Interval> {
        let widened = buffers.widen(&self.span()?);
        let start = self.travel.first().map_or(widened.start_seconds(), |t| {
            t.interval.start_seconds().min(widened.start_seconds())
        });
        let end = self.travel.last().map_or(widened.end_seconds(), |t| {
            t.interval.end_seconds().max(widened.end_seconds())
        });
        Interval::from_seconds(start, end)
    }

    /// The first visit day's date.
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.days.first().map(|d| d.date)
    }

    /// The last visit day's date.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.days.last().map(|d| d.date)
    }
}

/// An occurrence placed earlier in the series: its index, span and blocked time.
type Placed = (u32, Interval, Interval);

impl PreparedRequest<'_> {
    /// The visit starting on `first` as this request lays it out on the site's clock.
    pub fn visit_layout(
        &self,
        first: NaiveDate,
        shape: VisitShape,
    ) -> Result<VisitLayout, PlacementFailure> {
        VisitLayout::lay_out(
            self.site.zone(),
            first,
            self.request.local_start_time(),
            self.request.length(),
            shape,
        )
    }

    /// Places every occurrence of the request as a visit of `shape` for `provider`; see the
    /// module docs. Each placed occurrence's slot runs from the first day's start to the last
    /// day's end.
    pub fn place_visits(&self, provider: &ProviderSchedule, shape: VisitShape) -> SeriesPlan {
        let mut ledger = self.visit_ledger(provider);
        let mut placed: Vec<Placed> = Vec::new();
        let occurrences = self
            .frames()
            .iter()
            .map(|frame| {
                let anchor_layout = self.visit_layout(frame.anchor_date, shape);
                let anchor = anchor_layout
                    .as_ref()
                    .ok()
                    .and_then(VisitLayout::span)
                    .unwrap_or(frame.anchor);
                let reasons = match &anchor_layout {
                    Ok(layout) => self.visit_reasons(provider, layout, &placed, &ledger),
                    Err(refusal) => vec![refusal.clone()],
                };
                let chosen = if reasons.is_empty() {
                    anchor_layout.ok().map(|layout| (layout, true))
                } else {
                    self.candidate_dates(frame.anchor_date, frame.search_dates, shape)
                        .into_iter()
                        .filter(|date| *date != frame.anchor_date)
                        .find_map(|date| {
                            let layout = self.visit_layout(date, shape).ok()?;
                            self.visit_reasons(provider, &layout, &placed, &ledger)
                                .is_empty()
                                .then_some((layout, false))
                        })
                };
                let outcome = match chosen
                    .and_then(|(layout, at_anchor)| Some((layout.span()?, layout, at_anchor)))
                {
                    Some((slot, layout, at_anchor)) => {
                        for day in &layout.days {
                            ledger.record(&day.interval);
                        }
                        let blocked = layout.blocked(provider.busy().buffers()).unwrap_or(slot);
                        placed.push((frame.index, slot, blocked));
                        if at_anchor {
                            Outcome::AtAnchor { slot }
                        } else {
                            Outcome::Moved {
                                slot,
                                shift_minutes: (slot.start_seconds()
                                    - frame.anchor.start_seconds())
                                    / 60,
                                anchor_reasons: reasons,
                            }
                        }
                    }
                    None => {
                        let (first_date, last_date) = frame
                            .search_dates
                            .unwrap_or((frame.anchor_date, frame.anchor_date));
                        let mut reasons = reasons;
                        reasons.push(PlacementFailure::NoFreeSlotWithinTolerance {
                            first_date,
                            last_date,
                        });
                        Outcome::Unplaced { reasons }
                    }
                };
                Occurrence {
                    index: frame.index,
                    anchor_date: frame.anchor_date,
                    anchor,
                    anchor_resolution: frame.resolution,
                    outcome,
                }
            })
            .collect();
        SeriesPlan { occurrences }
    }

    /// The other start dates occurrence `index` may move to while the other occurrences stand
    /// at `others` (`(index, span)`; an entry for `index` itself is ignored), as slots spanning
    /// the whole visit, nearest its anchor first, at most `limit` of them. Dates are searched
    /// within the tolerance window and a fortnight either side of it, inside the request's
    /// window.
    pub fn visit_alternatives(
        &self,
        provider: &ProviderSchedule,
        shape: VisitShape,
        index: u32,
        others: &[(u32, Interval)],
        limit: Option<usize>,
    ) -> Vec<Slot> {
        let Some(frame) = self.frames().iter().find(|f| f.index == index) else {
            return Vec::new();
        };
        let (placed, ledger) = self.others_placed(provider, shape, index, others);
        let (first, last) = frame
            .search_dates
            .unwrap_or((frame.anchor_date, frame.anchor_date));
        let widened = Some((add_days(first, -14), add_days(last, 14)));
        let zone = self.site.zone();
        self.candidate_dates(frame.anchor_date, widened, shape)
            .into_iter()
            .filter_map(|date| {
                let layout = self.visit_layout(date, shape).ok()?;
                if !self
                    .visit_reasons(provider, &layout, &placed, &ledger)
                    .is_empty()
                {
                    return None;
                }
                let span = layout.span()?;
                Some(Slot {
                    interval: span,
                    free_stretch: span,
                    site_local_start: zone.local(span.start()),
                    minutes_from_requested_time: 0,
                })
            })
            .take(limit.unwrap_or(usize::MAX))
            .collect()
    }

    /// Whether the visit over `slot` is one [`visit_alternatives`](Self::visit_alternatives)
    /// offers for occurrence `index` (a time not offered is refused).
    pub fn offers_visit(
        &self,
        provider: &ProviderSchedule,
        shape: VisitShape,
        index: u32,
        others: &[(u32, Interval)],
        slot: &Interval,
    ) -> bool {
        self.visit_alternatives(provider, shape, index, others, None)
            .iter()
            .any(|offered| offered.interval == *slot)
    }

    /// Why the visit over `slot` cannot be held for occurrence `index` while the other
    /// occurrences stand at `others`: each reason with the site-local date it concerns (a visit
    /// day or a travel day; `None` for the visit as a whole, e.g. the minimum notice). Empty
    /// when every day is free; a move the engine still does not offer then lies outside the
    /// dates it searches (see [`visit_alternatives`](Self::visit_alternatives)).
    pub fn visit_faults(
        &self,
        provider: &ProviderSchedule,
        shape: VisitShape,
        index: u32,
        others: &[(u32, Interval)],
        slot: &Interval,
    ) -> Vec<VisitFault> {
        let first = self.site.zone().local_date_at(slot.start_seconds());
        let layout = match self.visit_layout(first, shape) {
            Ok(layout) => layout,
            Err(refusal) => {
                return vec![VisitFault {
                    date: Some(first),
                    travel: false,
                    reason: refusal,
                }];
            }
        };
        let (placed, ledger) = self.others_placed(provider, shape, index, others);
        self.visit_day_faults(provider, &layout, &placed, &ledger)
    }

    /// The other occurrences (`others`, without `index`) as placed visits, and the ledger of
    /// the provider's bookings with their days counted.
    fn others_placed(
        &self,
        provider: &ProviderSchedule,
        shape: VisitShape,
        index: u32,
        others: &[(u32, Interval)],
    ) -> (Vec<Placed>, CapLedger) {
        let buffers = provider.busy().buffers();
        let mut ledger = self.visit_ledger(provider);
        let placed = others
            .iter()
            .filter(|(i, _)| *i != index)
            .map(|(i, span)| {
                let layout = self.layout_of_span(span, shape);
                let blocked = layout
                    .as_ref()
                    .and_then(|l| l.blocked(buffers))
                    .unwrap_or_else(|| buffers.widen(span));
                if let Some(layout) = &layout {
                    for day in &layout.days {
                        ledger.record(&day.interval);
                    }
                }
                (*i, *span, blocked)
            })
            .collect();
        (placed, ledger)
    }

    /// The layout of the visit whose span is `span` (its first day's start date).
    fn layout_of_span(&self, span: &Interval, shape: VisitShape) -> Option<VisitLayout> {
        let first = self.site.zone().local_date_at(span.start_seconds());
        self.visit_layout(first, shape).ok()
    }

    /// A ledger of the provider's bookings over the request's window.
    fn visit_ledger(&self, provider: &ProviderSchedule) -> CapLedger {
        let zone = self.site.zone();
        match Interval::from_seconds(
            zone.start_of_day(self.request.earliest_date()),
            zone.start_of_day(add_days(self.request.latest_date(), 1)),
        ) {
            Some(span) => self.ledger_for(provider, &span),
            None => CapLedger::new(provider.caps(), provider.zone()),
        }
    }

    /// Start dates to try around `anchor`, nearest first (ties to the later date), within
    /// `search` (inclusive) and so that the whole visit stays inside the request's window.
    fn candidate_dates(
        &self,
        anchor: NaiveDate,
        search: Option<(NaiveDate, NaiveDate)>,
        shape: VisitShape,
    ) -> Vec<NaiveDate> {
        let (first, last) = search.unwrap_or((anchor, anchor));
        let first = first.max(self.request.earliest_date());
        let last_start = add_days(self.request.latest_date(), 1 - i64::from(shape.days));
        let last = last.min(last_start);
        let mut dates = Vec::new();
        let mut date = first;
        while date <= last {
            dates.push(date);
            date = add_days(date, 1);
        }
        dates.sort_by_key(|d| ((*d - anchor).num_days().abs(), std::cmp::Reverse(*d)));
        dates
    }

    /// Why the visit laid out as `layout` cannot be held for `provider`; empty when it can.
    fn visit_reasons(
        &self,
        provider: &ProviderSchedule,
        layout: &VisitLayout,
        placed: &[Placed],
        ledger: &CapLedger,
    ) -> Vec<PlacementFailure> {
        self.visit_day_faults(provider, layout, placed, ledger)
            .into_iter()
            .map(|fault| fault.reason)
            .collect()
    }

    /// [`visit_reasons`](Self::visit_reasons), each with the day it concerns.
    fn visit_day_faults(
        &self,
        provider: &ProviderSchedule,
        layout: &VisitLayout,
        placed: &[Placed],
        ledger: &CapLedger,
    ) -> Vec<VisitFault> {
        let mut faults = Vec::new();
        let (Some(span), Some(first_date), Some(last_date)) =
            (layout.span(), layout.first_date(), layout.last_date())
        else {
            return faults;
        };
        let on = |date: NaiveDate, reason: PlacementFailure| VisitFault {
            date: Some(date),
            travel: false,
            reason,
        };
        let on_travel = |date: NaiveDate, reason: PlacementFailure| VisitFault {
            date: Some(date),
            travel: true,
            reason,
        };
        let request = self.request;
        if first_date < request.earliest_date() || last_date > request.latest_date() {
            faults.push(on(
                first_date,
                PlacementFailure::OutsideWindow {
                    date: first_date,
                    earliest: request.earliest_date(),
                    latest: request.latest_date(),
                },
            ));
        }
        if span.start_seconds() < self.notice_start {
            faults.push(VisitFault {
                date: None,
                travel: false,
                reason: PlacementFailure::BeforeMinimumNotice {
                    earliest_start: instant(self.notice_start),
                },
            });
        }
        let availability = provider.availability();
        for day in &layout.days {
            if let Some(blackout) = self.blackouts.on(day.date) {
                faults.push(on(
                    day.date,
                    PlacementFailure::VisitDayBlackout {
                        date: day.date,
                        name: blackout.name,
                    },
                ));
            }
            let mut site_reasons = Vec::new();
            site_hours_reason(self.site, day, &mut site_reasons);
            faults.extend(site_reasons.into_iter().map(|r| on(day.date, r)));
            if let Some(off) = availability.time_off_overlapping(&day.interval) {
                faults.push(on(
                    day.date,
                    PlacementFailure::ProviderTimeOff {
                        label: off.label().map(str::to_owned),
                    },
                ));
            }
            let provider_start = provider.zone().local(day.interval.start());
            if availability.hours_on(provider_start.date()).is_empty() {
                faults.push(on(
                    day.date,
                    PlacementFailure::OutsideProviderHours {
                        provider_local_start: provider_start,
                        hours: Vec::new(),
                    },
                ));
            }
        }
        for travel in &layout.travel {
            if let Some(off) = availability.time_off_overlapping(&travel.interval) {
                faults.push(on_travel(
                    travel.date,
                    PlacementFailure::TravelDayTimeOff {
                        date: travel.date,
                        label: off.label().map(str::to_owned),
                    },
                ));
            }
        }
        let buffers = provider.busy().buffers();
        let visit_blocked = buffers.widen(&span);
        // The visit day a busy span falls on (else the first: the span covers the night).
        let day_of = |busy: &Interval| {
            layout
                .days
                .iter()
                .find(|d| buffers.widen(&d.interval).overlaps(busy))
                .map_or(first_date, |d| d.date)
        };
        if let Some(blocked) = layout.blocked(buffers) {
            for session in provider.busy().conflicts(&blocked) {
                let widened = buffers.widen(&session.interval());
                let on_travel_day = layout
                    .travel
                    .iter()
                    .find(|t| widened.overlaps(&t.interval))
                    .filter(|_| !widened.overlaps(&visit_blocked));
                faults.push(match on_travel_day {
                    Some(travel) => on_travel(
                        travel.date,
                        PlacementFailure::TravelDayConflict {
                            date: travel.date,
                            id: session.id().to_owned(),
                            session: session.interval(),
                        },
                    ),
                    None => on(
                        day_of(&widened),
                        PlacementFailure::ConflictWithSession {
                            id: session.id().to_owned(),
                            session: session.interval(),
                        },
                    ),
                });
            }
            for (index, slot, other_blocked) in placed {
                if other_blocked.overlaps(&blocked) {
                    faults.push(on(
                        day_of(other_blocked),
                        PlacementFailure::ConflictWithOccurrence {
                            index: *index,
                            slot: *slot,
                        },
                    ));
                }
            }
        }
        let mut ledger = ledger.clone();
        for day in &layout.days {
            match ledger.check(&day.interval) {
                Ok(()) => ledger.record(&day.interval),
                Err(CapBreach::Day { date, booked, max }) => {
                    faults.push(on(
                        day.date,
                        PlacementFailure::DailyCapReached { date, booked, max },
                    ));
                    break;
                }
                Err(CapBreach::Week {
                    week_start,
                    booked_minutes,
                    max_minutes,
                }) => {
                    faults.push(on(
                        day.date,
                        PlacementFailure::WeeklyCapReached {
                            week_start,
                            booked_minutes,
                            max_minutes,
                        },
                    ));
                    break;
                }
            }
        }
        faults
    }
}

/// One reason a visit cannot be held, with the day it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitFault {
    /// The site-local date of the visit day or travel day at fault; `None`: the whole visit.
    pub date: Option<NaiveDate>,
    /// Whether `date` is a travel day.
    pub travel: bool,
    /// Why.
    pub reason: PlacementFailure,
}

/// The site's preferred hours must hold the visit's hours on `day`.
fn site_hours_reason(site: &SiteCalendar, day: &VisitDay, reasons: &mut Vec<PlacementFailure>) {
    if let Some(hours) = site.preferred_hours()
        && !site.preferred_in(&day.interval).contains(&day.interval)
    {
        reasons.push(PlacementFailure::OutsideSitePreferredHours {
            site_local_start: site.zone().local(day.interval.start()),
            hours: hours.on(chrono::Datelike::weekday(&day.date)).to_vec(),
        });
    }
}

mod team;

#[cfg(test)]
mod tests;
