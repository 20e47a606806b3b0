//! Other times for one occurrence of a planned series (what a coordinator may move it to), and
//! settled sessions checked against a replacement provider.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use scheduling::{
    Interval, Outcome, PlacementFailure, PreparedRequest, SessionRequest, check_fixed_sessions,
};
use serde_json::json;

fn weekly(count: u32, first: &str, latest: &str, time: &str) -> SessionRequest {
    request(json!({
        "length_minutes": 60, "count": count, "cadence": "weekly", "earliest_date": first,
        "latest_date": latest, "local_start_time": time, "tolerance_business_days": 2
    }))
}

fn span(start: &str, end: &str) -> Interval {
    Interval::new(utc(start), utc(end)).unwrap()
}

#[test]
fn alternatives_are_free_in_order_and_nearest_the_anchor_first() {
    // Chicago provider and site, Tue–Thu 09:00–12:00 for the provider; site prefers 09:00–12:00.
    let provider = provider(json!({
        "zone": "America/Chicago",
        "weekly_hours": [{"hours": {"tue": ["09:00-12:00"], "wed": ["09:00-12:00"], "thu": ["09:00-12:00"]}}],
        "buffers": {"before_minutes": 15, "after_minutes": 15}
    }));
    let site = site(json!({
        "zone": "America/Chicago",
        "preferred_hours": {"tue": ["09:00-12:00"], "wed": ["09:00-12:00"], "thu": ["09:00-12:00"]}
    }));
    let request = weekly(3, "2025-05-06", "2025-05-31", "10:00");
    let prepared = PreparedRequest::new(&site, &request, utc("2025-04-01T00:00:00Z"));
    let plan = prepared.place_series(&provider);
    assert!(plan.is_complete());
    let slots: Vec<(u32, Interval)> = plan
        .occurrences
        .iter()
        .map(|o| (o.index, o.slot().unwrap()))
        .collect();
    let offered = prepared.alternatives(&provider, 2, &slots, Some(5));
    assert_eq!(offered.len(), 5);
    // Nearest first: the anchor itself (10:00 CDT = 15:00Z, where it stands now), then 15
    // minutes either side (the earlier first), then 30 minutes, ...
    assert_eq!(offered[0].interval.start(), utc("2025-05-13T15:00:00Z"));
    assert_eq!(offered[1].interval.start(), utc("2025-05-13T14:45:00Z"));
    assert_eq!(offered[2].interval.start(), utc("2025-05-13T15:15:00Z"));
    assert_eq!(offered[3].interval.start(), utc("2025-05-13T14:30:00Z"));
    let all = prepared.alternatives(&provider, 2, &slots, None);
    for slot in &all {
        // In order: after occurrence 1 ends and before occurrence 3 starts.
        assert!(slot.interval.start() >= slots[0].1.end());
        assert!(slot.interval.end() <= slots[2].1.start());
        // Inside the provider's and the site's hours (09:00–12:00 Central).
        let hour = (slot.site_local_start.time() - chrono::NaiveTime::MIN).num_minutes();
        assert!((9 * 60..=11 * 60).contains(&hour), "{slot:?}");
    }
    // The first occurrence may not move onto (or within the buffers of) the second.
    let first = prepared.alternatives(&provider, 1, &slots, None);
    assert!(!first.is_empty());
    assert!(first.iter().all(|s| s.interval.end() <= slots[1].1.start()));
    // The offered set is what a server checks a choice against.
    assert!(prepared.offers(&provider, 2, &slots, &offered[3].interval));
    let off_grid = span("2025-05-13T15:05:00Z", "2025-05-13T16:05:00Z");
    assert!(!prepared.offers(&provider, 2, &slots, &off_grid));
    let outside_hours = span("2025-05-13T20:00:00Z", "2025-05-13T21:00:00Z");
    assert!(!prepared.offers(&provider, 2, &slots, &outside_hours));
    let onto_third = slots[2].1;
    assert!(!prepared.offers(&provider, 2, &slots, &onto_third));
    assert!(prepared.alternatives(&provider, 9, &slots, None).is_empty());
}

#[test]
fn other_occurrences_count_towards_the_caps_and_busy_time_is_left_out() {
    // One session a day at most; a booked session on Wednesday morning.
    let provider = provider(json!({
        "zone": "America/New_York",
        "weekly_hours": [{"hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"]}}],
        "busy": [{"id": "S-1", "start": "2025-05-07T13:00:00Z", "end": "2025-05-07T15:00:00Z"}],
        "caps": {"max_sessions_per_day": 1}
    }));
    let site = plain_site("America/New_York");
    let request = weekly(2, "2025-05-05", "2025-05-16", "10:00");
    let prepared = PreparedRequest::new(&site, &request, utc("2025-04-01T00:00:00Z"));
    let plan = prepared.place_series(&provider);
    let slots: Vec<(u32, Interval)> = plan
        .occurrences
        .iter()
        .map(|o| (o.index, o.slot().unwrap()))
        .collect();
    // Occurrence 1 stands on Monday 2025-05-05; occurrence 2 may not move to that Monday (cap),
    // nor into Wednesday's booked morning.
    let offered = prepared.alternatives(&provider, 2, &slots, None);
    assert!(!offered.is_empty());
    for slot in &offered {
        assert_ne!(slot.site_local_start.date(), date("2025-05-05"));
        assert!(
            !slot
                .interval
                .overlaps(&span("2025-05-07T13:00:00Z", "2025-05-07T15:00:00Z"))
        );
    }
}

#[test]
fn settled_sessions_fit_a_free_provider_and_name_what_is_in_the_way() {
    let provider = provider(json!({
        "zone": "America/Phoenix",
        "weekly_hours": [{"hours": {"thu": ["07:00-15:00"]}}],
        "busy": [{"id": "#12 (request #3)", "start": "2025-05-15T15:00:00Z", "end": "2025-05-15T16:00:00Z"}],
        "buffers": {"before_minutes": 15, "after_minutes": 15}
    }));
    let sessions = [
        (1, span("2025-05-08T15:00:00Z", "2025-05-08T16:00:00Z")),
        (2, span("2025-05-15T15:30:00Z", "2025-05-15T16:30:00Z")),
        (3, span("2025-05-22T23:00:00Z", "2025-05-23T00:00:00Z")),
    ];
    let plan = check_fixed_sessions(&provider, zone("America/Chicago"), &sessions);
    assert_eq!(plan.occurrences.len(), 3);
    assert!(matches!(
        plan.occurrences[0].outcome,
        Outcome::AtAnchor { .. }
    ));
    assert_eq!(plan.occurrences[0].anchor_date, date("2025-05-08"));
    let Outcome::Unplaced { reasons } = &plan.occurrences[1].outcome else {
        panic!("{plan:?}");
    };
    assert!(reasons.iter().any(
        |r| matches!(r, PlacementFailure::ConflictWithSession { id, .. } if id == "#12 (request #3)")
    ));
    let Outcome::Unplaced { reasons } = &plan.occurrences[2].outcome else {
        panic!("{plan:?}");
    };
    assert!(
        reasons
            .iter()
            .any(|r| matches!(r, PlacementFailure::OutsideProviderHours { .. }))
    );
    assert!(!plan.is_complete());
}
