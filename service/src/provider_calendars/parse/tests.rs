//! What each kind of event blocks, as UTC instants.

use super::*;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n")
}

fn spans(events: &str, home: Tz) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    expand_calendar(
        &calendar(events),
        home,
        utc(2027, 1, 1, 0, 0),
        utc(2028, 1, 1, 0, 0),
    )
    .unwrap()
    .spans
    .into_iter()
    .map(|s| (s.starts_at, s.ends_at))
    .collect()
}

#[test]
fn weekly_series_with_exdate_and_moved_occurrence() {
    let got = spans(
        "BEGIN:VEVENT\r\nUID:s1\r\nDTSTART;TZID=America/New_York:20270301T100000\r\n\
         DTEND;TZID=America/New_York:20270301T110000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n\
         EXDATE;TZID=America/New_York:20270308T100000\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=America/New_York:20270315T100000\r\n\
         DTSTART;TZID=America/New_York:20270316T140000\r\n\
         DTEND;TZID=America/New_York:20270316T150000\r\nEND:VEVENT\r\n",
        Tz::UTC,
    );
    assert_eq!(
        got,
        vec![
            // EST before the change on 14 March, EDT after it.
            (utc(2027, 3, 1, 15, 0), utc(2027, 3, 1, 16, 0)),
            (utc(2027, 3, 16, 18, 0), utc(2027, 3, 16, 19, 0)),
            (utc(2027, 3, 22, 14, 0), utc(2027, 3, 22, 15, 0)),
        ]
    );
}

#[test]
fn all_day_event_is_the_providers_whole_day() {
    let got = spans(
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20270614\r\nDTEND;VALUE=DATE:20270615\r\n\
         END:VEVENT\r\n",
        Tz::America__Phoenix,
    );
    assert_eq!(got, vec![(utc(2027, 6, 14, 7, 0), utc(2027, 6, 15, 7, 0))]);
}

#[test]
fn transparent_and_cancelled_events_block_nothing() {
    let got = spans(
        "BEGIN:VEVENT\r\nUID:t\r\nDTSTART:20270601T100000Z\r\nDTEND:20270601T110000Z\r\n\
         TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20270602T100000Z\r\nDURATION:PT1H\r\n\
         STATUS:CANCELLED\r\nEND:VEVENT\r\n",
        Tz::UTC,
    );
    assert!(got.is_empty());
}

#[test]
fn tokyo_event_and_floating_time() {
    let got = spans(
        "BEGIN:VEVENT\r\nUID:k\r\nDTSTART;TZID=Asia/Tokyo:20270705T090000\r\nDURATION:PT2H\r\n\
         END:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:f\r\nDTSTART:20270706T090000\r\nDTEND:20270706T093000\r\n\
         END:VEVENT\r\n",
        Tz::America__Phoenix,
    );
    assert_eq!(
        got,
        vec![
            (utc(2027, 7, 5, 0, 0), utc(2027, 7, 5, 2, 0)),
            (utc(2027, 7, 6, 16, 0), utc(2027, 7, 6, 16, 30)),
        ]
    );
}

#[test]
fn wall_clock_until_is_read_on_the_events_clock() {
    let got = spans(
        "BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Europe/Paris:20270104T090000\r\n\
         DTEND;TZID=Europe/Paris:20270104T100000\r\nRRULE:FREQ=DAILY;UNTIL=20270106T090000\r\n\
         END:VEVENT\r\n",
        Tz::UTC,
    );
    assert_eq!(got.len(), 3);
}

#[test]
fn text_that_is_not_a_calendar_is_an_error() {
    assert!(
        expand_calendar(
            "<html>nope</html>",
            Tz::UTC,
            utc(2027, 1, 1, 0, 0),
            utc(2028, 1, 1, 0, 0)
        )
        .is_err()
    );
}
