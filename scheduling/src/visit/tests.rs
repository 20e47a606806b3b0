//! Visits laid out and placed: DST weeks (America/Chicago's March change, America/Phoenix
//! without DST), a holiday inside a visit, a visit reaching a weekend, a booking on a travel day,
//! caps, and a three-year series of quarterly two-day visits.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::availability::{Availability, WeeklySchedule};
use crate::blackout::{Blackout, BlackoutCalendar};
use crate::busy::{BusyCalendar, BusySession};
use crate::cadence::Cadence;
use crate::caps::Caps;
use crate::local_time::LocalTimeRange;
use crate::request::{Granularity, SessionRequest, SessionRequestParts, Tolerance};
use crate::time_off::TimeOff;
use crate::weekly_hours::WeeklyHours;
use chrono::{DateTime, TimeZone as _, Utc, Weekday};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

fn site(name: &str, blackouts: Vec<Blackout>) -> SiteCalendar {
    SiteCalendar::new(zone(name), None, BlackoutCalendar::new(true, blackouts))
}

/// A visit day of 08:30–17:00 (510 minutes).
fn request(count: u32, cadence: Cadence, first: NaiveDate, latest: NaiveDate) -> SessionRequest {
    SessionRequest::new(SessionRequestParts {
        length: SessionLength::from_minutes(510).unwrap(),
        count,
        cadence,
        earliest_date: first,
        latest_date: latest,
        first_date: Some(first),
        local_start_time: LocalTime::from_hm(8, 30).unwrap(),
        minimum_notice_minutes: 0,
        granularity: Granularity::from_minutes(15).unwrap(),
        tolerance: Tolerance::business_days(3).unwrap(),
    })
    .unwrap()
}

/// A provider in `zone_name` working Monday to Friday 09:00–17:00, with `busy` sessions,
/// `time_off` and `caps`, buffers of 15 minutes.
fn provider(
    zone_name: &str,
    busy: Vec<BusySession>,
    time_off: Vec<TimeOff>,
    caps: Caps,
) -> ProviderSchedule {
    let hours = WeeklyHours::new(
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|d| (d, vec![LocalTimeRange::from_minutes(540, 1020).unwrap()])),
    )
    .unwrap();
    let availability = Availability::new(
        zone(zone_name),
        vec![WeeklySchedule::always(hours)],
        Vec::new(),
        time_off,
    )
    .unwrap();
    ProviderSchedule::new(
        availability,
        BusyCalendar::new(busy, Buffers::new(15, 15).unwrap()),
        caps,
    )
}

fn free_provider(zone_name: &str) -> ProviderSchedule {
    provider(zone_name, Vec::new(), Vec::new(), Caps::none())
}

fn two_days(travel: bool) -> VisitShape {
    VisitShape::new(2, travel).unwrap()
}

fn now() -> DateTime<Utc> {
    utc(2026, 12, 1, 0, 0)
}

#[test]
fn a_visit_lasts_one_to_five_days() {
    assert!(VisitShape::new(0, false).is_err());
    assert!(VisitShape::new(6, true).is_err());
    assert_eq!(VisitShape::new(5, true).unwrap().days(), 5);
}

#[test]
fn chicago_days_keep_their_wall_clock_across_the_march_change() {
    // 2027's change is on Sunday 14 March: the week before is CST (UTC−6), the week of the
    // change CDT (UTC−5). A visit on Monday 15 and Tuesday 16 has its travel day on the 23-hour
    // Sunday.
    let chicago = zone("America/Chicago");
    let start = LocalTime::from_hm(8, 30).unwrap();
    let length = SessionLength::from_minutes(510).unwrap();
    let before =
        VisitLayout::lay_out(chicago, date(2027, 3, 8), start, length, two_days(true)).unwrap();
    assert_eq!(before.days[0].interval.start(), utc(2027, 3, 8, 14, 30));
    assert_eq!(before.days[1].interval.end(), utc(2027, 3, 9, 23, 0));
    let after =
        VisitLayout::lay_out(chicago, date(2027, 3, 15), start, length, two_days(true)).unwrap();
    assert_eq!(after.days[0].interval.start(), utc(2027, 3, 15, 13, 30));
    assert_eq!(after.days[1].interval.start(), utc(2027, 3, 16, 13, 30));
    assert_eq!(after.days[1].interval.end(), utc(2027, 3, 16, 22, 0));
    let sunday = after.travel[0];
    assert_eq!(sunday.date, date(2027, 3, 14));
    assert_eq!(sunday.interval.start(), utc(2027, 3, 14, 6, 0));
    assert_eq!(sunday.interval.duration().num_hours(), 23);
    assert_eq!(after.travel[1].date, date(2027, 3, 17));
    assert_eq!(after.span().unwrap().start(), utc(2027, 3, 15, 13, 30));
    // Blocked from the start of the travel day before to the end of the one after.
    let blocked = after.blocked(Buffers::new(15, 15).unwrap()).unwrap();
    assert_eq!(blocked.start(), utc(2027, 3, 14, 6, 0));
    assert_eq!(blocked.end(), utc(2027, 3, 18, 5, 0));
}

#[test]
fn phoenix_days_do_not_move_in_march() {
    let phoenix = zone("America/Phoenix");
    let start = LocalTime::from_hm(8, 30).unwrap();
    let length = SessionLength::from_minutes(510).unwrap();
    for first in [date(2027, 3, 8), date(2027, 3, 15)] {
        let layout = VisitLayout::lay_out(phoenix, first, start, length, two_days(true)).unwrap();
        for day in &layout.days {
            assert_eq!(
                day.interval.start(),
                Utc.from_utc_datetime(&day.date.and_hms_opt(15, 30, 0).unwrap())
            );
        }
        assert_eq!(layout.travel[0].interval.duration().num_hours(), 24);
    }
}

#[test]
fn a_series_across_the_change_keeps_0830_chicago_for_a_phoenix_provider() {
    let site = site("America/Chicago", Vec::new());
    let request = request(3, Cadence::Weekly, date(2027, 3, 8), date(2027, 3, 31));
    let prepared = PreparedRequest::new(&site, &request, now());
    // A provider working 06:00–18:00 in Phoenix: visits are not held to home-zone hours anyway.
    let plan = prepared.place_visits(&free_provider("America/Phoenix"), two_days(false));
    assert!(plan.is_complete(), "{plan:?}");
    let starts: Vec<_> = plan.placed().map(|s| s.start()).collect();
    assert_eq!(
        starts,
        [
            utc(2027, 3, 8, 14, 30),
            utc(2027, 3, 15, 13, 30),
            utc(2027, 3, 22, 13, 30)
        ]
    );
}

#[test]
fn a_holiday_inside_the_visit_moves_it_to_the_next_fit_naming_the_day() {
    let site = site("America/Chicago", Vec::new());
    // Monday 18 January 2027 is Martin Luther King Jr.'s birthday.
    let request = request(1, Cadence::Once, date(2027, 1, 18), date(2027, 1, 29));
    let prepared = PreparedRequest::new(&site, &request, now());
    let plan = prepared.place_visits(&free_provider("America/Chicago"), two_days(false));
    let occurrence = &plan.occurrences[0];
    let Outcome::Moved {
        slot,
        anchor_reasons,
        ..
    } = &occurrence.outcome
    else {
        panic!("not moved: {occurrence:?}");
    };
    assert_eq!(slot.start(), utc(2027, 1, 19, 14, 30));
    assert_eq!(slot.end(), utc(2027, 1, 20, 23, 0));
    assert_eq!(
        anchor_reasons[0].to_string(),
        "Mon 18 Jan 2027 is Birthday of Martin Luther King, Jr."
    );
}

#[test]
fn a_site_blackout_refuses_the_visit_when_nothing_else_fits() {
    let closed = |d| Blackout {
        date: date(2027, 2, d),
        name: "City budget hearings".to_owned(),
    };
    let site = site(
        "America/Chicago",
        (1..=28).filter(|d| *d != 3).map(closed).collect(),
    );
    let request = request(1, Cadence::Once, date(2027, 2, 2), date(2027, 2, 5));
    let prepared = PreparedRequest::new(&site, &request, now());
    let plan = prepared.place_visits(&free_provider("America/Chicago"), two_days(false));
    let Outcome::Unplaced { reasons } = &plan.occurrences[0].outcome else {
        panic!("placed: {plan:?}");
    };
    assert_eq!(
        reasons[0].to_string(),
        "Tue 2 Feb 2027 is City budget hearings"
    );
    assert!(matches!(
        reasons.last(),
        Some(PlacementFailure::NoFreeSlotWithinTolerance { .. })
    ));
}

#[test]
fn friday_and_monday_are_not_consecutive_business_days() {
    let chicago = zone("America/Chicago");
    let refused = VisitLayout::lay_out(
        chicago,
        date(2027, 1, 22),
        LocalTime::from_hm(8, 30).unwrap(),
        SessionLength::from_minutes(510).unwrap(),
        two_days(false),
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "a visit from Fri 22 Jan 2027 to Sat 23 Jan 2027 would run over a weekend (a visit's \
         days are consecutive business days, Monday to Friday)"
    );
    // Placed, a series anchored on that Friday shifts to the nearest start that fits:
    // Thursday and Friday (one day earlier) rather than Monday and Tuesday (three days later).
    let site = site("America/Chicago", Vec::new());
    let request = request(1, Cadence::Once, date(2027, 1, 22), date(2027, 1, 29));
    let earlier = SessionRequest::new(SessionRequestParts {
        earliest_date: date(2027, 1, 18),
        first_date: Some(date(2027, 1, 22)),
        ..parts(&request)
    })
    .unwrap();
    let prepared = PreparedRequest::new(&site, &earlier, now());
    let plan = prepared.place_visits(&free_provider("America/Chicago"), two_days(false));
    assert_eq!(
        plan.placed().next().map(|s| s.start()),
        Some(utc(2027, 1, 21, 14, 30))
    );
    // With the window starting on that Friday, Monday and Tuesday are the next fit.
    let prepared = PreparedRequest::new(&site, &request, now());
    let plan = prepared.place_visits(&free_provider("America/Chicago"), two_days(false));
    assert_eq!(
        plan.placed().next().map(|s| s.start()),
        Some(utc(2027, 1, 25, 14, 30))
    );
}

fn parts(request: &SessionRequest) -> SessionRequestParts {
    SessionRequestParts {
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
fn a_booking_on_a_travel_day_is_named_and_the_visit_moves() {
    let site = site("America/Chicago", Vec::new());
    let request = request(1, Cadence::Once, date(2027, 3, 9), date(2027, 3, 19));
    let prepared = PreparedRequest::new(&site, &request, now());
    // A virtual session on Monday 8 March, the travel day before Tuesday 9.
    let booked = BusySession::new(
        "#12 (request #3)",
        Interval::new(utc(2027, 3, 8, 16, 0), utc(2027, 3, 8, 17, 30)).unwrap(),
    );
    let busy = provider("America/Chicago", vec![booked], Vec::new(), Caps::none());
    let with_travel = prepared.place_visits(&busy, two_days(true));
    let Outcome::Moved {
        slot,
        anchor_reasons,
        ..
    } = &with_travel.occurrences[0].outcome
    else {
        panic!("not moved: {with_travel:?}");
    };
    assert!(matches!(
        anchor_reasons.as_slice(),
        [PlacementFailure::TravelDayConflict { date: d, id, .. }]
            if *d == date(2027, 3, 8) && id == "#12 (request #3)"
    ));
    assert!(
        anchor_reasons[0]
            .to_string()
            .starts_with("the travel day Mon 8 Mar 2027 conflicts with session #12 (request #3)")
    );
    // Wednesday and Thursday: travel on Tuesday 9 and Friday 12, clear of Monday.
    assert_eq!(slot.start(), utc(2027, 3, 10, 14, 30));
    // Without travel days the Monday booking is not in the way.
    let without = prepared.place_visits(&busy, two_days(false));
    assert!(matches!(
        without.occurrences[0].outcome,
        Outcome::AtAnchor { .. }
    ));
}

#[test]
fn time_off_on_a_visit_day_or_a_travel_day_is_refused() {
    let site = site("America/Chicago", Vec::new());
    let request = request(1, Cadence::Once, date(2027, 3, 9), date(2027, 3, 10));
    let prepared = PreparedRequest::new(&site, &request, now());
    let away = TimeOff::instants(
        Interval::new(utc(2027, 3, 11, 12, 0), utc(2027, 3, 11, 20, 0)).unwrap(),
        Some("conference".to_owned()),
    );
    let provider = provider("America/Chicago", Vec::new(), vec![away], Caps::none());
    let plan = prepared.place_visits(&provider, two_days(true));
    let Outcome::Unplaced { reasons } = &plan.occurrences[0].outcome else {
        panic!("placed: {plan:?}");
    };
    assert_eq!(
        reasons[0].to_string(),
        "the provider is away on the travel day Thu 11 Mar 2027 (conference)"
    );
}

#[test]
fn each_visit_day_counts_against_the_caps() {
    let site = site("America/Chicago", Vec::new());
    let request = request(1, Cadence::Once, date(2027, 3, 9), date(2027, 3, 10));
    let prepared = PreparedRequest::new(&site, &request, now());
    // 17 hours of visit in a week capped at 16.
    let capped = provider(
        "America/Chicago",
        Vec::new(),
        Vec::new(),
        Caps::new(None, Some(16 * 60)).unwrap(),
    );
    let plan = prepared.place_visits(&capped, two_days(false));
    let Outcome::Unplaced { reasons } = &plan.occurrences[0].outcome else {
        panic!("placed: {plan:?}");
    };
    assert!(matches!(
        reasons[0],
        PlacementFailure::WeeklyCapReached {
            booked_minutes: 510,
            max_minutes: 960,
            ..
        }
    ));
    let roomy = provider(
        "America/Chicago",
        Vec::new(),
        Vec::new(),
        Caps::new(Some(1), Some(20 * 60)).unwrap(),
    );
    assert!(prepared.place_visits(&roomy, two_days(false)).is_complete());
}

#[test]
fn quarterly_two_day_visits_over_three_years_are_placed_with_alternatives() {
    let site = site("America/Chicago", Vec::new());
    let request = request(12, Cadence::Quarterly, date(2027, 1, 5), date(2029, 12, 31));
    let prepared = PreparedRequest::new(&site, &request, now());
    let provider = free_provider("America/Denver");
    let shape = two_days(true);
    let plan = prepared.place_visits(&provider, shape);
    assert!(plan.is_complete(), "{plan:?}");
    let chicago = zone("America/Chicago");
    for slot in plan.placed() {
        let first = chicago.local(slot.start());
        let last = chicago.local(slot.end());
        assert_eq!(first.time(), NaiveTime::from_hms_opt(8, 30, 0).unwrap());
        assert_eq!(last.time(), NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        assert_eq!((last.date() - first.date()).num_days(), 1);
        assert!(!is_weekend(first.date()) && !is_weekend(last.date()));
    }
    let others: Vec<(u32, Interval)> = plan
        .occurrences
        .iter()
        .filter_map(|o| o.slot().map(|s| (o.index, s)))
        .collect();
    let alternatives = prepared.visit_alternatives(&provider, shape, 2, &others, Some(5));
    assert_eq!(alternatives.len(), 5);
    // Its own time is offered first (the caller leaves out the current one), then the nearest.
    let current = plan.occurrences[1].slot().unwrap();
    assert_eq!(alternatives[0].interval, current);
    assert!(alternatives[1..].iter().all(|a| a.interval != current));
    assert!(prepared.offers_visit(&provider, shape, 2, &others, &alternatives[0].interval));
    assert!(!prepared.offers_visit(
        &provider,
        shape,
        2,
        &others,
        &Interval::new(utc(2027, 4, 10, 13, 30), utc(2027, 4, 11, 22, 0)).unwrap()
    ));
}

#[test]
fn a_team_visit_suits_every_member_and_names_the_busy_one_by_day() {
    let site = site("America/Chicago", Vec::new());
    // Two-day visits from Tue 9 March 2027 (the week DST starts in Chicago on the 14th).
    let request = request(1, Cadence::Once, date(2027, 3, 9), date(2027, 3, 19));
    let prepared = PreparedRequest::new(&site, &request, now());
    let phoenix = free_provider("America/Phoenix");
    // Dana (Denver) is away on Wednesday 10 March, the visit's second day.
    let away = TimeOff::instants(
        Interval::new(utc(2027, 3, 10, 6, 0), utc(2027, 3, 11, 6, 0)).unwrap(),
        Some("conference".to_owned()),
    );
    let denver = provider("America/Denver", Vec::new(), vec![away], Caps::none());
    let plan = prepared.place_team_visits(&[&phoenix, &denver], two_days(false));
    let occurrence = &plan.occurrences[0];
    // Moved to the next start date free for both: Thu 11 – Fri 12 March, 08:30 CST.
    assert_eq!(
        occurrence.slot().map(|s| s.start()),
        Some(utc(2027, 3, 11, 14, 30)),
        "{plan:?}"
    );
    let said = occurrence.explain(&["Alex Phoenix", "Dana Denver"]);
    assert!(
        said.contains("Wed 10 Mar 2027: Dana Denver is away then (conference)"),
        "{said}"
    );
    assert!(!said.contains("Alex"), "{said}");

    // Only the anchor's week allowed: no date suits, and Dana is named as the one to replace.
    let tight = self::request(1, Cadence::Once, date(2027, 3, 9), date(2027, 3, 10));
    let prepared = PreparedRequest::new(&site, &tight, now());
    let plan = prepared.place_team_visits(&[&phoenix, &denver], two_days(false));
    assert!(!plan.is_complete());
    let said = plan.occurrences[0].explain(&["Alex Phoenix", "Dana Denver"]);
    assert!(said.starts_with("Dana Denver has no free time"), "{said}");
    // The same visit for the free member alone stands at its anchor.
    let alone = prepared.place_team_visits(&[&phoenix], two_days(false));
    assert!(alone.is_complete());
    // A team visit of two free members across the DST change keeps 08:30 Central each time.
    let weekly = self::request(2, Cadence::Weekly, date(2027, 3, 9), date(2027, 3, 31));
    let prepared = PreparedRequest::new(&site, &weekly, now());
    let both = free_provider("America/Denver");
    let plan = prepared.place_team_visits(&[&phoenix, &both], two_days(true));
    let starts: Vec<_> = plan.placed().map(|s| s.start()).collect();
    assert_eq!(starts, [utc(2027, 3, 9, 14, 30), utc(2027, 3, 16, 13, 30)]);
}
