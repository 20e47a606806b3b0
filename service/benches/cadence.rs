//! Speed of planning an engagement's cadence (the pure part of `engagements::preview_cadence`
//! and `send_cadence`, [`service::engagements::plan_cadence`]): an Operations engagement's three
//! years for a team of five, each provider with 500 busy sessions over the three years — monthly
//! 90-minute coaching with the liaison (36 occurrences), a second monthly line for the liaison
//! (planned around the first), and quarterly full on-site days (08:30–17:00, 12 occurrences) with
//! each of the four others, on the America/Chicago clock across every DST change, with every
//! occurrence's alternatives (as the preview offers them). Target: median ≤ 50 ms; measured
//! 8.39 ms (8.25–8.53 ms) on the loaded 2-core machine of session 7, 7.03 ms (6.49–7.61 ms) in
//! session 11.
//!
//! `three_year_cadence_team_visits_together`: the liaison's two lines, and quarterly two-day
//! visits with travel days by the four experts together (each visit day and travel day free for
//! all four at once). Their busy calendars leave almost no such runs (1 of the 12 visits is
//! placed), so nearly every occurrence searches its alternatives: the planner's hardest case.
//! Session 11: median 20.3 ms (19.2–21.4 ms), under the same 50 ms target.
//!
//! Run: `cargo bench -p service --bench cadence -- --warm-up-time 1 --measurement-time 3`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use contract::vocabulary::TeamRole;
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use scheduling::{ProviderSchedule, VisitShape, Zone};
use serde_json::{Value, json};
use service::engagements::{CadenceLine, LineInput, plan_cadence};
use service::engine::SchedulingSettings;
use service::intake::{Cadence, Modality};

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

fn line(
    title: &str,
    cadence: Cadence,
    minutes: u32,
    start: (u32, u32),
    end: (u32, u32),
) -> CadenceLine {
    CadenceLine {
        title: title.to_owned(),
        role: TeamRole::StrategicSiteLiaison,
        cadence,
        session_minutes: minutes,
        modality: Modality::Virtual,
        weekdays: vec![Weekday::Tue, Weekday::Wed, Weekday::Thu],
        window_start: NaiveTime::from_hms_opt(start.0, start.1, 0).unwrap(),
        window_end: NaiveTime::from_hms_opt(end.0, end.1, 0).unwrap(),
        from: NaiveDate::from_ymd_opt(2027, 1, 11).unwrap(),
        through: NaiveDate::from_ymd_opt(2029, 12, 31).unwrap(),
        moves: Vec::new(),
        visit: None,
    }
}

fn bench_three_year_cadence(c: &mut Criterion) {
    let mut rng = Lcg(31);
    let zones = [
        ("America/Phoenix", 7),
        ("America/Denver", 7),
        ("America/New_York", 7),
        ("America/Chicago", 7),
        ("America/Los_Angeles", 6),
    ];
    let team: HashMap<i32, ProviderSchedule> = zones
        .iter()
        .enumerate()
        .map(|(index, (zone, start))| {
            let range = format!("{:02}:00-{:02}:00", start, start + 11);
            let busy = busy(&mut rng, utc("2027-01-01T00:00:00Z"), 3 * 365, 500);
            let schedule = serde_json::from_value(json!({
                "zone": zone,
                "weekly_hours": [{"hours": {"mon": [range], "tue": [range], "wed": [range],
                                            "thu": [range], "fri": [range]}}],
                "busy": busy,
                "buffers": {"before_minutes": 15, "after_minutes": 15},
                "caps": {"max_sessions_per_day": 3, "max_hours_per_week": 40}
            }))
            .unwrap();
            (index as i32 + 1, schedule)
        })
        .collect();
    let chicago = Zone::parse("America/Chicago").unwrap();
    let settings = SchedulingSettings {
        minimum_notice_hours: 72,
        ..SchedulingSettings::default()
    };
    let coaching = line("Monthly coaching", Cadence::Monthly, 90, (10, 0), (12, 0));
    let review = line(
        "Monthly data review",
        Cadence::Monthly,
        60,
        (10, 0),
        (12, 0),
    );
    let visits = line(
        "Quarterly on-site day",
        Cadence::Quarterly,
        510,
        (8, 30),
        (17, 0),
    );
    let mut inputs = vec![
        LineInput::new(&coaching, 1, chicago, Vec::new(), &settings).unwrap(),
        LineInput::new(&review, 1, chicago, Vec::new(), &settings).unwrap(),
    ];
    for provider in 2..=5 {
        inputs.push(LineInput::new(&visits, provider, chicago, Vec::new(), &settings).unwrap());
    }
    let now = utc("2027-01-01T00:00:00Z");
    let plan = || {
        let mut schedules = team.clone();
        let plans = plan_cadence(black_box(&inputs), &mut schedules, now).unwrap();
        plans.iter().map(|p| p.placed()).sum::<usize>()
    };
    let placed = plan();
    assert!(
        placed >= 2 * 36 + 4 * 10,
        "the team's calendars leave room: {placed}"
    );
    c.bench_function("three_year_cadence_team_of_5", |b| b.iter(plan));

    // The same engagement with its on-site work as a team: the liaison's two monthly lines,
    // and quarterly TWO-day visits with travel days by the four experts TOGETHER (every visit
    // day and travel day free for all four at once), as the coordinator's form plans a role
    // several people hold.
    let mut team_visits = line(
        "Quarterly two-day visit of the SME team",
        Cadence::Quarterly,
        510,
        (8, 30),
        (17, 0),
    );
    team_visits.modality = Modality::OnSite;
    team_visits.visit = Some(VisitShape::new(2, true).unwrap());
    let mut together = LineInput::new(&team_visits, 2, chicago, Vec::new(), &settings).unwrap();
    together.team = vec![3, 4, 5];
    let team_inputs = vec![inputs[0].clone(), inputs[1].clone(), together];
    let plan_team = || {
        let mut schedules = team.clone();
        let plans = plan_cadence(black_box(&team_inputs), &mut schedules, now).unwrap();
        plans.iter().map(|p| p.placed()).sum::<usize>()
    };
    let placed = plan_team();
    // Four busy calendars leave few runs of four days (two visit days, two travel days) free
    // for all four at once: most visits go unplaced, each with its alternatives searched —
    // the planner's hardest case, which is what is timed here.
    assert!(
        placed > 2 * 36,
        "the liaison's lines and at least one visit are placed: {placed}"
    );
    eprintln!(
        "team visits together: {} of 12 visits placed",
        placed - 2 * 36
    );
    c.bench_function("three_year_cadence_team_visits_together", |b| {
        b.iter(plan_team)
    });
}

criterion_group!(benches, bench_three_year_cadence);
criterion_main!(benches);
