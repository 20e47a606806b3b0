//! Speed of importing a provider's calendar (issue 18): parsing and expanding a generated
//! 5,000-event iCalendar text over a year (`service::provider_calendars::expand_calendar`, what a
//! refresh does between the fetch and the database). The calendar: 3,000 single events in five
//! zones (UTC, America/New_York, America/Phoenix, Asia/Tokyo, Europe/Berlin) and 300 all-day
//! ones, 1,000 weekly series (a year, some ending by UNTIL, each with two EXDATEs), 200 daily
//! series (COUNT=30, one EXDATE), 500 overrides moving an occurrence of a weekly series
//! (RECURRENCE-ID), and transparent and cancelled events among the singles. Target: median
//! ≤ 200 ms.
//!
//! Run: `cargo bench -p service --bench calendar_import -- --warm-up-time 1 --measurement-time 5`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use service::provider_calendars::expand_calendar;

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

const ZONES: [&str; 4] = [
    "America/New_York",
    "America/Phoenix",
    "Asia/Tokyo",
    "Europe/Berlin",
];

/// The 5,000-event calendar, its events from 2027-01-04 on.
pub fn calendar() -> String {
    let mut rng = Lcg(18);
    let first = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let day = |rng: &mut Lcg| first + Duration::days(i64::try_from(rng.next(360)).unwrap());
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
    let mut push = |uid: String, lines: Vec<String>| {
        out.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261201T000000Z\r\nSUMMARY:Busy\r\n{}\r\nEND:VEVENT\r\n",
            lines.join("\r\n")
        ));
    };
    for i in 0..3_000 {
        let d = day(&mut rng).format("%Y%m%d");
        let h = 7 + rng.next(10);
        let start = if i % 5 == 0 {
            format!("DTSTART:{d}T{h:02}0000Z")
        } else {
            format!(
                "DTSTART;TZID={}:{d}T{h:02}0000",
                ZONES[usize::try_from(rng.next(4)).unwrap()]
            )
        };
        let mut lines = vec![start, format!("DURATION:PT{}M", 30 + 15 * rng.next(6))];
        if i % 50 == 0 {
            lines.push("TRANSP:TRANSPARENT".to_owned());
        }
        if i % 70 == 0 {
            lines.push("STATUS:CANCELLED".to_owned());
        }
        push(format!("single-{i}"), lines);
    }
    for i in 0..300 {
        let d = day(&mut rng);
        push(
            format!("allday-{i}"),
            vec![
                format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d")),
                format!(
                    "DTEND;VALUE=DATE:{}",
                    (d + Duration::days(1)).format("%Y%m%d")
                ),
            ],
        );
    }
    for i in 0..1_000 {
        let d = first + Duration::days(i64::try_from(rng.next(28)).unwrap());
        let zone = ZONES[usize::try_from(rng.next(4)).unwrap()];
        let h = 8 + rng.next(8);
        let rule = if i % 3 == 0 {
            "RRULE:FREQ=WEEKLY;UNTIL=20271231T235959Z".to_owned()
        } else {
            "RRULE:FREQ=WEEKLY;COUNT=52".to_owned()
        };
        let ex = |w: i64| {
            format!(
                "EXDATE;TZID={zone}:{}T{h:02}0000",
                (d + Duration::weeks(w)).format("%Y%m%d")
            )
        };
        push(
            format!("weekly-{i}"),
            vec![
                format!("DTSTART;TZID={zone}:{}T{h:02}0000", d.format("%Y%m%d")),
                format!("DTEND;TZID={zone}:{}T{:02}0000", d.format("%Y%m%d"), h + 1),
                rule,
                ex(3),
                ex(10),
            ],
        );
        if i < 500 {
            let moved = d + Duration::weeks(5);
            push(
                format!("weekly-{i}"),
                vec![
                    format!(
                        "RECURRENCE-ID;TZID={zone}:{}T{h:02}0000",
                        moved.format("%Y%m%d")
                    ),
                    format!(
                        "DTSTART;TZID={zone}:{}T{:02}0000",
                        (moved + Duration::days(1)).format("%Y%m%d"),
                        h + 1
                    ),
                    "DURATION:PT1H".to_owned(),
                ],
            );
        }
    }
    for i in 0..200 {
        let d = day(&mut rng);
        push(
            format!("daily-{i}"),
            vec![
                format!("DTSTART:{}T150000Z", d.format("%Y%m%d")),
                "DURATION:PT30M".to_owned(),
                "RRULE:FREQ=DAILY;COUNT=30".to_owned(),
                format!(
                    "EXDATE:{}T150000Z",
                    (d + Duration::days(2)).format("%Y%m%d")
                ),
            ],
        );
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn import(c: &mut Criterion) {
    let text = calendar();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 5_000);
    let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    let until = from + Duration::days(365);
    let expanded = expand_calendar(&text, Tz::America__Chicago, from, until).unwrap();
    assert_eq!(expanded.events, 5_000);
    assert_eq!(expanded.skipped, 0);
    eprintln!(
        "calendar_import: {} bytes, {} events → {} busy spans over a year",
        text.len(),
        expanded.events,
        expanded.spans.len()
    );
    c.bench_function("parse and expand a 5,000-event calendar over a year", |b| {
        b.iter(|| {
            expand_calendar(
                black_box(&text),
                Tz::America__Chicago,
                black_box(from),
                until,
            )
            .unwrap()
        });
    });
}

criterion_group!(benches, import);
criterion_main!(benches);
