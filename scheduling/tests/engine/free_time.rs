//! A provider's free-time calendar (`free_days`): working hours minus buffered sessions,
//! time off, overrides, federal holidays and the past, cut at the provider's local midnights —
//! including the week of the March 2027 DST change for a Phoenix provider serving a Chicago site.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use scheduling::{BlackoutCalendar, FreeDay, free_days};
use serde_json::json;

/// The free stretches of `day` as `HH:MM-HH:MM` on `zone_name`'s wall clock.
fn local_free(day: &FreeDay, zone_name: &str) -> Vec<String> {
    let zone = zone(zone_name);
    day.free
        .iter()
        .map(|i| {
            format!(
                "{}-{} {}",
                zone.local(i.start()).format("%H:%M"),
                zone.local(i.end()).format("%H:%M"),
                zone.abbreviation(i.start())
            )
        })
        .collect()
}

fn no_holidays() -> BlackoutCalendar {
    BlackoutCalendar::new(false, Vec::new())
}

#[test]
fn phoenix_provider_with_a_chicago_series_across_the_march_2027_change() {
    // Thursday sessions at 13:00 on the Chicago site's wall clock: 13:00 CST (19:00Z) before
    // the change on Sunday 14 March 2027, 13:00 CDT (18:00Z) after. Phoenix keeps MST, so the
    // provider's busy hour moves from 12:00 to 11:00 on their own clock.
    let provider = provider(json!({
        "zone": "America/Phoenix",
        "weekly_hours": [{"hours": {
            "mon": ["07:00-15:00"], "tue": ["07:00-15:00"], "wed": ["07:00-15:00"],
            "thu": ["07:00-15:00"], "fri": ["07:00-15:00"]
        }}],
        "busy": [
            {"id": "KC-1", "start": "2027-03-11T19:00:00Z", "end": "2027-03-11T20:00:00Z"},
            {"id": "KC-2", "start": "2027-03-18T18:00:00Z", "end": "2027-03-18T19:00:00Z"}
        ],
        "buffers": {"before_minutes": 15, "after_minutes": 15}
    }));
    let days = free_days(
        &provider,
        &BlackoutCalendar::default(),
        date("2027-03-08"),
        date("2027-03-21"),
        utc("2027-03-01T00:00:00Z"),
    );
    assert_eq!(days.len(), 14);
    assert_eq!(days[0].date, date("2027-03-08"));
    assert_eq!(local_free(&days[0], "America/Phoenix"), ["07:00-15:00 MST"]);

    let before = &days[3];
    assert_eq!(before.date, date("2027-03-11"));
    assert_eq!(
        local_free(before, "America/Phoenix"),
        ["07:00-11:45 MST", "13:15-15:00 MST"]
    );
    assert_eq!(before.sessions, 1);

    // The change itself (Sunday) has no hours and shifts nothing in Phoenix.
    let change = &days[6];
    assert_eq!(change.date, date("2027-03-14"));
    assert!(change.free.is_empty());
    assert!(!change.has_hours);

    let after = &days[10];
    assert_eq!(after.date, date("2027-03-18"));
    assert_eq!(
        local_free(after, "America/Phoenix"),
        ["07:00-10:45 MST", "12:15-15:00 MST"]
    );
    // The same free time read on the site's clock: an hour later than Phoenix after the change.
    assert_eq!(
        local_free(after, "America/Chicago"),
        ["09:00-12:45 CDT", "14:15-17:00 CDT"]
    );
    assert_eq!(
        local_free(before, "America/Chicago"),
        ["08:00-12:45 CST", "14:15-16:00 CST"]
    );
}

#[test]
fn a_chicago_providers_days_are_23_and_25_hours_long_at_the_changes() {
    let provider = provider(json!({
        "zone": "America/Chicago",
        "weekly_hours": [{"hours": {"sun": ["00:00-24:00"]}}]
    }));
    let now = utc("2027-01-01T00:00:00Z");
    let spring = free_days(
        &provider,
        &no_holidays(),
        date("2027-03-14"),
        date("2027-03-14"),
        now,
    );
    assert_eq!(spring.len(), 1);
    let total: i64 = spring[0]
        .free
        .iter()
        .map(|i| i.duration().num_hours())
        .sum();
    assert_eq!(total, 23);
    assert_eq!(spring[0].free[0].start(), utc("2027-03-14T06:00:00Z"));
    assert_eq!(spring[0].free[0].end(), utc("2027-03-15T05:00:00Z"));

    let fall = free_days(
        &provider,
        &no_holidays(),
        date("2027-11-07"),
        date("2027-11-07"),
        now,
    );
    let total: i64 = fall[0].free.iter().map(|i| i.duration().num_hours()).sum();
    assert_eq!(total, 25);
}

#[test]
fn holidays_time_off_and_overrides_take_their_days() {
    let provider = provider(json!({
        "zone": "America/Denver",
        "weekly_hours": [{"hours": {
            "mon": ["08:00-12:00", "13:00-17:00"], "tue": ["08:00-16:00"], "wed": ["08:00-16:00"],
            "thu": ["08:00-16:00"], "fri": ["08:00-16:00"]
        }}],
        "overrides": [
            {"date": "2027-06-02", "hours": ["10:00-11:00", "14:00-15:00"]},
            {"date": "2027-06-03", "hours": []},
            {"date": "2027-06-05", "hours": ["09:00-10:00"]}
        ],
        "time_off": [{"first_date": "2027-06-04", "last_date": "2027-06-04", "label": "dentist"}]
    }));
    let days = free_days(
        &provider,
        &BlackoutCalendar::default(),
        date("2027-05-31"),
        date("2027-06-06"),
        utc("2027-05-01T00:00:00Z"),
    );
    // Monday 31 May 2027 is Memorial Day.
    assert_eq!(days[0].holiday.as_deref(), Some("Memorial Day"));
    assert!(days[0].has_hours);
    assert!(days[0].free.is_empty());
    // Tuesday: weekly hours.
    assert_eq!(local_free(&days[1], "America/Denver"), ["08:00-16:00 MDT"]);
    // Wednesday: the override's two ranges instead.
    assert!(days[2].overridden);
    assert_eq!(
        local_free(&days[2], "America/Denver"),
        ["10:00-11:00 MDT", "14:00-15:00 MDT"]
    );
    // Thursday: unavailable all day.
    assert!(days[3].overridden);
    assert!(!days[3].has_hours);
    assert!(days[3].free.is_empty());
    // Friday: time off.
    assert!(days[4].time_off);
    assert!(days[4].free.is_empty());
    // Saturday: an override gives hours on a day without weekly hours.
    assert_eq!(local_free(&days[5], "America/Denver"), ["09:00-10:00 MDT"]);
    assert!(days[6].free.is_empty());
}

#[test]
fn the_past_and_buffered_sessions_are_not_free() {
    let provider = provider(json!({
        "zone": "UTC",
        "weekly_hours": [{"hours": {"wed": ["09:00-17:00"]}}],
        "busy": [{"id": "S", "start": "2027-03-10T14:00:00Z", "end": "2027-03-10T15:00:00Z"}],
        "buffers": {"before_minutes": 15, "after_minutes": 15}
    }));
    let days = free_days(
        &provider,
        &no_holidays(),
        date("2027-03-10"),
        date("2027-03-11"),
        utc("2027-03-10T10:30:00Z"),
    );
    assert_eq!(
        local_free(&days[0], "UTC"),
        ["10:30-13:45 UTC", "15:15-17:00 UTC"]
    );
    assert_eq!(days[0].sessions, 1);
    assert!(days[1].free.is_empty());
    // Dates given backwards: nothing.
    assert!(
        free_days(
            &provider,
            &no_holidays(),
            date("2027-03-11"),
            date("2027-03-10"),
            utc("2027-01-01T00:00:00Z"),
        )
        .is_empty()
    );
}

#[test]
fn nothing_sooner_than_the_minimum_notice_and_no_day_or_week_past_its_cap_is_free() {
    // Weekdays 09:00–17:00 UTC; one session per day at most and 2 hours a week. The first
    // bookable instant is Tuesday 2 March 2027, 10:30 (now plus the notice). Monday 8 March holds
    // a 2-hour session: that day is full (one session) and so is its whole week (two hours).
    let provider = provider(json!({
        "zone": "UTC",
        "weekly_hours": [{"hours": {
            "mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
            "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]
        }}],
        "busy": [
            {"id": "S-1", "start": "2027-03-08T10:00:00Z", "end": "2027-03-08T12:00:00Z"}
        ],
        "caps": {"max_sessions_per_day": 1, "max_hours_per_week": 2}
    }));
    let bookable_from = utc("2027-03-02T10:30:00Z");
    let days = free_days(
        &provider,
        &no_holidays(),
        date("2027-03-01"),
        date("2027-03-19"),
        bookable_from,
    );
    assert_eq!(days.len(), 19);
    assert!(
        days[0].free.is_empty(),
        "Monday 1 March is sooner than the notice"
    );
    assert_eq!(local_free(&days[1], "UTC"), ["10:30-17:00 UTC"]);
    assert_eq!(local_free(&days[2], "UTC"), ["09:00-17:00 UTC"]);
    for day in &days[7..14] {
        assert!(
            day.free.is_empty(),
            "{}: the week's caps are full",
            day.date
        );
    }
    assert_eq!(local_free(&days[14], "UTC"), ["09:00-17:00 UTC"]);
    for day in &days {
        assert!(
            day.free.iter().all(|i| i.start() >= bookable_from),
            "{}: nothing before the notice",
            day.date
        );
    }
}
