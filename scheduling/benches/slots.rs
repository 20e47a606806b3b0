//! Speed of the slot engine (figures in the crate README):
//!
//! * `free_slots_90_days_500_busy`: one provider, weekly hours on 5 days, 500 busy sessions in
//!   the 90-day window, 60-minute sessions on a 15-minute grid (target: median ≤ 200 µs);
//! * `monthly_series_36`: placing a 36-occurrence monthly series with ±3 business days'
//!   tolerance against a calendar of 500 busy sessions over three years (target ≤ 1 ms);
//! * `availability_fit_1000_providers_*`: the availability fit of 1,000 providers for one
//!   request, the site's share prepared once (target ≤ 50 ms);
//! * `three_year_engagement_team_of_5`: an Operations engagement's three years for a team of
//!   five, each with 500 busy sessions over the three years: monthly 90-minute coaching with the
//!   liaison (36 occurrences) and quarterly full on-site days (08:30–17:00, 12 occurrences) with
//!   each of the four others, placed across every DST change (target: median ≤ 50 ms).
//!
//! Run: `cargo bench -p scheduling --bench slots -- --warm-up-time 1 --measurement-time 3`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use scheduling::{
    PreparedRequest, ProviderSchedule, SessionRequest, SiteCalendar, SlotOrder, SlotQuery,
    free_slots, place_series,
};
use serde_json::{Value, json};

/// A small deterministic generator (64-bit LCG), so runs are comparable.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// `count` sessions of 30-60 minutes on weekdays between 13:00 and 23:00 UTC, spread over
/// `days` days from `first`.
fn busy(rng: &mut Lcg, first: DateTime<Utc>, days: u64, count: usize) -> Vec<Value> {
    (0..count)
        .map(|i| {
            let day = rng.next(days);
            let minute = 13 * 60 + rng.next(40) * 15;
            let start = first + TimeDelta::days(day as i64) + TimeDelta::minutes(minute as i64);
            let length = 30 + 15 * rng.next(3) as i64;
            json!({"id": format!("S-{i}"), "start": start, "end": start + TimeDelta::minutes(length)})
        })
        .collect()
}

fn provider(zone: &str, start_hour: u32, busy: Vec<Value>) -> ProviderSchedule {
    let range = format!("{start_hour:02}:00-{:02}:00", start_hour + 9);
    serde_json::from_value(json!({
        "zone": zone,
        "weekly_hours": [{"hours": {"mon": [range], "tue": [range], "wed": [range],
                                    "thu": [range], "fri": [range]}}],
        "busy": busy,
        "buffers": {"before_minutes": 10, "after_minutes": 10},
        "caps": {"max_sessions_per_day": 10, "max_hours_per_week": 40}
    }))
    .unwrap()
}

fn site() -> SiteCalendar {
    serde_json::from_value(json!({
        "zone": "America/Chicago",
        "preferred_hours": {"mon": ["08:00-18:00"], "tue": ["08:00-18:00"], "wed": ["08:00-18:00"],
                            "thu": ["08:00-18:00"], "fri": ["08:00-18:00"]}
    }))
    .unwrap()
}

fn request(json: Value) -> SessionRequest {
    serde_json::from_value(json).unwrap()
}

fn bench_free_slots(c: &mut Criterion) {
    let mut rng = Lcg(7);
    let provider = provider(
        "America/Denver",
        8,
        busy(&mut rng, utc("2025-02-03T00:00:00Z"), 90, 500),
    );
    let site = site();
    let request = request(json!({
        "length_minutes": 60, "earliest_date": "2025-02-03", "latest_date": "2025-05-03",
        "local_start_time": "10:00", "granularity_minutes": 15
    }));
    let query = SlotQuery {
        provider: &provider,
        site: &site,
        request: &request,
        now: utc("2025-02-01T00:00:00Z"),
    };
    let found = free_slots(&query, SlotOrder::Earliest, None).len();
    assert!(found > 100, "benchmark calendar too full: {found} slots");
    c.bench_function("free_slots_90_days_500_busy", |b| {
        b.iter(|| free_slots(black_box(&query), SlotOrder::Earliest, None))
    });
}

fn bench_monthly_series(c: &mut Criterion) {
    let mut rng = Lcg(11);
    let provider = provider(
        "America/Phoenix",
        7,
        busy(&mut rng, utc("2025-01-01T00:00:00Z"), 3 * 365, 500),
    );
    let site = site();
    let request = request(json!({
        "length_minutes": 90, "count": 36, "cadence": "monthly", "earliest_date": "2025-01-14",
        "latest_date": "2028-01-31", "local_start_time": "10:00", "tolerance_business_days": 3
    }));
    let query = SlotQuery {
        provider: &provider,
        site: &site,
        request: &request,
        now: utc("2025-01-01T00:00:00Z"),
    };
    assert!(place_series(&query).is_complete());
    c.bench_function("monthly_series_36", |b| {
        b.iter(|| place_series(black_box(&query)))
    });
}

fn providers(count: usize) -> Vec<ProviderSchedule> {
    let zones = [
        ("America/New_York", 8),
        ("America/Chicago", 8),
        ("America/Denver", 7),
        ("America/Phoenix", 7),
        ("America/Los_Angeles", 6),
        ("Pacific/Honolulu", 5),
    ];
    let mut rng = Lcg(23);
    (0..count)
        .map(|i| {
            let (zone, start) = zones[i % zones.len()];
            let start = start + (rng.next(3) as u32);
            let sessions = busy(&mut rng, utc("2025-03-01T00:00:00Z"), 120, 40);
            provider(zone, start, sessions)
        })
        .collect()
}

fn bench_fit(c: &mut Criterion) {
    let providers = providers(1_000);
    let site = site();
    let now = utc("2025-02-15T00:00:00Z");
    let weekly = request(json!({
        "length_minutes": 60, "count": 12, "cadence": "weekly", "earliest_date": "2025-03-04",
        "latest_date": "2025-06-30", "local_start_time": "10:00", "tolerance_business_days": 3
    }));
    let monthly = request(json!({
        "length_minutes": 90, "count": 36, "cadence": "monthly", "earliest_date": "2025-03-11",
        "latest_date": "2028-03-31", "local_start_time": "10:00", "tolerance_business_days": 3
    }));
    for (name, request) in [
        ("availability_fit_1000_providers_weekly_12", &weekly),
        ("availability_fit_1000_providers_monthly_36", &monthly),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                let prepared = PreparedRequest::new(&site, request, now);
                providers
                    .iter()
                    .map(|provider| prepared.availability_fit(provider).placed)
                    .sum::<u32>()
            })
        });
    }
}

fn bench_three_year_engagement(c: &mut Criterion) {
    let mut rng = Lcg(31);
    let zones = [
        ("America/Phoenix", 7),
        ("America/Denver", 7),
        ("America/New_York", 7),
        ("America/Chicago", 7),
        ("America/Los_Angeles", 6),
    ];
    let team: Vec<ProviderSchedule> = zones
        .iter()
        .map(|(zone, start)| {
            let range = format!("{:02}:00-{:02}:00", start, start + 11);
            let busy = busy(&mut rng, utc("2027-01-01T00:00:00Z"), 3 * 365, 500);
            serde_json::from_value(json!({
                "zone": zone,
                "weekly_hours": [{"hours": {"mon": [range], "tue": [range], "wed": [range],
                                            "thu": [range], "fri": [range]}}],
                "busy": busy,
                "buffers": {"before_minutes": 10, "after_minutes": 10},
                "caps": {"max_sessions_per_day": 10, "max_hours_per_week": 40}
            }))
            .unwrap()
        })
        .collect();
    let site: SiteCalendar = serde_json::from_value(json!({
        "zone": "America/Chicago",
        "preferred_hours": {"mon": ["08:00-18:00"], "tue": ["08:00-18:00"], "wed": ["08:00-18:00"],
                            "thu": ["08:00-18:00"], "fri": ["08:00-18:00"]}
    }))
    .unwrap();
    let coaching = request(json!({
        "length_minutes": 90, "count": 36, "cadence": "monthly", "earliest_date": "2027-01-12",
        "latest_date": "2029-12-31", "local_start_time": "10:00", "tolerance_business_days": 3
    }));
    let visits = request(json!({
        "length_minutes": 510, "count": 12, "cadence": "quarterly", "earliest_date": "2027-01-19",
        "latest_date": "2029-12-31", "local_start_time": "08:30", "tolerance_business_days": 5
    }));
    let now = utc("2027-01-01T00:00:00Z");
    let plan = || {
        let mut placed = 0;
        for (index, provider) in team.iter().enumerate() {
            let request = if index == 0 { &coaching } else { &visits };
            let query = SlotQuery {
                provider,
                site: &site,
                request,
                now,
            };
            placed += place_series(black_box(&query)).placed().count();
        }
        placed
    };
    assert!(
        plan() >= 36 + 4 * 10,
        "the team's calendars leave room: {}",
        plan()
    );
    c.bench_function("three_year_engagement_team_of_5", |b| b.iter(plan));
}

criterion_group!(
    benches,
    bench_free_slots,
    bench_monthly_series,
    bench_fit,
    bench_three_year_engagement
);
criterion_main!(benches);
