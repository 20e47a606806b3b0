//! Series placement: every occurrence checked on its own, moved within tolerance when its anchor
//! cannot stand, reported with typed reasons when it cannot be placed, never double-booked
//! against itself; and the sizes the product needs (3 years monthly, 150 weekly).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use scheduling::{
    AvailabilityFit, Outcome, PlacementFailure, ProviderSchedule, SeriesPlan, SessionRequest,
    SiteCalendar, SlotQuery, availability_fit, place_series,
};
use serde_json::json;

fn plan(
    provider: &ProviderSchedule,
    site: &SiteCalendar,
    request: &SessionRequest,
    now: &str,
) -> SeriesPlan {
    place_series(&SlotQuery {
        provider,
        site,
        request,
        now: utc(now),
    })
}

fn weekly(count: u32, first: &str, latest: &str, time: &str, tolerance: u32) -> SessionRequest {
    request(json!({
        "length_minutes": 60, "count": count, "cadence": "weekly", "earliest_date": first,
        "latest_date": latest, "local_start_time": time, "tolerance_business_days": tolerance
    }))
}

fn reasons(outcome: &Outcome) -> &[PlacementFailure] {
    match outcome {
        Outcome::AtAnchor { .. } => &[],
        Outcome::Moved { anchor_reasons, .. } => anchor_reasons,
        Outcome::Unplaced { reasons } => reasons,
    }
}

#[test]
fn never_double_books_itself_when_the_only_free_slot_is_taken() {
    // Only one free hour in two weeks: Tuesday 2025-04-08 10:00-11:00 Chicago.
    let provider = provider(json!({
        "zone": "America/Chicago",
        "overrides": [{"date": "2025-04-08", "hours": ["10:00-11:00"]}]
    }));
    let site = plain_site("America/Chicago");
    let request = weekly(2, "2025-04-08", "2025-04-30", "10:00", 5);
    let plan = plan(&provider, &site, &request, "2025-03-01T00:00:00Z");
    assert!(matches!(
        plan.occurrences[0].outcome,
        Outcome::AtAnchor { .. }
    ));
    let second = &plan.occurrences[1].outcome;
    assert!(matches!(second, Outcome::Unplaced { .. }), "{second:?}");
    assert!(
        reasons(second)
            .iter()
            .any(|r| matches!(r, PlacementFailure::OutsideProviderHours { .. }))
    );
    assert!(
        reasons(second)
            .iter()
            .any(|r| matches!(r, PlacementFailure::NoFreeSlotWithinTolerance { .. }))
    );
}

#[test]
fn occurrence_conflicting_with_an_earlier_one_names_it() {
    // The site meets on Tuesdays 10:00-11:00 only. Occurrence 1 (2025-04-01) falls on a site
    // blackout and the Tuesday before is busy, so it slides forward a week onto occurrence 2's
    // anchor (2025-04-08). Occurrence 2 must then report the clash and move on, not double-book.
    let provider = provider(json!({
        "zone": "America/Chicago",
        "weekly_hours": [{"hours": {"tue": ["09:00-17:00"]}}],
        "busy": [{"id": "S-7", "start": "2025-03-25T15:00:00Z", "end": "2025-03-25T16:00:00Z"}]
    }));
    let site = site(json!({
        "zone": "America/Chicago",
        "preferred_hours": {"tue": ["10:00-11:00"]},
        "blackouts": {"dates": [{"date": "2025-04-01", "name": "Council budget day"}]}
    }));
    let request = weekly(2, "2025-03-20", "2025-04-30", "10:00", 5);
    let request = SessionRequest::new(scheduling::SessionRequestParts {
        first_date: Some(date("2025-04-01")),
        ..parts_of(&request)
    })
    .unwrap();
    let plan = plan(&provider, &site, &request, "2025-03-01T00:00:00Z");
    let first = &plan.occurrences[0];
    assert!(matches!(
        reasons(&first.outcome),
        [PlacementFailure::Blackout { name, .. }] if name == "Council budget day"
    ));
    assert_eq!(first.slot().unwrap().start(), utc("2025-04-08T15:00:00Z"));
    let second = &plan.occurrences[1];
    assert!(matches!(
        reasons(&second.outcome),
        [PlacementFailure::ConflictWithOccurrence { index: 1, .. }]
    ));
    assert_eq!(second.slot().unwrap().start(), utc("2025-04-15T15:00:00Z"));
}

fn parts_of(request: &SessionRequest) -> scheduling::SessionRequestParts {
    scheduling::SessionRequestParts {
        length: request.length(),
        count: request.count(),
        cadence: request.cadence(),
        earliest_date: request.earliest_date(),
        latest_date: request.latest_date(),
        first_date: Some(request.first_date()),
        local_start_time: request.local_start_time(),
        minimum_notice_minutes: request.minimum_notice_minutes(),
        granularity: request.granularity(),
        tolerance: request.tolerance(),
    }
}

#[test]
fn conflict_names_the_session_and_the_occurrence_moves_to_the_nearest_slot() {
    let provider = provider(json!({
        "zone": "America/New_York",
        "weekly_hours": [{"hours": {"tue": ["09:00-17:00"], "wed": ["09:00-17:00"]}}],
        "busy": [{"id": "S-42", "start": "2025-05-06T14:00:00Z", "end": "2025-05-06T15:00:00Z"}],
        "buffers": {"before_minutes": 15, "after_minutes": 15}
    }));
    let site = plain_site("America/New_York");
    let request = weekly(1, "2025-05-06", "2025-05-31", "10:00", 2);
    let plan = plan(&provider, &site, &request, "2025-04-01T00:00:00Z");
    let Outcome::Moved {
        slot,
        shift_minutes,
        anchor_reasons,
    } = &plan.occurrences[0].outcome
    else {
        panic!("expected a move: {plan:?}");
    };
    // S-42 runs 10:00-11:00 EDT; with a 15-minute buffer after it the nearest start is 11:15;
    // 08:45 would end at 09:45, inside S-42's 15-minute buffer before (09:45)... and before
    // the provider's hours anyway.
    assert_eq!(slot.start(), utc("2025-05-06T15:15:00Z"));
    assert_eq!(*shift_minutes, 75);
    assert!(matches!(
        anchor_reasons.as_slice(),
        [PlacementFailure::ConflictWithSession { id, .. }] if id == "S-42"
    ));
}

#[test]
fn holiday_is_named_and_the_occurrence_slides_to_a_business_day() {
    let provider = weekday_provider("America/Chicago", "09:00-17:00");
    let site = plain_site("America/Chicago");
    // Thursdays at 13:00 through Thanksgiving 2025 (2025-11-27).
    let request = weekly(3, "2025-11-20", "2025-12-31", "13:00", 3);
    let plan = plan(&provider, &site, &request, "2025-10-01T00:00:00Z");
    let second = &plan.occurrences[1];
    assert_eq!(second.anchor_date, date("2025-11-27"));
    assert!(matches!(
        reasons(&second.outcome),
        [PlacementFailure::Blackout { name, .. }] if name == "Thanksgiving Day"
    ));
    // Nearest on the wall clock: 13:00 the day before and the day after tie (one day each),
    // and the earlier wins; Friday 09:00 is nearer in real time but moves the time of day.
    assert_eq!(second.slot().unwrap().start(), utc("2025-11-26T19:00:00Z"));
}

#[test]
fn daily_cap_is_reported_with_its_counts() {
    let provider = provider(json!({
        "zone": "America/Denver",
        "weekly_hours": [{"hours": {"mon": ["08:00-17:00"], "tue": ["08:00-17:00"]}}],
        "busy": [{"id": "S-1", "start": "2025-06-02T15:00:00Z", "end": "2025-06-02T16:00:00Z"}],
        "caps": {"max_sessions_per_day": 1}
    }));
    let site = plain_site("America/Denver");
    let request = weekly(1, "2025-06-02", "2025-06-30", "14:00", 1);
    let plan = plan(&provider, &site, &request, "2025-05-01T00:00:00Z");
    let occurrence = &plan.occurrences[0];
    assert!(matches!(
        reasons(&occurrence.outcome),
        [PlacementFailure::DailyCapReached {
            booked: 1,
            max: 1,
            ..
        }]
    ));
    // Moves to the next day at the same time.
    assert_eq!(
        occurrence.slot().unwrap().start(),
        utc("2025-06-03T20:00:00Z")
    );
}

#[test]
fn weekly_cap_counts_the_series_own_sessions() {
    let provider = provider(json!({
        "zone": "America/Los_Angeles",
        "weekly_hours": [{"hours": {"mon": ["08:00-17:00"], "tue": ["08:00-17:00"], "wed": ["08:00-17:00"]}}],
        "caps": {"max_hours_per_week": 2}
    }));
    let site = plain_site("America/Los_Angeles");
    let request = request(json!({
        "length_minutes": 60, "count": 3, "cadence": "weekly", "earliest_date": "2025-06-02",
        "latest_date": "2025-06-30", "local_start_time": "09:00", "tolerance_business_days": 0
    }));
    let plan = plan(&provider, &site, &request, "2025-05-01T00:00:00Z");
    assert!(plan.is_complete());
    // A weekly series never puts two sessions in one week, so a 2-hour cap holds; now a
    // request with a 3-hour session cannot fit under it at all.
    let long = request_with_length(180);
    let plan = place_series(&SlotQuery {
        provider: &provider,
        site: &site,
        request: &long,
        now: utc("2025-05-01T00:00:00Z"),
    });
    assert!(matches!(
        reasons(&plan.occurrences[0].outcome).first(),
        Some(PlacementFailure::WeeklyCapReached {
            max_minutes: 120,
            ..
        })
    ));
}

fn request_with_length(minutes: u32) -> SessionRequest {
    request(json!({
        "length_minutes": minutes, "earliest_date": "2025-06-02", "latest_date": "2025-06-30",
        "local_start_time": "09:00"
    }))
}

#[test]
fn occurrences_past_the_window_and_before_notice_say_so() {
    let provider = weekday_provider("America/Chicago", "08:00-18:00");
    let site = plain_site("America/Chicago");
    let request = request(json!({
        "length_minutes": 60, "count": 6, "cadence": "monthly", "earliest_date": "2025-01-14",
        "latest_date": "2025-04-30", "local_start_time": "10:00", "minimum_notice_hours": 48
    }));
    // "Now" is the day before the first anchor: 48 hours' notice rules it out.
    let plan = plan(&provider, &site, &request, "2025-01-13T16:00:00Z");
    assert!(matches!(
        reasons(&plan.occurrences[0].outcome).first(),
        Some(PlacementFailure::BeforeMinimumNotice { .. })
    ));
    assert!(plan.occurrences[0].slot().is_none());
    for late in &plan.occurrences[4..] {
        assert!(matches!(late.outcome, Outcome::Unplaced { .. }));
        assert!(matches!(
            reasons(&late.outcome).first(),
            Some(PlacementFailure::OutsideWindow { .. })
        ));
    }
    assert_eq!(AvailabilityFit::of(&plan).placed, 3);
}

#[test]
fn time_off_is_reported_with_its_label() {
    let provider = provider(json!({
        "zone": "America/Indiana/Indianapolis",
        "weekly_hours": [{"hours": {"wed": ["09:00-17:00"], "thu": ["09:00-17:00"]}}],
        "time_off": [{"first_date": "2025-08-06", "last_date": "2025-08-06", "label": "training"}]
    }));
    let site = plain_site("America/Detroit");
    let request = weekly(1, "2025-08-06", "2025-08-31", "10:00", 1);
    let plan = plan(&provider, &site, &request, "2025-07-01T00:00:00Z");
    let occurrence = &plan.occurrences[0];
    assert!(matches!(
        reasons(&occurrence.outcome),
        [PlacementFailure::ProviderTimeOff { label: Some(label) }] if label == "training"
    ));
    assert_eq!(
        occurrence.slot().unwrap().start(),
        utc("2025-08-07T14:00:00Z")
    );
}

#[test]
fn three_years_monthly_and_150_weekly_are_placed_across_dst() {
    let provider = weekday_provider("America/Phoenix", "07:00-16:00");
    let site = plain_site("America/Chicago");
    let monthly = request(json!({
        "length_minutes": 90, "count": 36, "cadence": "monthly", "earliest_date": "2025-01-14",
        "latest_date": "2028-01-31", "local_start_time": "10:00", "tolerance_business_days": 3
    }));
    let plan = plan(&provider, &site, &monthly, "2025-01-01T00:00:00Z");
    assert_eq!(plan.occurrences.len(), 36);
    assert!(plan.is_complete());
    let weekly = request(json!({
        "length_minutes": 60, "count": 150, "cadence": "weekly", "earliest_date": "2025-01-07",
        "latest_date": "2028-01-31", "local_start_time": "10:00", "tolerance_business_days": 3
    }));
    let plan = plan_for(&provider, &site, &weekly);
    assert_eq!(plan.occurrences.len(), 150);
    let fit = AvailabilityFit::of(&plan);
    assert_eq!(fit.placed, 150);
    // Some Tuesdays are holidays (e.g. Christmas 2029 is past the window; 2025-11-11 Veterans
    // Day is a Tuesday), and those slide.
    assert!(fit.moved >= 1, "{fit:?}");
    assert_eq!(fit.at_anchor + fit.moved, 150);
}

fn plan_for(
    provider: &ProviderSchedule,
    site: &SiteCalendar,
    request: &SessionRequest,
) -> SeriesPlan {
    plan(provider, site, request, "2025-01-01T00:00:00Z")
}

#[test]
fn availability_fit_summarises_the_plan() {
    let provider = weekday_provider("America/Phoenix", "09:00-17:00");
    let site = plain_site("America/Chicago");
    let request = weekly(3, "2025-03-04", "2025-03-31", "10:00", 0);
    let fit = availability_fit(&SlotQuery {
        provider: &provider,
        site: &site,
        request: &request,
        now: utc("2025-02-01T00:00:00Z"),
    });
    assert_eq!(fit.requested, 3);
    assert_eq!(fit.placed, 3);
    assert_eq!(fit.at_anchor, 1);
    assert_eq!(fit.moved, 2);
    assert_eq!(fit.total_shift_minutes, 120);
    assert_eq!(fit.max_shift_minutes, 60);
    assert_eq!(fit.earliest_start, Some(utc("2025-03-04T16:00:00Z")));
    assert!(fit.is_complete());
}
