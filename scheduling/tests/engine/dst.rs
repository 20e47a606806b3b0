//! The named DST cases: how wall-clock times in gaps and folds resolve, availability expansion
//! on transition days, series anchored to the site's wall clock across a change, and zones
//! without DST.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use scheduling::{
    Interval, Outcome, PlacementFailure, Resolution, SlotOrder, SlotQuery, free_slots, place_series,
};
use serde_json::json;

fn span(start: &str, end: &str) -> Interval {
    Interval::new(utc(start), utc(end)).unwrap()
}

fn window(start: &str, end: &str) -> Interval {
    span(start, end)
}

// ---- America/Chicago ----------------------------------------------------------------------

#[test]
fn chicago_gap_time_shifts_forward_by_the_gap() {
    let chicago = zone("America/Chicago");
    let (at, how) = chicago.resolve(local("2025-03-09 02:30"));
    assert_eq!(at, utc("2025-03-09T08:30:00Z"));
    assert_eq!(how, Resolution::ShiftedForward { minutes: 60 });
    assert_eq!(chicago.stamp(at).to_string(), "Sun 2025-03-09 03:30 CDT");
}

#[test]
fn chicago_repeated_time_takes_the_earlier_instant() {
    let chicago = zone("America/Chicago");
    let (at, how) = chicago.resolve(local("2025-11-02 01:30"));
    assert_eq!(at, utc("2025-11-02T06:30:00Z"));
    assert_eq!(how, Resolution::EarlierOfTwo);
    assert_eq!(chicago.abbreviation(at), "CDT");
}

#[test]
fn chicago_expansion_on_both_transition_days() {
    let provider = provider(json!({
        "zone": "America/Chicago",
        "weekly_hours": [{"hours": {"sun": ["00:00-03:00"]}}]
    }));
    let availability = provider.availability();
    // Spring forward: 00:00-03:00 local is two real hours (02:00-03:00 does not exist).
    let spring = availability.expand(&window("2025-03-08T12:00:00Z", "2025-03-10T12:00:00Z"));
    assert_eq!(
        spring.intervals(),
        &[span("2025-03-09T06:00:00Z", "2025-03-09T08:00:00Z")]
    );
    // Fall back: the same hours are four real hours (01:00-02:00 happens twice).
    let fall = availability.expand(&window("2025-11-01T12:00:00Z", "2025-11-03T12:00:00Z"));
    assert_eq!(
        fall.intervals(),
        &[span("2025-11-02T05:00:00Z", "2025-11-02T09:00:00Z")]
    );
}

#[test]
fn chicago_hours_inside_the_gap_and_inside_the_fold() {
    let provider = provider(json!({
        "zone": "America/Chicago",
        "overrides": [
            {"date": "2025-03-09", "hours": ["02:00-02:30", "05:00-06:00"]},
            {"date": "2025-11-02", "hours": ["01:00-02:00"]}
        ]
    }));
    let availability = provider.availability();
    // 02:00-02:30 does not exist: both ends shift forward an hour, to 03:00-03:30 CDT.
    let spring = availability.expand(&window("2025-03-09T00:00:00Z", "2025-03-10T00:00:00Z"));
    assert_eq!(
        spring.intervals(),
        &[
            span("2025-03-09T08:00:00Z", "2025-03-09T08:30:00Z"),
            span("2025-03-09T10:00:00Z", "2025-03-09T11:00:00Z"),
        ]
    );
    // 01:00 (first pass, CDT) to 02:00 (CST): both passes through 01:xx, two real hours.
    let fall = availability.expand(&window("2025-11-02T00:00:00Z", "2025-11-03T00:00:00Z"));
    assert_eq!(
        fall.intervals(),
        &[span("2025-11-02T06:00:00Z", "2025-11-02T08:00:00Z")]
    );
}

#[test]
fn chicago_grid_on_spring_forward_day_skips_missing_hour() {
    let provider = provider(json!({
        "zone": "America/Chicago",
        "weekly_hours": [{"hours": {"sun": ["00:00-24:00"]}}]
    }));
    let site = site(json!({"zone": "America/Chicago", "blackouts": {"federal_holidays": false}}));
    let request = request(json!({
        "length_minutes": 60, "earliest_date": "2025-03-09", "latest_date": "2025-03-09",
        "local_start_time": "10:00"
    }));
    let query = SlotQuery {
        provider: &provider,
        site: &site,
        request: &request,
        now: utc("2025-01-01T00:00:00Z"),
    };
    let slots = free_slots(&query, SlotOrder::Earliest, None);
    // 23 real hours; starts 00:00 CST .. 23:00 CDT every 15 minutes of real time.
    assert_eq!(slots.len(), 22 * 4 + 1);
    assert!(
        slots
            .iter()
            .all(|s| s.site_local_start.format("%H").to_string() != "02")
    );
    assert!(slots.iter().all(|s| {
        s.site_local_start
            .format("%M")
            .to_string()
            .parse::<u32>()
            .unwrap()
            % 15
            == 0
    }));
    let last = slots.last().unwrap();
    assert_eq!(last.site_local_start, local("2025-03-09 23:00"));
}

// ---- America/New_York ---------------------------------------------------------------------

#[test]
fn new_york_series_keeps_wall_clock_so_utc_moves() {
    let provider = weekday_provider("America/New_York", "08:00-18:00");
    let site = plain_site("America/New_York");
    let request = request(json!({
        "length_minutes": 60, "count": 3, "cadence": "weekly",
        "earliest_date": "2025-03-04", "latest_date": "2025-03-31", "local_start_time": "10:00"
    }));
    let plan = place_series(&SlotQuery {
        provider: &provider,
        site: &site,
        request: &request,
        now: utc("2025-02-01T00:00:00Z"),
    });
    let starts: Vec<_> = plan.placed().map(|slot| slot.start()).collect();
    assert_eq!(
        starts,
        vec![
            utc("2025-03-04T15:00:00Z"), // EST, UTC-5
            utc("2025-03-11T14:00:00Z"), // EDT, UTC-4
            utc("2025-03-18T14:00:00Z"),
        ]
    );
    assert!(
        plan.occurrences
            .iter()
            .all(|o| matches!(o.outcome, Outcome::AtAnchor { .. }))
    );
}

#[test]
fn new_york_fall_back_gap_and_fold_policy() {
    let new_york = zone("America/New_York");
    assert_eq!(
        new_york.to_utc(local("2025-03-09 02:15")),
        utc("2025-03-09T07:15:00Z")
    );
    assert_eq!(
        new_york.to_utc(local("2025-11-02 01:15")),
        utc("2025-11-02T05:15:00Z")
    );
}

// ---- America/Phoenix provider × America/Chicago site --------------------------------------

fn phoenix_chicago_plan(start_time: &str) -> scheduling::SeriesPlan {
    let provider = weekday_provider("America/Phoenix", "09:00-17:00");
    let site = plain_site("America/Chicago");
    let request = request(json!({
        "length_minutes": 60, "count": 3, "cadence": "weekly",
        "earliest_date": "2025-03-04", "latest_date": "2025-03-31",
        "local_start_time": start_time
    }));
    place_series(&SlotQuery {
        provider: &provider,
        site: &site,
        request: &request,
        now: utc("2025-02-01T00:00:00Z"),
    })
}

#[test]
fn phoenix_provider_sees_chicago_series_move_by_an_hour() {
    let plan = phoenix_chicago_plan("11:00");
    let phoenix = zone("America/Phoenix");
    let chicago = zone("America/Chicago");
    let provider_hours: Vec<String> = plan
        .placed()
        .map(|slot| phoenix.stamp(slot.start()).to_string())
        .collect();
    assert_eq!(
        provider_hours,
        vec![
            "Tue 2025-03-04 10:00 MST",
            "Tue 2025-03-11 09:00 MST",
            "Tue 2025-03-18 09:00 MST",
        ]
    );
    let site_hours: Vec<String> = plan
        .placed()
        .map(|slot| chicago.stamp(slot.start()).to_string())
        .collect();
    assert_eq!(
        site_hours,
        vec![
            "Tue 2025-03-04 11:00 CST",
            "Tue 2025-03-11 11:00 CDT",
            "Tue 2025-03-18 11:00 CDT",
        ]
    );
}

#[test]
fn phoenix_provider_cannot_take_ten_central_after_march_change() {
    // 10:00 CST = 09:00 MST is inside the provider's hours; 10:00 CDT = 08:00 MST is not.
    let plan = phoenix_chicago_plan("10:00");
    assert!(matches!(
        plan.occurrences[0].outcome,
        Outcome::AtAnchor { .. }
    ));
    let second = &plan.occurrences[1];
    let Outcome::Moved {
        slot,
        shift_minutes,
        anchor_reasons,
    } = &second.outcome
    else {
        panic!("second occurrence should move: {second:?}");
    };
    assert_eq!(*shift_minutes, 60);
    assert_eq!(slot.start(), utc("2025-03-11T16:00:00Z")); // 11:00 CDT, 09:00 MST
    assert!(matches!(
        anchor_reasons.as_slice(),
        [PlacementFailure::OutsideProviderHours { provider_local_start, .. }]
            if *provider_local_start == local("2025-03-11 08:00")
    ));
}

// ---- Europe/London ------------------------------------------------------------------------

#[test]
fn london_gap_and_fold() {
    let london = zone("Europe/London");
    let (gap, how) = london.resolve(local("2025-03-30 01:30"));
    assert_eq!(gap, utc("2025-03-30T01:30:00Z"));
    assert_eq!(how, Resolution::ShiftedForward { minutes: 60 });
    assert_eq!(london.stamp(gap).to_string(), "Sun 2025-03-30 02:30 BST");
    let (fold, how) = london.resolve(local("2025-10-26 01:30"));
    assert_eq!(fold, utc("2025-10-26T00:30:00Z"));
    assert_eq!(how, Resolution::EarlierOfTwo);
}

#[test]
fn london_weekday_hours_shift_in_utc_after_the_change() {
    let provider = weekday_provider("Europe/London", "09:00-17:00");
    let week = provider
        .availability()
        .expand(&window("2025-03-27T00:00:00Z", "2025-04-01T00:00:00Z"));
    assert_eq!(
        week.intervals(),
        &[
            span("2025-03-27T09:00:00Z", "2025-03-27T17:00:00Z"), // GMT
            span("2025-03-28T09:00:00Z", "2025-03-28T17:00:00Z"),
            span("2025-03-31T08:00:00Z", "2025-03-31T16:00:00Z"), // BST
        ]
    );
}

// ---- Australia/Lord_Howe (30-minute DST) ---------------------------------------------------

#[test]
fn lord_howe_half_hour_gap_and_fold() {
    let lord_howe = zone("Australia/Lord_Howe");
    // DST starts 2025-10-05 at 02:00 (+10:30 -> +11:00): 02:00-02:30 does not exist.
    let (gap, how) = lord_howe.resolve(local("2025-10-05 02:15"));
    assert_eq!(how, Resolution::ShiftedForward { minutes: 30 });
    assert_eq!(gap, utc("2025-10-04T15:45:00Z"));
    assert_eq!(lord_howe.local(gap), local("2025-10-05 02:45"));
    // DST ends 2025-04-06 at 02:00 (+11:00 -> +10:30): 01:30-02:00 happens twice.
    let (fold, how) = lord_howe.resolve(local("2025-04-06 01:45"));
    assert_eq!(how, Resolution::EarlierOfTwo);
    assert_eq!(fold, utc("2025-04-05T14:45:00Z"));
}

#[test]
fn lord_howe_day_lengths_and_grid() {
    let provider = provider(json!({
        "zone": "Australia/Lord_Howe",
        "weekly_hours": [{"hours": {"sun": ["00:00-24:00"]}}]
    }));
    let availability = provider.availability();
    let october = availability.expand(&window("2025-10-03T00:00:00Z", "2025-10-07T00:00:00Z"));
    assert_eq!(october.total_seconds(), 23 * 3600 + 1800);
    let april = availability.expand(&window("2025-04-04T00:00:00Z", "2025-04-08T00:00:00Z"));
    assert_eq!(april.total_seconds(), 24 * 3600 + 1800);

    // The grid follows the site's wall clock (:00, :15, ...), not UTC (which is :15, :30, ...).
    let site =
        site(json!({"zone": "Australia/Lord_Howe", "blackouts": {"federal_holidays": false}}));
    let request = request(json!({
        "length_minutes": 60, "earliest_date": "2025-10-05", "latest_date": "2025-10-05",
        "local_start_time": "09:00"
    }));
    let query = SlotQuery {
        provider: &provider,
        site: &site,
        request: &request,
        now: utc("2025-01-01T00:00:00Z"),
    };
    let slots = free_slots(&query, SlotOrder::Earliest, None);
    assert!(!slots.is_empty());
    for slot in &slots {
        let minute = slot.site_local_start.format("%M").to_string();
        assert!(
            ["00", "15", "30", "45"].contains(&minute.as_str()),
            "{slot:?}"
        );
        assert_ne!(slot.site_local_start.format("%H:%M").to_string(), "02:15");
    }
}

// ---- zones without DST ---------------------------------------------------------------------

#[test]
fn phoenix_and_honolulu_never_shift() {
    for (name, nine_am_utc_hour) in [("America/Phoenix", 16), ("Pacific/Honolulu", 19)] {
        let zone = zone(name);
        for day in ["2025-01-15", "2025-03-09", "2025-07-15", "2025-11-02"] {
            let (at, how) = zone.resolve(local(&format!("{day} 09:00")));
            assert_eq!(how, Resolution::Exact, "{name} {day}");
            assert_eq!(at.format("%H").to_string(), format!("{nine_am_utc_hour}"));
            // Every wall-clock time of the transition nights elsewhere exists here.
            assert_eq!(
                zone.resolve(local(&format!("{day} 02:30"))).1,
                Resolution::Exact
            );
        }
    }
    let provider = weekday_provider("Pacific/Honolulu", "09:00-12:00");
    let week = provider
        .availability()
        .expand(&window("2025-03-07T00:00:00Z", "2025-03-11T00:00:00Z"));
    assert_eq!(
        week.intervals(),
        &[
            span("2025-03-07T19:00:00Z", "2025-03-07T22:00:00Z"),
            span("2025-03-10T19:00:00Z", "2025-03-10T22:00:00Z"),
        ]
    );
}

#[test]
fn chicago_grid_on_fall_back_day_offers_both_passes_through_one_oclock() {
    let provider = provider(json!({
        "zone": "America/Chicago",
        "weekly_hours": [{"hours": {"sun": ["00:00-04:00"]}}]
    }));
    let site = site(json!({"zone": "America/Chicago", "blackouts": {"federal_holidays": false}}));
    let request = request(json!({
        "length_minutes": 60, "earliest_date": "2025-11-02", "latest_date": "2025-11-02",
        "local_start_time": "01:00", "granularity_minutes": 30
    }));
    let query = SlotQuery {
        provider: &provider,
        site: &site,
        request: &request,
        now: utc("2025-01-01T00:00:00Z"),
    };
    let chicago = zone("America/Chicago");
    let labels: Vec<String> = free_slots(&query, SlotOrder::Earliest, None)
        .iter()
        .map(|slot| chicago.stamp(slot.interval.start()).to_string())
        .collect();
    assert_eq!(
        labels,
        vec![
            "Sun 2025-11-02 00:00 CDT",
            "Sun 2025-11-02 00:30 CDT",
            "Sun 2025-11-02 01:00 CDT",
            "Sun 2025-11-02 01:30 CDT",
            "Sun 2025-11-02 01:00 CST",
            "Sun 2025-11-02 01:30 CST",
            "Sun 2025-11-02 02:00 CST",
            "Sun 2025-11-02 02:30 CST",
            "Sun 2025-11-02 03:00 CST", // 00:00-04:00 is five real hours on this day
        ]
    );
}

#[test]
fn hours_ending_at_a_midnight_gap_reach_past_it() {
    // America/Havana springs forward at midnight (2025-03-09 00:00 -> 01:00): hours ending at
    // 24:00 on the 8th end at the shifted instant, 01:00 CDT on the 9th, and a window starting
    // after midnight UTC-4 still sees them.
    let provider = provider(json!({
        "zone": "America/Havana",
        "weekly_hours": [{"hours": {"sat": ["22:00-24:00"]}}]
    }));
    let expanded = provider
        .availability()
        .expand(&window("2025-03-09T04:30:00Z", "2025-03-09T12:00:00Z"));
    assert_eq!(
        expanded.intervals(),
        &[span("2025-03-09T04:30:00Z", "2025-03-09T05:00:00Z")]
    );
}
