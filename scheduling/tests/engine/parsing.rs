//! Bad input is rejected while parsing, with a message that names the bad value; good input
//! round-trips through JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scheduling::{
    Cadence, Granularity, InputError, LocalTimeRange, ProviderSchedule, SessionLength,
    SessionRequest, SiteCalendar, Tolerance, WeeklyHours, Zone,
};
use serde_json::json;

fn provider_error(json: serde_json::Value) -> String {
    serde_json::from_value::<ProviderSchedule>(json)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

fn request_error(json: serde_json::Value) -> String {
    serde_json::from_value::<SessionRequest>(json)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

#[test]
fn unknown_zone_is_named() {
    let error = Zone::parse("America/Gotham").unwrap_err();
    assert_eq!(error, InputError::UnknownZone("America/Gotham".to_owned()));
    assert!(error.to_string().contains("\"America/Gotham\""));
    let via_json = serde_json::from_value::<SiteCalendar>(json!({"zone": "Mars/Olympus"}));
    assert!(via_json.unwrap_err().to_string().contains("Mars/Olympus"));
}

#[test]
fn bad_ranges_and_weekdays_are_named() {
    assert!(
        provider_error(json!({
            "zone": "America/Chicago",
            "weekly_hours": [{"hours": {"mon": ["17:00-09:00"]}}]
        }))
        .contains("17:00-09:00")
    );
    assert!(
        provider_error(json!({
            "zone": "America/Chicago",
            "weekly_hours": [{"hours": {"funday": ["09:00-17:00"]}}]
        }))
        .contains("funday")
    );
    let overlap = provider_error(json!({
        "zone": "America/Chicago",
        "weekly_hours": [{"hours": {"tue": ["09:00-12:00", "11:00-13:00"]}}]
    }));
    assert!(
        overlap.contains("09:00-12:00") && overlap.contains("11:00-13:00"),
        "{overlap}"
    );
}

#[test]
fn overlapping_weekly_schedules_and_duplicate_overrides_are_rejected() {
    let hours = json!({"mon": ["09:00-17:00"]});
    assert!(
        provider_error(json!({
            "zone": "America/Chicago",
            "weekly_hours": [
                {"valid_until": "2025-06-30", "hours": hours},
                {"valid_from": "2025-06-01", "hours": hours}
            ]
        }))
        .contains("2025-06-01")
    );
    assert!(
        provider_error(json!({
            "zone": "America/Chicago",
            "overrides": [{"date": "2025-06-02", "hours": []}, {"date": "2025-06-02", "hours": []}]
        }))
        .contains("2025-06-02")
    );
    // Consecutive validity periods are fine.
    assert!(
        serde_json::from_value::<ProviderSchedule>(json!({
            "zone": "America/Chicago",
            "weekly_hours": [
                {"valid_until": "2025-05-31", "hours": hours},
                {"valid_from": "2025-06-01", "hours": {"tue": ["10:00-12:00"]}}
            ]
        }))
        .is_ok()
    );
}

#[test]
fn busy_sessions_and_time_off_must_make_sense() {
    let inverted = provider_error(json!({
        "zone": "America/Chicago",
        "busy": [{"id": "S-9", "start": "2025-06-02T16:00:00Z", "end": "2025-06-02T15:00:00Z"}]
    }));
    assert!(inverted.contains("S-9"), "{inverted}");
    let ambiguous = provider_error(json!({
        "zone": "America/Chicago",
        "time_off": [{"first_date": "2025-06-02", "start": "2025-06-02T15:00:00Z", "label": "leave"}]
    }));
    assert!(ambiguous.contains("leave"), "{ambiguous}");
    let unknown_field = provider_error(json!({"zone": "America/Chicago", "bussy": []}));
    assert!(unknown_field.contains("bussy"), "{unknown_field}");
}

#[test]
fn request_values_are_checked() {
    let base = |extra: serde_json::Value| {
        let mut value = json!({
            "length_minutes": 60, "earliest_date": "2025-06-01", "latest_date": "2025-06-30",
            "local_start_time": "10:00"
        });
        if let (Some(target), Some(extra)) = (value.as_object_mut(), extra.as_object()) {
            target.extend(extra.clone());
        }
        value
    };
    assert!(request_error(base(json!({"length_minutes": 2}))).contains("2"));
    assert!(request_error(base(json!({"granularity_minutes": 7}))).contains("7 minutes"));
    assert!(request_error(base(json!({"count": 3}))).contains("count 3"));
    assert!(request_error(base(json!({"cadence": "daily"}))).contains("daily"));
    assert!(request_error(base(json!({"local_start_time": "25:00"}))).contains("25:00"));
    assert!(request_error(base(json!({"latest_date": "2025-05-01"}))).contains("2025-05-01"));
    assert!(request_error(base(json!({"first_date": "2025-07-01"}))).contains("2025-07-01"));
    assert!(request_error(base(json!({"tolerance_business_days": 99}))).contains("99"));
    let off_grid = request_error(base(json!({"local_start_time": "10:10"})));
    assert!(
        off_grid.contains("10:10") && off_grid.contains("15-minute"),
        "{off_grid}"
    );
    assert!(serde_json::from_value::<SessionRequest>(base(json!({}))).is_ok());
}

#[test]
fn constructors_match_parsing() {
    assert!(SessionLength::from_minutes(60).is_ok());
    assert_eq!(Granularity::default().minutes(), 15);
    assert!(Granularity::from_minutes(20).is_ok());
    assert!(Tolerance::business_days(3).is_ok());
    assert_eq!(Cadence::parse("Biweekly").unwrap(), Cadence::Biweekly);
    let range = LocalTimeRange::parse("09:00-17:00").unwrap();
    let hours = WeeklyHours::same_on(&[chrono::Weekday::Mon], &[range]).unwrap();
    assert_eq!(hours.on(chrono::Weekday::Mon), &[range]);
    assert!(hours.on(chrono::Weekday::Sun).is_empty());
}

#[test]
fn provider_site_and_request_round_trip_through_json() {
    let provider_json = json!({
        "zone": "America/Phoenix",
        "weekly_hours": [{"valid_from": "2025-01-01", "hours": {"mon": ["09:00-12:00", "13:00-17:00"]}}],
        "overrides": [{"date": "2025-03-10", "hours": []}],
        "time_off": [{"first_date": "2025-07-01", "last_date": "2025-07-04", "label": "leave"}],
        "busy": [{"id": "S-1", "start": "2025-03-11T16:00:00Z", "end": "2025-03-11T17:00:00Z"}],
        "buffers": {"before_minutes": 10, "after_minutes": 15},
        "caps": {"max_sessions_per_day": 2, "max_hours_per_week": 12.5}
    });
    let provider: ProviderSchedule = serde_json::from_value(provider_json).unwrap();
    let again: ProviderSchedule =
        serde_json::from_value(serde_json::to_value(&provider).unwrap()).unwrap();
    assert_eq!(provider, again);
    assert_eq!(provider.caps().max_minutes_per_week(), Some(750));
    let request: SessionRequest = serde_json::from_value(json!({
        "length_minutes": 90, "count": 12, "cadence": "biweekly", "earliest_date": "2025-03-01",
        "latest_date": "2025-09-30", "local_start_time": "10:00", "minimum_notice_hours": 72,
        "tolerance_business_days": 3
    }))
    .unwrap();
    let again: SessionRequest =
        serde_json::from_value(serde_json::to_value(&request).unwrap()).unwrap();
    assert_eq!(request, again);
}
