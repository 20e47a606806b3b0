//! A group event's calendar invite for one participant, written on THEIR wall clock:
//! `DTSTART;TZID=America/Los_Angeles:20270309T080000` with that zone's `VTIMEZONE`, so the
//! calendar shows the time they were told in the e-mail whatever zone it is set to. One `UID`
//! per event (`group_event.calendar_uid`), `SEQUENCE` raised when the event changes; `CANCEL`
//! removes it when the participant or the coordinator cancels.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::calendar::{Method, escape_text, fold_line};
use crate::entities::group_event;
use crate::mail::CalendarPart;

/// Who the invite is for and from.
pub(super) struct InviteFor<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub zone: Tz,
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
}

/// The invite of `event` for one participant, as an attachment.
pub(super) fn participant_invite(
    method: Method,
    event: &group_event::Model,
    to: &InviteFor<'_>,
    now: DateTime<Utc>,
) -> CalendarPart {
    CalendarPart {
        method,
        ics: invite_text(method, event, to, now),
        filename: format!("event-{}.ics", event.id),
    }
}

const LOCAL: &str = "%Y%m%dT%H%M%S";

/// The iCalendar text (CRLF, folded).
pub(super) fn invite_text(
    method: Method,
    event: &group_event::Model,
    to: &InviteFor<'_>,
    now: DateTime<Utc>,
) -> String {
    let zone = to.zone;
    let start = event.starts_at.with_timezone(&zone);
    let end = event.ends_at.with_timezone(&zone);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//US DOJ Public Safety Partnership//TTA Scheduler//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!("METHOD:{}", method.as_str()),
    ];
    lines.extend(crate::calendar::vtimezone::vtimezone(
        zone,
        start.year() - 1,
        end.year() + 1,
    ));
    lines.extend([
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape_text(&event.calendar_uid)),
        format!("SEQUENCE:{}", event.sequence.max(0)),
        format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART;TZID={}:{}", zone.name(), start.format(LOCAL)),
        format!("DTEND;TZID={}:{}", zone.name(), end.format(LOCAL)),
        format!("SUMMARY:{}", escape_text(&event.title)),
    ]);
    if !event.description.trim().is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape_text(&event.description)));
    }
    let location = if event.location.trim().is_empty() {
        &event.virtual_link
    } else {
        &event.location
    };
    if !location.trim().is_empty() {
        lines.push(format!("LOCATION:{}", escape_text(location)));
    }
    lines.push(format!(
        "ORGANIZER;CN={}:mailto:{}",
        param(to.organizer_name),
        to.organizer_email.trim()
    ));
    lines.push(format!(
        "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{}",
        param(to.name),
        to.email.trim()
    ));
    lines.push(
        match method {
            Method::Cancel => "STATUS:CANCELLED",
            _ => "STATUS:CONFIRMED",
        }
        .to_owned(),
    );
    lines.push("END:VEVENT".to_owned());
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|l| fold_line(l)).collect()
}

/// A parameter value: quoted, without the characters a quoted value may not hold.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn the_invite_reads_on_the_participants_clock() {
        let event = group_event::Model {
            id: 4,
            kind: "webinar".into(),
            title: "Crime gun intelligence".into(),
            description: String::new(),
            host_site_id: 3,
            audience: "all".into(),
            provider_id: None,
            coordinator_id: None,
            engagement_id: None,
            starts_at: Utc.with_ymd_and_hms(2027, 3, 9, 16, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 3, 9, 18, 0, 0).unwrap(),
            time_zone: "America/Chicago".into(),
            location: String::new(),
            virtual_link: "https://meet.example.gov/x".into(),
            capacity: 10,
            registration_deadline: Utc.with_ymd_and_hms(2027, 3, 8, 16, 0, 0).unwrap(),
            registration_token: "t".into(),
            check_in_code: "ABC123".into(),
            status: "open".into(),
            arrivals: 0,
            sequence: 0,
            calendar_uid: "event-4@tta".into(),
            created_at: Utc::now(),
            cancelled_at: None,
            evaluation_form_id: None,
            evaluation_anonymous: false,
            certificate_requires_evaluation: false,
            topic_id: None,
        };
        let to = InviteFor {
            name: "Pat",
            email: "pat@example.gov",
            zone: chrono_tz::America::Los_Angeles,
            organizer_name: "TTA",
            organizer_email: "tta@example.gov",
        };
        let text = invite_text(Method::Request, &event, &to, Utc::now());
        assert!(text.contains("DTSTART;TZID=America/Los_Angeles:20270309T080000"));
        assert!(text.contains("TZID:America/Los_Angeles"));
        assert!(text.contains("\r\n"));
    }
}
