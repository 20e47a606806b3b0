//! Property tests of the engine's invariants over random providers, sites and requests in
//! zones with and without DST, with windows placed around DST transitions:
//!
//! * expanded availability is sorted, disjoint and inside the window;
//! * every free slot lies inside the provider's expanded hours and the site's preferred hours
//!   (and, checked independently on the wall clock, inside the ranges given for that local
//!   date on days without a clock change), on the site's grid, after now + notice, within the
//!   request's dates, on no blackout date in the site's zone, clear of every busy session
//!   widened by buffers, and under the caps;
//! * a placed series never double-books itself (buffers included), and each placed occurrence
//!   obeys the same rules, caps counting the series' own earlier occurrences.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use common::{date, utc};
use proptest::prelude::*;
use scheduling::{
    BlackoutCalendar, Interval, LocalTimeRange, ProviderSchedule, SessionRequest, SiteCalendar,
    SlotOrder, SlotQuery, WeeklyHours, Zone, free_slots, place_series,
};
use serde_json::{Value, json};

const ZONES: [&str; 8] = [
    "America/Chicago",
    "America/New_York",
    "America/Phoenix",
    "Pacific/Honolulu",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Denver",
    "America/Los_Angeles",
];

/// Window starts a few days before DST transitions (US, EU, Lord Howe) and one quiet date.
const WINDOW_STARTS: [&str; 6] = [
    "2025-03-05",
    "2025-10-29",
    "2025-03-27",
    "2025-10-23",
    "2025-04-02",
    "2025-10-01",
];

fn day_ranges() -> impl Strategy<Value = Vec<String>> {
    // Up to two non-overlapping ranges on quarter-hours, possibly reaching 24:00.
    prop_oneof![
        Just(vec![]),
        (0u32..80, 2u32..40).prop_map(|(s, l)| vec![quarter_range(s, (s + l).min(96))]),
        (0u32..40, 2u32..20, 1u32..8, 2u32..40).prop_map(|(s, l, gap, l2)| {
            let e = s + l;
            let s2 = e + gap;
            vec![quarter_range(s, e), quarter_range(s2, (s2 + l2).min(96))]
        }),
    ]
}

fn quarter_range(start: u32, end: u32) -> String {
    let hm = |q: u32| format!("{:02}:{:02}", q / 4, (q % 4) * 15);
    format!("{}-{}", hm(start), hm(end))
}

fn weekly_hours() -> impl Strategy<Value = Value> {
    proptest::collection::vec(day_ranges(), 7).prop_map(|days| {
        let keys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        Value::Object(
            keys.iter()
                .zip(days)
                .map(|(k, v)| ((*k).to_owned(), json!(v)))
                .collect(),
        )
    })
}

#[derive(Debug, Clone)]
struct Case {
    provider: ProviderSchedule,
    site: SiteCalendar,
    request: SessionRequest,
    now: DateTime<Utc>,
}

fn case() -> impl Strategy<Value = Case> {
    let provider_part = (
        0usize..ZONES.len(),
        weekly_hours(),
        proptest::collection::vec((0i64..24, day_ranges()), 0..3),
        proptest::collection::vec((0i64..24, 0i64..3), 0..2),
        proptest::collection::vec((0i64..24 * 96, 1i64..13), 0..30),
        (0u32..4, 0u32..4),
        (
            proptest::option::of(1u32..4),
            proptest::option::of(2u32..20),
        ),
    );
    let site_part = (
        0usize..ZONES.len(),
        proptest::option::of(weekly_hours()),
        proptest::collection::vec(0i64..24, 0..3),
        any::<bool>(),
    );
    let request_part = (
        0usize..WINDOW_STARTS.len(),
        3i64..18,
        prop_oneof![Just(30u32), Just(45), Just(60), Just(90)],
        prop_oneof![Just(10u32), Just(15), Just(30)],
        0u32..72,
        (
            1u32..6,
            prop_oneof![Just("once"), Just("weekly"), Just("biweekly")],
            0u32..4,
        ),
        0u32..48,
    );
    (provider_part, site_part, request_part).prop_map(|(p, s, r)| {
        let (zone, hours, overrides, time_off, busy, buffers, caps) = p;
        let (site_zone, preferred, site_blackouts, federal) = s;
        let (start_index, days, length, granularity, notice, (count, cadence, tolerance), time) = r;
        let first = date(WINDOW_STARTS[start_index]);
        let day = |offset: i64| (first + TimeDelta::days(offset)).to_string();
        let base = utc(&format!("{}T00:00:00Z", day(-1)));
        let mut overrides_seen = std::collections::BTreeSet::new();
        let provider = json!({
            "zone": ZONES[zone],
            "weekly_hours": [{"hours": hours}],
            "overrides": overrides.into_iter()
                .filter(|(d, _)| overrides_seen.insert(*d))
                .map(|(d, ranges)| json!({"date": day(d), "hours": ranges}))
                .collect::<Vec<_>>(),
            "time_off": time_off.into_iter()
                .map(|(d, len)| json!({"first_date": day(d), "last_date": day(d + len)}))
                .collect::<Vec<_>>(),
            "busy": busy.into_iter().enumerate().map(|(i, (slot, quarters))| {
                let start = base + TimeDelta::minutes(slot * 15);
                json!({"id": format!("S-{i}"), "start": start, "end": start + TimeDelta::minutes(quarters * 15)})
            }).collect::<Vec<_>>(),
            "buffers": {"before_minutes": buffers.0 * 5, "after_minutes": buffers.1 * 5},
            "caps": {
                "max_sessions_per_day": caps.0,
                "max_hours_per_week": caps.1.map(f64::from)
            }
        });
        let mut site = json!({
            "zone": ZONES[site_zone],
            "blackouts": {
                "federal_holidays": federal,
                "dates": site_blackouts.into_iter()
                    .map(|d| json!({"date": day(d), "name": format!("blackout {d}")}))
                    .collect::<Vec<_>>()
            }
        });
        if let Some(preferred) = preferred {
            site["preferred_hours"] = preferred;
        }
        let count = if cadence == "once" { 1 } else { count };
        let request = json!({
            "length_minutes": length, "count": count, "cadence": cadence,
            "earliest_date": day(0), "latest_date": day(days),
            "local_start_time": format!("{:02}:{:02}", time / 2, (time % 2) * 30),
            "minimum_notice_hours": notice, "granularity_minutes": granularity,
            "tolerance_business_days": tolerance
        });
        Case {
            provider: serde_json::from_value(provider).unwrap(),
            site: serde_json::from_value(site).unwrap(),
            request: serde_json::from_value(request).unwrap(),
            now: base - TimeDelta::hours(24) + TimeDelta::hours(i64::from(notice) % 48),
        }
    })
}

impl Case {
    fn query(&self) -> SlotQuery<'_> {
        SlotQuery {
            provider: &self.provider,
            site: &self.site,
            request: &self.request,
            now: self.now,
        }
    }

    fn wide_window(&self) -> Interval {
        let start =
            utc(&format!("{}T00:00:00Z", self.request.earliest_date())) - TimeDelta::days(2);
        let end = utc(&format!("{}T00:00:00Z", self.request.latest_date())) + TimeDelta::days(3);
        Interval::new(start, end).unwrap()
    }
}

/// Whether the zone's offset is the same at the local date's two midnights (no clock change).
fn steady_day(zone: Zone, day: NaiveDate) -> bool {
    let midnight = |d: NaiveDate| zone.to_utc(d.and_hms_opt(0, 0, 0).unwrap());
    let start = midnight(day);
    let end = midnight(day.succ_opt().unwrap());
    (end - start) == TimeDelta::days(1)
}

/// Checks the wall-clock reading of every 5th minute of `slot` against `ranges_on(date)`,
/// skipping dates with a clock change.
fn wall_clock_inside(
    zone: Zone,
    slot: &Interval,
    ranges_on: impl Fn(NaiveDate) -> Vec<LocalTimeRange>,
) -> bool {
    let mut t = slot.start();
    while t < slot.end() {
        let local = zone.local(t);
        if steady_day(zone, local.date()) {
            let minute = local.hour_minute();
            if !ranges_on(local.date())
                .iter()
                .any(|r| r.contains_minute(minute))
            {
                return false;
            }
        }
        t += TimeDelta::minutes(5);
    }
    true
}

trait MinuteOfDay {
    fn hour_minute(&self) -> u32;
}

impl MinuteOfDay for chrono::NaiveDateTime {
    fn hour_minute(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute()
    }
}

fn preferred_ranges(hours: Option<&WeeklyHours>, day: NaiveDate) -> Vec<LocalTimeRange> {
    match hours {
        Some(hours) => hours.on(day.weekday()).to_vec(),
        None => vec![LocalTimeRange::parse("00:00-24:00").unwrap()],
    }
}

/// The rules every session placed for `case` must obey; `earlier` are sessions of the same
/// series already placed (counted against the caps).
fn check_session(case: &Case, slot: &Interval, earlier: &[Interval]) -> Result<(), String> {
    let provider = &case.provider;
    let site = &case.site;
    let request = &case.request;
    let pz = provider.zone();
    let sz = site.zone();
    let whole = case.wide_window();
    // Inside expanded provider hours and site preferred hours.
    if !provider.availability().expand(&whole).contains(slot) {
        return Err(format!("{slot} not inside expanded provider availability"));
    }
    if !site.preferred_in(&whole).contains(slot) {
        return Err(format!("{slot} not inside site preferred hours"));
    }
    if !wall_clock_inside(pz, slot, |d| provider.availability().hours_on(d).to_vec()) {
        return Err(format!("{slot} outside provider wall-clock hours"));
    }
    if !wall_clock_inside(sz, slot, |d| preferred_ranges(site.preferred_hours(), d)) {
        return Err(format!("{slot} outside site wall-clock hours"));
    }
    // Notice and window.
    let notice = TimeDelta::minutes(i64::from(request.minimum_notice_minutes()));
    if slot.start() < case.now + notice {
        return Err(format!("{slot} before minimum notice"));
    }
    let first_day = sz.local(slot.start()).date();
    let last_day = sz.local(slot.end() - TimeDelta::seconds(1)).date();
    if first_day < request.earliest_date() || last_day > request.latest_date() {
        return Err(format!("{slot} outside the request's dates"));
    }
    // Grid on the site's wall clock.
    if !sz
        .local(slot.start())
        .hour_minute()
        .is_multiple_of(request.granularity().minutes())
    {
        return Err(format!("{slot} off the grid"));
    }
    // Blackouts in the site's zone.
    let calendar: &BlackoutCalendar = site.blackouts();
    if let Some(b) = calendar.between(first_day, last_day).first() {
        return Err(format!("{slot} on blackout {} {}", b.date, b.name));
    }
    // Busy time widened by buffers.
    let buffers = provider.busy().buffers();
    for session in provider.busy().sessions() {
        if buffers.widen(&session.interval()).overlaps(slot) {
            return Err(format!("{slot} overlaps busy {}", session.id()));
        }
    }
    // Caps, counted by brute force over busy sessions and earlier occurrences.
    let day_of = |i: &Interval| pz.local(i.start()).date();
    let week_of = |i: &Interval| {
        let d = day_of(i);
        d - TimeDelta::days(i64::from(d.weekday().num_days_from_monday()))
    };
    let all: Vec<Interval> = provider
        .busy()
        .sessions()
        .iter()
        .map(|s| s.interval())
        .chain(earlier.iter().copied())
        .collect();
    if let Some(max) = provider.caps().max_sessions_per_day() {
        let booked = all.iter().filter(|i| day_of(i) == day_of(slot)).count();
        if booked as u32 >= max {
            return Err(format!("{slot} breaks the daily cap ({booked} booked)"));
        }
    }
    if let Some(max) = provider.caps().max_minutes_per_week() {
        let booked: i64 = all
            .iter()
            .filter(|i| week_of(i) == week_of(slot))
            .map(|i| i.duration().num_minutes())
            .sum();
        if booked + slot.duration().num_minutes() > i64::from(max) {
            return Err(format!("{slot} breaks the weekly cap ({booked} booked)"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn expanded_availability_is_sorted_disjoint_and_inside_the_window(case in case()) {
        let window = case.wide_window();
        let expanded = case.provider.availability().expand(&window);
        for pair in expanded.intervals().windows(2) {
            prop_assert!(pair[0].end() < pair[1].start(), "{} then {}", pair[0], pair[1]);
        }
        for interval in expanded.intervals() {
            prop_assert!(window.contains(interval));
        }
    }

    #[test]
    fn free_slots_obey_every_rule(case in case()) {
        let slots = free_slots(&case.query(), SlotOrder::Earliest, None);
        for pair in slots.windows(2) {
            prop_assert!(pair[0].interval.start() < pair[1].interval.start());
        }
        for slot in &slots {
            if let Err(problem) = check_session(&case, &slot.interval, &[]) {
                prop_assert!(false, "{}", problem);
            }
            prop_assert!(slot.free_stretch.contains(&slot.interval));
        }
    }

    #[test]
    fn series_never_double_books_and_each_occurrence_obeys_every_rule(case in case()) {
        let plan = place_series(&case.query());
        prop_assert_eq!(plan.occurrences.len() as u32, case.request.count());
        let buffers = case.provider.busy().buffers();
        let mut placed: Vec<Interval> = Vec::new();
        for occurrence in &plan.occurrences {
            if let Some(slot) = occurrence.slot() {
                for earlier in &placed {
                    prop_assert!(
                        !buffers.widen(earlier).overlaps(&slot),
                        "occurrence {} at {} collides with {}", occurrence.index, slot, earlier
                    );
                }
                if let Err(problem) = check_session(&case, &slot, &placed) {
                    prop_assert!(false, "occurrence {}: {}", occurrence.index, problem);
                }
                placed.push(slot);
            }
        }
    }

    #[test]
    fn closest_order_is_a_permutation_of_earliest(case in case()) {
        let query = case.query();
        let mut earliest = free_slots(&query, SlotOrder::Earliest, None);
        let closest = free_slots(&query, SlotOrder::ClosestToStartTime, None);
        for pair in closest.windows(2) {
            prop_assert!(pair[0].minutes_from_requested_time <= pair[1].minutes_from_requested_time);
        }
        let mut sorted = closest.clone();
        sorted.sort_by_key(|s| s.interval);
        earliest.sort_by_key(|s| s.interval);
        prop_assert_eq!(sorted, earliest);
    }
}
