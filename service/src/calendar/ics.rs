//! Writing an iCalendar object with one `VEVENT` per session.

use chrono::{DateTime, Utc};

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
}

const PRODID: &str = "-//US DOJ Public Safety Partnership//TTA Scheduler//EN";

/// The iCalendar text (CRLF line ends, folded at 75 octets) of `events` sent with `method`,
/// stamped `now`.
pub fn invite(method: Method, events: &[CalendarEvent], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |text: &str| out.push_str(&fold_line(text));
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line(&format!("METHOD:{}", method.as_str()));
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
        format!("DTSTART:{}", utc(event.starts_at)),
        format!("DTEND:{}", utc(event.ends_at)),
        format!("SUMMARY:{}", escape_text(&event.summary)),
    ];
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

    #[test]
    fn cancel_marks_the_event_cancelled() {
        let ics = invite(Method::Cancel, &[event()], Utc::now());
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
    }
}
