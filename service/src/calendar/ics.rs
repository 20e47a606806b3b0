//! Writing an iCalendar object with one `VEVENT` per session.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::text::{escape_text, fold_line, quote_param};

/// The iTIP method of an invite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// A new or updated event (the attendee's calendar adds or replaces it).
    Request,
    /// The event is cancelled (the attendee's calendar removes it).
    Cancel,
    /// A subscribed feed publishes events (no reply expected).
    Publish,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
            Self::Publish => "PUBLISH",
        }
    }

    /// Parses `REQUEST` / `CANCEL` (as stored in `email_outbox.calendar_method`).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_uppercase().as_str() {
            "REQUEST" => Some(Self::Request),
            "CANCEL" => Some(Self::Cancel),
            _ => None,
        }
    }
}

/// A person in an invite: organizer or attendee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarPerson {
    pub name: String,
    pub email: String,
}

/// One session as a calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// `tta_session.calendar_uid`: stable for the life of the session.
    pub uid: String,
    /// `tta_session.sequence`: raised on every change.
    pub sequence: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    /// Street address or room; empty for virtual sessions.
    pub location: String,
    /// Meeting link; empty for on-site sessions.
    pub virtual_link: String,
    pub organizer: CalendarPerson,
    pub attendees: Vec<CalendarPerson>,
    /// The site's zone. An event longer than a day in it is a multi-day on-site visit (ordinary
    /// sessions last at most 12 hours), written as its days; see [`visit_lines`].
    pub site_zone: Option<Tz>,
    /// A whole day on the site's calendar (a visit's travel day in a feed): written as the
    /// `VALUE=DATE` of `starts_at`'s site-local date.
    pub all_day: bool,
}

const PRODID: &str = "-//US DOJ Public Safety Partnership//TTA Scheduler//EN";

/// The iCalendar text (CRLF line ends, folded at 75 octets) of `events` sent with `method`,
/// stamped `now`.
///
/// E-mailed invites (`REQUEST`, `CANCEL`) are written one session per call: one `VCALENDAR`
/// with one `VEVENT`, one UID. Outlook rejects an iTIP `REQUEST` that holds several UIDs (or
/// adds only the first), so a message about a series attaches one such file per session
/// (`crate::mail::messages`). Several events in one object are for the subscribed feed
/// (`PUBLISH`) only.
pub fn invite(method: Method, events: &[CalendarEvent], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |text: &str| out.push_str(&fold_line(text));
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line(&format!("METHOD:{}", method.as_str()));
    for text in super::vtimezone::vtimezones(events) {
        line(&text);
    }
    for event in events {
        for text in event_lines(method, event, now) {
            line(&text);
        }
    }
    line("END:VCALENDAR");
    out
}

fn event_lines(method: Method, event: &CalendarEvent, now: DateTime<Utc>) -> Vec<String> {
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape_text(&event.uid)),
        format!("SEQUENCE:{}", event.sequence.max(0)),
        format!("DTSTAMP:{}", utc(now)),
    ];
    match (event.site_zone, event.all_day) {
        (zone, true) => {
            let day = zone.map_or(event.starts_at.date_naive(), |z| {
                event.starts_at.with_timezone(&z).date_naive()
            });
            lines.push(format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
            if let Some(next) = day.succ_opt() {
                lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            }
        }
        (Some(zone), false) if is_visit(event, zone) => {
            lines.extend(visit_lines(event, zone));
        }
        _ => {
            lines.push(format!("DTSTART:{}", utc(event.starts_at)));
            lines.push(format!("DTEND:{}", utc(event.ends_at)));
        }
    }
    lines.push(format!("SUMMARY:{}", escape_text(&event.summary)));
    let mut description = event.description.clone();
    if !event.virtual_link.is_empty() && !description.contains(&event.virtual_link) {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&format!("Join: {}", event.virtual_link));
    }
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape_text(&description)));
    }
    let location = if event.location.is_empty() {
        &event.virtual_link
    } else {
        &event.location
    };
    if !location.is_empty() {
        lines.push(format!("LOCATION:{}", escape_text(location)));
    }
    if is_uri(&event.virtual_link) {
        lines.push(format!("URL:{}", event.virtual_link));
    }
    lines.push(format!(
        "ORGANIZER;CN={}:mailto:{}",
        quote_param(&event.organizer.name),
        event.organizer.email
    ));
    for attendee in &event.attendees {
        lines.push(format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{}",
            quote_param(&attendee.name),
            attendee.email
        ));
    }
    lines.push(
        match method {
            Method::Request | Method::Publish => "STATUS:CONFIRMED",
            Method::Cancel => "STATUS:CANCELLED",
        }
        .to_owned(),
    );
    lines.push("TRANSP:OPAQUE".to_owned());
    lines.push("END:VEVENT".to_owned());
    lines
}

/// Whether `event` is a multi-day visit: it ends on a later date than it starts, on the site's
/// clock, more than a day after it starts.
pub(super) fn is_visit(event: &CalendarEvent, zone: Tz) -> bool {
    event.ends_at - event.starts_at > chrono::Duration::hours(24)
        && event.ends_at.with_timezone(&zone).date_naive()
            > event.starts_at.with_timezone(&zone).date_naive()
}

/// A multi-day on-site visit as ONE event: its first day on the site's wall clock
/// (`DTSTART;TZID=America/Chicago:20270309T083000`, `DTEND` the same day at the closing time)
/// repeated `RRULE:FREQ=DAILY;COUNT=N`, with the zone's `VTIMEZONE` in the calendar.
///
/// Why this form: a visit's days are consecutive business days at the same wall-clock hours, so
/// a daily rule with a count describes them exactly, and the visit keeps ONE `UID` — an update
/// (`SEQUENCE` raised) or a `CANCEL` replaces or removes every day at once. Outlook, Google
/// Calendar and Apple Calendar all expand `FREQ=DAILY;COUNT` on a `TZID` start (the
/// RFC 5545 form they themselves export); one `VEVENT` per day would need a `UID` per day,
/// which Outlook refuses in one iTIP message, and one event from the first morning to the last
/// evening would show the nights as booked. The `TZID` keeps each day at 08:30 on the site's
/// clock in every client, whatever the reader's zone.
fn visit_lines(event: &CalendarEvent, zone: Tz) -> Vec<String> {
    let start = event.starts_at.with_timezone(&zone).naive_local();
    let end = event.ends_at.with_timezone(&zone).naive_local();
    let days = (end.date() - start.date()).num_days() + 1;
    let first_end = start.date().and_time(end.time());
    vec![
        format!("DTSTART;TZID={}:{}", zone.name(), start.format(LOCAL)),
        format!("DTEND;TZID={}:{}", zone.name(), first_end.format(LOCAL)),
        format!("RRULE:FREQ=DAILY;COUNT={days}"),
    ]
}

/// A floating local time, `20270309T083000`.
const LOCAL: &str = "%Y%m%dT%H%M%S";

/// `20270316T150000Z`.
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A link safe to write unescaped as a URI value (no spaces or control characters).
fn is_uri(link: &str) -> bool {
    (link.starts_with("https://") || link.starts_with("http://"))
        && !link.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn event() -> CalendarEvent {
        CalendarEvent {
            uid: "4f1c@tta-scheduler".to_owned(),
            sequence: 2,
            starts_at: Utc.with_ymd_and_hms(2027, 3, 16, 15, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 3, 16, 16, 30, 0).unwrap(),
            summary: "PSP coaching: gun violence, Memphis; session 2".to_owned(),
            description: "Agenda:\nreview, plan".to_owned(),
            location: String::new(),
            virtual_link: "https://meet.example.org/psp".to_owned(),
            organizer: CalendarPerson {
                name: "TTA Scheduler".to_owned(),
                email: "tta@example.org".to_owned(),
            },
            attendees: vec![CalendarPerson {
                name: "Pat \"P\" Provider".to_owned(),
                email: "pat@example.org".to_owned(),
            }],
            site_zone: None,
            all_day: false,
        }
    }

    #[test]
    fn writes_utc_instants_method_and_escaped_text() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
        let ics = invite(Method::Request, &[event()], now);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
        let unfolded = ics.replace("\r\n ", "");
        for expected in [
            "METHOD:REQUEST",
            "UID:4f1c@tta-scheduler",
            "SEQUENCE:2",
            "DTSTAMP:20270301T120000Z",
            "DTSTART:20270316T150000Z",
            "DTEND:20270316T163000Z",
            "SUMMARY:PSP coaching: gun violence\\, Memphis\\; session 2",
            "DESCRIPTION:Agenda:\\nreview\\, plan\\n\\nJoin: https://meet.example.org/psp",
            "LOCATION:https://meet.example.org/psp",
            "URL:https://meet.example.org/psp",
            "ORGANIZER;CN=\"TTA Scheduler\":mailto:tta@example.org",
            "ATTENDEE;CN=\"Pat P Provider\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:pat@example.org",
            "STATUS:CONFIRMED",
        ] {
            assert!(
                unfolded.split("\r\n").any(|l| l == expected),
                "missing {expected}\n{unfolded}"
            );
        }
    }

    fn visit(zone: Tz) -> CalendarEvent {
        // Mon 15 – Tue 16 Mar 2027, 08:30–17:00 on the site's clock (Chicago: CDT since the
        // 14th, UTC−5).
        CalendarEvent {
            starts_at: Utc.with_ymd_and_hms(2027, 3, 15, 13, 30, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 3, 16, 22, 0, 0).unwrap(),
            location: "Memphis Police Department, 170 N Main St".to_owned(),
            virtual_link: String::new(),
            site_zone: Some(zone),
            ..event()
        }
    }

    fn lines(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_visit_is_one_event_on_the_site_clock_repeated_daily_with_its_zone() {
        let now = Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap();
        let ics = invite(Method::Request, &[visit(Tz::America__Chicago)], now);
        let lines = lines(&ics);
        let at = |text: &str| lines.iter().position(|l| l == text);
        for expected in [
            "DTSTART;TZID=America/Chicago:20270315T083000",
            "DTEND;TZID=America/Chicago:20270315T170000",
            "RRULE:FREQ=DAILY;COUNT=2",
            "UID:4f1c@tta-scheduler",
            "TZID:America/Chicago",
            // The March change of 2027, on the clock in force before it.
            "DTSTART:20270314T020000",
            "TZOFFSETFROM:-0600",
            "TZOFFSETTO:-0500",
            "TZNAME:CDT",
            "DTSTART:20271107T020000",
        ] {
            assert!(at(expected).is_some(), "missing {expected}\n{ics}");
        }
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VTIMEZONE").count(), 1);
        assert!(at("END:VTIMEZONE") < at("BEGIN:VEVENT"));
        assert!(
            !lines
                .iter()
                .any(|l| l.starts_with("DTSTART:2027031") && l.ends_with('Z'))
        );
        // The years around the visit are covered: 2026's and 2028's changes are listed too.
        assert!(at("DTSTART:20260308T020000").is_some());
        assert!(at("DTSTART:20281105T020000").is_some());
    }

    #[test]
    fn phoenix_has_one_fixed_offset_and_sessions_stay_in_utc() {
        let ics = invite(Method::Request, &[visit(Tz::America__Phoenix)], Utc::now());
        let lines = lines(&ics);
        assert!(lines.contains(&"DTSTART;TZID=America/Phoenix:20270315T063000".to_owned()));
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.starts_with("TZOFFSETTO"))
                .collect::<Vec<_>>(),
            ["TZOFFSETTO:-0700"]
        );
        // An ordinary session keeps its UTC instants and needs no VTIMEZONE.
        let session = CalendarEvent {
            site_zone: Some(Tz::America__Chicago),
            ..event()
        };
        let ics = invite(Method::Request, &[session], Utc::now());
        assert!(ics.contains("DTSTART:20270316T150000Z\r\n"));
        assert!(!ics.contains("VTIMEZONE"));
    }

    #[test]
    fn a_travel_day_is_a_whole_day_on_the_site_calendar() {
        let travel = CalendarEvent {
            starts_at: Utc.with_ymd_and_hms(2027, 3, 14, 6, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 3, 15, 5, 0, 0).unwrap(),
            all_day: true,
            ..visit(Tz::America__Chicago)
        };
        let ics = invite(Method::Publish, &[travel], Utc::now());
        assert!(ics.contains("DTSTART;VALUE=DATE:20270314\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20270315\r\n"));
        assert!(!ics.contains("RRULE"));
    }

    #[test]
    fn cancel_marks_the_event_cancelled() {
        let ics = invite(Method::Cancel, &[event()], Utc::now());
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
    }
}
