//! A request prepared against one site: the work that does not depend on the provider (the
//! bookable window, the blackout calendar, each occurrence's anchor and tolerance window with the
//! site's preferred hours in it) done once, then reused for any number of providers. Matching
//! ranks a thousand providers for one request this way.

use crate::blackout::BlackoutIndex;
use crate::calendar::{SECONDS_PER_DAY, add_days};
use crate::caps::CapLedger;
use crate::failure::PlacementFailure;
use crate::interval::Interval;
use crate::interval_set::IntervalSet;
use crate::provider::ProviderSchedule;
use crate::request::SessionRequest;
use crate::site::SiteCalendar;
use crate::zone::Resolution;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use std::sync::OnceLock;

/// One scheduling question: a provider, a site, a request and the current instant.
#[derive(Debug, Clone, Copy)]
pub struct SlotQuery<'a> {
    /// Whose time.
    pub provider: &'a ProviderSchedule,
    /// For which site.
    pub site: &'a SiteCalendar,
    /// What is asked for.
    pub request: &'a SessionRequest,
    /// The current instant (minimum notice counts from here).
    pub now: DateTime<Utc>,
}

/// A request and site with the provider-independent work done; see the module docs.
#[derive(Debug)]
pub struct PreparedRequest<'a> {
    pub(crate) site: &'a SiteCalendar,
    pub(crate) request: &'a SessionRequest,
    /// First instant a session may start: now + minimum notice.
    pub(crate) notice_start: i64,
    /// UTC span of the site-local dates `earliest..=latest` from `notice_start` on.
    pub(crate) bookable: Option<Interval>,
    pub(crate) blackouts: BlackoutIndex,
    frames: OnceLock<Vec<Frame>>,
}

/// One occurrence of a series as the site sees it.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// 1-based position in the series.
    pub(crate) index: u32,
    /// Site-local date the occurrence is anchored to.
    pub(crate) anchor_date: NaiveDate,
    /// The session at the site's wall-clock anchor time.
    pub(crate) anchor: Interval,
    /// How the anchor's wall-clock time was resolved (DST gap or fold).
    pub(crate) resolution: Resolution,
    /// Reasons, owed to the site or the request alone, why the anchor cannot stand.
    pub(crate) site_reasons: Vec<PlacementFailure>,
    /// Site-local dates searched when the anchor cannot stand (within tolerance and window).
    pub(crate) search_dates: Option<(NaiveDate, NaiveDate)>,
    /// The bookable part of those dates inside the site's preferred hours, minus blackouts.
    pub(crate) site_allowed: IntervalSet,
    /// The UTC span of the searched dates that is bookable.
    pub(crate) search: Option<Interval>,
}

/// Margin around the request's window within which blackouts are precomputed.
const BLACKOUT_MARGIN_DAYS: i64 = 120;

impl<'a> PreparedRequest<'a> {
    /// Prepares `request` for `site` as of `now`.
    pub fn new(site: &'a SiteCalendar, request: &'a SessionRequest, now: DateTime<Utc>) -> Self {
        let zone = site.zone();
        let notice = TimeDelta::minutes(i64::from(request.minimum_notice_minutes()));
        let notice_start = (now + notice).timestamp();
        let window_start = zone.start_of_day(request.earliest_date());
        let window_end = zone.start_of_day(add_days(request.latest_date(), 1));
        let bookable = Interval::from_seconds(window_start.max(notice_start), window_end);
        let blackouts = BlackoutIndex::new(
            site.blackouts(),
            add_days(request.earliest_date(), -BLACKOUT_MARGIN_DAYS),
            add_days(request.latest_date(), BLACKOUT_MARGIN_DAYS),
        );
        PreparedRequest {
            site,
            request,
            notice_start,
            bookable,
            blackouts,
            frames: OnceLock::new(),
        }
    }

    /// The request.
    pub fn request(&self) -> &SessionRequest {
        self.request
    }

    /// The site.
    pub fn site(&self) -> &SiteCalendar {
        self.site
    }

    /// Where sessions may lie at all: the request's dates in the site's zone, from now plus
    /// minimum notice. `None` when nothing is left.
    pub fn bookable(&self) -> Option<Interval> {
        self.bookable
    }

    /// The site's preferred hours in `span`, minus its blackout dates.
    pub(crate) fn site_allowed_in(&self, span: &Interval) -> IntervalSet {
        let preferred = self.site.preferred_in(span);
        if preferred.is_empty() {
            return preferred;
        }
        preferred.subtract(&self.site.blacked_out_in(&self.blackouts, span))
    }

    /// Free time for `provider` in `span`: availability ∩ `site_allowed` − busy (buffer-widened)
    /// − `also_busy`. `site_allowed` must already be limited to the bookable part of `span`.
    pub(crate) fn provider_free_in(
        &self,
        provider: &ProviderSchedule,
        span: &Interval,
        site_allowed: &IntervalSet,
        also_busy: &IntervalSet,
    ) -> IntervalSet {
        if site_allowed.is_empty() {
            return IntervalSet::new();
        }
        let available = provider.availability().expand(span);
        let mut free = available.intersect(site_allowed);
        if free.is_empty() {
            return free;
        }
        free = free.subtract(&provider.busy().blocked_in(span));
        if !also_busy.is_empty() {
            free = free.subtract(also_busy);
        }
        free
    }

    /// A ledger of the provider's sessions for checking caps over `span` (with a week's margin
    /// either side, so whole days and weeks are counted).
    pub(crate) fn ledger_for(&self, provider: &ProviderSchedule, span: &Interval) -> CapLedger {
        let mut ledger = CapLedger::new(provider.caps(), provider.zone());
        if provider.caps().max_sessions_per_day().is_none()
            && provider.caps().max_minutes_per_week().is_none()
        {
            return ledger;
        }
        let margin = 8 * SECONDS_PER_DAY;
        if let Some(counted) =
            Interval::from_seconds(span.start_seconds() - margin, span.end_seconds() + margin)
        {
            for session in provider.busy().starting_in(&counted) {
                for worked in session.worked() {
                    ledger.record(worked);
                }
            }
        }
        ledger
    }

    /// The occurrences of the series, computed on first use.
    pub(crate) fn frames(&self) -> &[Frame] {
        self.frames.get_or_init(|| self.build_frames())
    }

    fn build_frames(&self) -> Vec<Frame> {
        let request = self.request;
        let zone = self.site.zone();
        let start_time = NaiveTime::MIN
            + TimeDelta::minutes(i64::from(request.local_start_time().minute_of_day()));
        let length = request.length().seconds();
        let tolerance = i32::try_from(request.tolerance().days()).unwrap_or(i32::MAX);
        request
            .cadence()
            .anchor_dates(request.first_date(), request.count())
            .into_iter()
            .zip(1..)
            .filter_map(|(anchor_date, index)| {
                let (start, resolution) = zone.resolve(anchor_date.and_time(start_time));
                let start = start.timestamp();
                let anchor = Interval::from_seconds(start, start + length)?;
                let site_reasons = self.site_reasons(anchor_date, &anchor);
                let first = self.blackouts.business_days_from(anchor_date, -tolerance);
                let last = self.blackouts.business_days_from(anchor_date, tolerance);
                let first = first.max(request.earliest_date());
                let last = last.min(request.latest_date());
                let search_dates = (first <= last).then_some((first, last));
                let search = search_dates.and_then(|(first, last)| {
                    let span = Interval::from_seconds(
                        zone.start_of_day(first),
                        zone.start_of_day(add_days(last, 1)),
                    )?;
                    self.bookable?.intersection(&span)
                });
                let site_allowed = search
                    .map(|span| self.site_allowed_in(&span))
                    .unwrap_or_default();
                Some(Frame {
                    index,
                    anchor_date,
                    anchor,
                    resolution,
                    site_reasons,
                    search_dates,
                    site_allowed,
                    search,
                })
            })
            .collect()
    }

    /// Why `anchor`, on the site-local `anchor_date`, cannot stand for reasons owed to the site
    /// or the request alone: outside the window, too soon, a blackout date, outside the site's
    /// preferred hours.
    pub(crate) fn site_reasons(
        &self,
        anchor_date: NaiveDate,
        anchor: &Interval,
    ) -> Vec<PlacementFailure> {
        let zone = self.site.zone();
        let request = self.request;
        let mut reasons = Vec::new();
        let first_date = zone.local_date_at(anchor.start_seconds());
        let last_date = zone.local_date_at(anchor.end_seconds() - 1);
        if first_date < request.earliest_date() || last_date > request.latest_date() {
            reasons.push(PlacementFailure::OutsideWindow {
                date: anchor_date,
                earliest: request.earliest_date(),
                latest: request.latest_date(),
            });
        }
        if anchor.start_seconds() < self.notice_start {
            reasons.push(PlacementFailure::BeforeMinimumNotice {
                earliest_start: crate::calendar::instant(self.notice_start),
            });
        }
        for date in [first_date, last_date] {
            if let Some(blackout) = self.blackouts.on(date)
                && !reasons
                    .iter()
                    .any(|r| matches!(r, PlacementFailure::Blackout { date: d, .. } if *d == date))
            {
                reasons.push(PlacementFailure::Blackout {
                    date,
                    name: blackout.name,
                });
            }
        }
        if let Some(hours) = self.site.preferred_hours()
            && !self.site.preferred_in(anchor).contains(anchor)
        {
            reasons.push(PlacementFailure::OutsideSitePreferredHours {
                site_local_start: zone.local(anchor.start()),
                hours: hours.on(chrono::Datelike::weekday(&first_date)).to_vec(),
            });
        }
        reasons
    }
}

impl<'a> SlotQuery<'a> {
    /// The provider-independent part of this query, prepared.
    pub fn prepare(&self) -> PreparedRequest<'a> {
        PreparedRequest::new(self.site, self.request, self.now)
    }
}
