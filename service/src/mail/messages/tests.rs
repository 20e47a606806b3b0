//! Template tests: DST dates (a Chicago site, a Phoenix provider, across 2027-03-14), every
//! invite parsed back (CRLF, 75-octet lines, unfolded) with each instant checked, keys.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, TimeZone as _, Utc};
use chrono_tz::Tz;

use super::*;
use crate::accounts::Role;
use crate::calendar::Method;

fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, m, d, h, 0, 0).unwrap()
}

fn person(name: &str, email: &str, zone: Tz, role: Role) -> Person {
    Person {
        name: name.to_owned(),
        email: email.to_owned(),
        zone,
        role,
    }
}

fn provider() -> Person {
    person(
        "Pat Provider",
        "pat@example.org",
        Tz::America__Phoenix,
        Role::Provider,
    )
}

fn contact_person() -> Person {
    person(
        "Sam Site",
        "sam@example.gov",
        Tz::America__Chicago,
        Role::SiteContact,
    )
}

fn contact() -> Contact {
    Contact {
        name: "Casey Coordinator".to_owned(),
        email: "casey@example.gov".to_owned(),
    }
}

fn engagement() -> EngagementFacts {
    EngagementFacts {
        request_id: 12,
        title: "Crime analysis, CompStat; follow-up".to_owned(),
        site: SiteFacts {
            name: "Memphis, TN".to_owned(),
            zone: Tz::America__Chicago,
        },
        provider: provider(),
        contact: contact(),
        organizer: contact(),
        app_url: "https://tta.example.org".to_owned(),
        co_providers: Vec::new(),
    }
}

/// 10:00 Central before (CST) and after (CDT) the 2027-03-14 change.
fn sessions(sequence: i32) -> Vec<SessionFacts> {
    [at(3, 9, 16), at(3, 16, 15)]
        .into_iter()
        .enumerate()
        .map(|(i, start)| SessionFacts {
            calendar_uid: format!("uid-{i}@tta-scheduler"),
            sequence,
            occurrence: i as i32 + 1,
            starts_at: start,
            ends_at: start + Duration::minutes(90),
            location: "201 Poplar Ave, Memphis".to_owned(),
            virtual_link: String::new(),
        })
        .collect()
}

/// Unfolds, checking CRLF and the 75-octet limit; returns METHOD and each event's properties.
fn parse(ics: &str) -> (String, Vec<Vec<(String, String)>>) {
    assert!(ics.ends_with("\r\n"));
    let mut logical: Vec<String> = Vec::new();
    for line in ics[..ics.len() - 2].split("\r\n") {
        assert!(line.len() <= 75 && !line.contains('\n'), "{line:?}");
        match line.strip_prefix(' ') {
            Some(rest) => logical.last_mut().unwrap().push_str(rest),
            None => logical.push(line.to_owned()),
        }
    }
    let mut method = String::new();
    let mut events = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in logical {
        let (head, value) = line.split_once(':').unwrap();
        let name = head.split(';').next().unwrap().to_owned();
        match (name.as_str(), value) {
            ("METHOD", m) => method = m.to_owned(),
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => events.push(current.take().unwrap()),
            _ => {
                if let Some(event) = current.as_mut() {
                    event.push((name, value.to_owned()));
                }
            }
        }
    }
    (method, events)
}

fn get<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    &event.iter().find(|(n, _)| n == name).unwrap().1
}

fn instant(text: &str) -> DateTime<Utc> {
    chrono::NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .unwrap()
        .and_utc()
}

#[test]
fn confirmation_shows_each_reader_their_zone_across_the_dst_change() {
    let facts = ScheduleFacts {
        engagement: engagement(),
        sessions: sessions(0),
        attendees: vec![provider(), contact_person()],
    };
    let for_provider = schedule_confirmed(&facts, &provider(), at(3, 1, 12));
    assert!(
        for_provider
            .subject
            .starts_with("2 sessions confirmed: Crime analysis"),
        "{}",
        for_provider.subject
    );
    assert!(for_provider.text.contains(
        "Session 1: Tue 9 Mar 2027, 09:00–10:30 MST (site: 10:00–11:30 CST) — 201 Poplar Ave, Memphis"
    ));
    assert!(
        for_provider
            .text
            .contains("Session 2: Tue 16 Mar 2027, 08:00–09:30 MST (site: 10:00–11:30 CDT)")
    );
    assert!(
        for_provider
            .text
            .contains("Questions? Contact Casey Coordinator at casey@example.gov.")
    );
    assert!(
        for_provider
            .html
            .contains("08:00–09:30 MST (site: 10:00–11:30 CDT)")
    );
    let for_site = schedule_confirmed(&facts, &contact_person(), at(3, 1, 12));
    assert!(
        for_site
            .text
            .contains("Session 2: Tue 16 Mar 2027, 10:00–11:30 CDT — ")
    );
    assert_ne!(for_provider.dedup_key, for_site.dedup_key);
    assert_eq!(for_provider.to.email, "pat@example.org");
    assert_eq!(
        for_provider.dedup_key.as_str(),
        "schedule_confirmed:uid-0@tta-scheduler:0,uid-1@tta-scheduler:0|pat@example.org"
    );

    // One message, one attached file per session, each a VCALENDAR with one UID.
    assert_eq!(for_provider.invites.len(), 2);
    let names: Vec<&str> = for_provider
        .invites
        .iter()
        .map(|p| p.filename.as_str())
        .collect();
    assert_eq!(names, ["session-1.ics", "session-2.ics"]);
    let mut events = Vec::new();
    for part in &for_provider.invites {
        assert_eq!(part.method, Method::Request);
        assert!(
            part.content_type()
                .starts_with("text/calendar; charset=utf-8; method=REQUEST; name=\"session-")
        );
        let (method, mut one) = parse(&part.ics);
        assert_eq!(method, "REQUEST");
        assert_eq!(one.len(), 1, "exactly one VEVENT per invite");
        events.append(&mut one);
    }
    for (event, session) in events.iter().zip(sessions(0)) {
        assert_eq!(get(event, "UID"), session.calendar_uid);
        assert_eq!(instant(get(event, "DTSTART")), session.starts_at);
        assert_eq!(instant(get(event, "DTEND")), session.ends_at);
        assert_eq!(get(event, "DTSTAMP"), "20270301T120000Z");
        assert_eq!(get(event, "LOCATION"), "201 Poplar Ave\\, Memphis");
        // The provider's calendar says when the session is on the site's clock too.
        assert!(
            get(event, "DESCRIPTION").contains(" MST (site: 10:00–11:30 C"),
            "{}",
            get(event, "DESCRIPTION")
        );
        assert_eq!(
            get(event, "SUMMARY"),
            format!(
                "PSP TTA: Crime analysis\\, CompStat\\; follow-up (session {})",
                session.occurrence
            )
        );
    }
    // 16:00Z and 15:00Z: the same 10:00 Central wall clock on both sides of the change.
    assert_eq!(get(&events[0], "DTSTART"), "20270309T160000Z");
    assert_eq!(get(&events[1], "DTSTART"), "20270316T150000Z");
}

#[test]
fn reschedule_raises_the_sequence_and_keeps_the_uid() {
    let mut moved = sessions(1).remove(1);
    moved.starts_at = at(3, 18, 15);
    moved.ends_at = moved.starts_at + Duration::minutes(90);
    let facts = RescheduleFacts {
        engagement: engagement(),
        session: moved.clone(),
        previous_starts_at: at(3, 16, 15),
        previous_ends_at: at(3, 16, 15) + Duration::minutes(90),
        reason: "Chief's schedule".to_owned(),
        attendees: vec![provider(), contact_person()],
    };
    let message = session_rescheduled(&facts, &provider(), Utc::now());
    assert!(
        message
            .subject
            .contains("now Thu 18 Mar 2027, 08:00–09:30 MST")
    );
    assert!(
        message
            .text
            .contains("Was: Tue 16 Mar 2027, 08:00–09:30 MST (site: 10:00–11:30 CDT)")
    );
    assert!(
        message
            .dedup_key
            .as_str()
            .starts_with("session_rescheduled:uid-1@tta-scheduler:1|")
    );
    assert_eq!(message.invites.len(), 1);
    assert_eq!(message.invites[0].filename, "session-2.ics");
    let (method, events) = parse(&message.invites[0].ics);
    assert_eq!(method, "REQUEST");
    assert_eq!(get(&events[0], "UID"), "uid-1@tta-scheduler");
    assert_eq!(get(&events[0], "SEQUENCE"), "1");
    assert_eq!(instant(get(&events[0], "DTSTART")), moved.starts_at);
}

#[test]
fn cancellation_carries_a_cancel_invite() {
    let facts = CancellationFacts {
        engagement: engagement(),
        sessions: sessions(2),
        whole_series: true,
        reason: String::new(),
        attendees: vec![provider()],
    };
    let message = sessions_cancelled(&facts, &contact_person(), Utc::now());
    assert!(
        message
            .subject
            .starts_with("2 sessions cancelled: Crime analysis"),
        "{}",
        message.subject
    );
    assert!(message.subject.ends_with("the rest of the series"));
    assert!(
        message
            .text
            .contains("Session 1: Tue 9 Mar 2027, 10:00–11:30 CST")
    );
    assert!(
        message
            .text
            .contains("Session 2: Tue 16 Mar 2027, 10:00–11:30 CDT")
    );
    assert_eq!(message.invites.len(), 2, "one CANCEL (one UID) per file");
    for (part, session) in message.invites.iter().zip(sessions(2)) {
        assert_eq!(part.method, Method::Cancel);
        assert_eq!(part.filename, format!("session-{}.ics", session.occurrence));
        let (method, events) = parse(&part.ics);
        assert_eq!(method, "CANCEL");
        assert_eq!(events.len(), 1);
        assert_eq!(get(&events[0], "UID"), session.calendar_uid);
        assert_eq!(get(&events[0], "STATUS"), "CANCELLED");
        assert_eq!(get(&events[0], "SEQUENCE"), "2");
    }
    let one = CancellationFacts {
        sessions: sessions(2).split_off(1),
        whole_series: false,
        ..facts
    };
    let message = sessions_cancelled(&one, &contact_person(), Utc::now());
    assert_eq!(
        message.subject,
        "Cancelled: Crime analysis, CompStat; follow-up — session 2"
    );
    assert_eq!(
        message.dedup_key.as_str(),
        "sessions_cancelled:uid-1@tta-scheduler:2|sam@example.gov"
    );
}

#[test]
fn several_sessions_moved_are_one_message_with_each_updated_invite() {
    let moves: Vec<MovedSession> = sessions(1)
        .into_iter()
        .map(|s| MovedSession {
            previous_starts_at: s.starts_at,
            previous_ends_at: s.ends_at,
            session: SessionFacts {
                starts_at: s.starts_at + Duration::days(2),
                ends_at: s.ends_at + Duration::days(2),
                ..s
            },
        })
        .collect();
    let facts = SeriesMovedFacts {
        engagement: engagement(),
        moves: moves.clone(),
        reason: "Chief's schedule".to_owned(),
        attendees: vec![provider(), contact_person()],
    };
    let message = sessions_moved(&facts, &provider(), Utc::now());
    assert!(
        message
            .subject
            .starts_with("2 sessions rescheduled: Crime analysis"),
        "{}",
        message.subject
    );
    assert!(message.text.contains(
        "Session 2: now Thu 18 Mar 2027, 08:00–09:30 MST (site: 10:00–11:30 CDT) (was Tue 16 Mar 2027, 08:00–09:30 MST)"
    ), "{}", message.text);
    assert!(message.text.contains("Reason: Chief's schedule"));
    assert_eq!(message.invites.len(), 2);
    for (part, m) in message.invites.iter().zip(&moves) {
        let (method, events) = parse(&part.ics);
        assert_eq!(method, "REQUEST");
        assert_eq!(events.len(), 1);
        assert_eq!(get(&events[0], "UID"), m.session.calendar_uid);
        assert_eq!(get(&events[0], "SEQUENCE"), "1");
        assert_eq!(instant(get(&events[0], "DTSTART")), m.session.starts_at);
    }
    // One move alone reads as a single reschedule, with the same key as before.
    let single = SeriesMovedFacts {
        moves: moves[1..].to_vec(),
        ..facts
    };
    let message = sessions_moved(&single, &provider(), Utc::now());
    assert!(message.subject.starts_with("Rescheduled: "));
    assert!(
        message
            .dedup_key
            .as_str()
            .starts_with("session_rescheduled:uid-1@tta-scheduler:1|")
    );
}

#[test]
fn reminder_key_follows_the_start_and_feedback_asks_once_per_session() {
    let session = sessions(0).remove(1);
    let facts = ReminderFacts {
        engagement: engagement(),
        session: session.clone(),
    };
    let first = reminder(&facts, &provider());
    assert!(first.invites.is_empty());
    assert!(first.subject.contains("Tue 16 Mar 2027, 08:00–09:30 MST"));
    assert!(
        first
            .text
            .contains("When: Tue 16 Mar 2027, 08:00–09:30 MST (site: 10:00–11:30 CDT)")
    );
    let mut moved = facts.clone();
    moved.session.starts_at += Duration::days(1);
    assert_ne!(reminder(&moved, &provider()).dedup_key, first.dedup_key);
    assert_eq!(reminder(&facts, &provider()).dedup_key, first.dedup_key);
    let feedback = feedback_request(
        &FeedbackFacts {
            engagement: engagement(),
            session,
        },
        &contact_person(),
    );
    assert!(
        feedback
            .text
            .contains("Rate the session: https://tta.example.org/requests/12")
    );
}

#[test]
fn request_proposal_and_account_messages() {
    let site = engagement().site;
    let received = request_received(
        &RequestReceivedFacts {
            request_id: 12,
            title: "Crime analysis".to_owned(),
            site: site.clone(),
            submitted_by: "Sam Site".to_owned(),
            topics: vec!["Crime analysis".to_owned(), "CompStat".to_owned()],
            modality: "virtual".to_owned(),
            session_count: 6,
            cadence: "biweekly".to_owned(),
            earliest_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            latest_date: chrono::NaiveDate::from_ymd_opt(2027, 6, 1).unwrap(),
            contact: contact(),
            app_url: "https://tta.example.org".to_owned(),
        },
        &contact_person(),
    );
    assert_eq!(received.subject, "Request received: Crime analysis (#12)");
    assert!(
        received
            .text
            .contains("Between: Mon 1 Mar 2027 and Tue 1 Jun 2027 (America/Chicago time)")
    );
    let proposed = proposal(
        &ProposalFacts {
            proposal_id: 3,
            request_id: 12,
            title: "Crime analysis".to_owned(),
            site,
            topics: vec!["Crime analysis".to_owned()],
            modality: "virtual".to_owned(),
            sessions: vec![(at(3, 16, 15), at(3, 16, 16))],
            respond_by: Some(at(3, 5, 23)),
            contact: contact(),
            app_url: "https://tta.example.org".to_owned(),
            co_providers: Vec::new(),
        },
        &provider(),
    );
    assert!(
        proposed
            .text
            .contains("Session 1: Tue 16 Mar 2027, 08:00–09:00 MST (site: 10:00–11:00 CDT)")
    );
    assert!(
        proposed
            .text
            .contains("Please answer by Fri 5 Mar 2027, 16:00 MST.")
    );
    assert!(
        proposed
            .text
            .contains("Accept or decline: https://tta.example.org/provider/proposals"),
        "the provider's link opens the provider's proposals"
    );
    let invite = invitation(
        &InvitationFacts {
            invitation_id: 4,
            invited_by: "Ada Admin".to_owned(),
            role: "provider".to_owned(),
            accept_url: "https://tta.example.org/invite/abc".to_owned(),
            expires_at: at(3, 8, 12),
            contact: contact(),
        },
        &provider(),
    );
    assert_eq!(invite.dedup_key.as_str(), "invitation:4|pat@example.org");
    assert!(invite.text.contains("expires Mon 8 Mar 2027, 05:00 MST"));
    let reset = password_reset(
        &PasswordResetFacts {
            reset_id: 9,
            reset_url: "https://tta.example.org/reset/xyz".to_owned(),
            expires_at: at(3, 8, 12),
            contact: contact(),
        },
        &contact_person(),
    );
    assert!(
        reset
            .html
            .contains("href=\"https://tta.example.org/reset/xyz\"")
    );
    for message in [&received, &proposed, &invite, &reset] {
        assert!(!message.text.is_empty() && message.html.starts_with("<!DOCTYPE html>"));
        assert!(
            message
                .text
                .contains("Questions? Contact Casey Coordinator")
        );
    }
}

#[test]
fn a_declined_proposal_names_the_provider_and_the_reason_once_per_coordinator() {
    let facts = ProposalDeclinedFacts {
        proposal_id: 9,
        request_id: 12,
        title: "Crime analysis".to_owned(),
        site: engagement().site,
        provider_name: "Pat <Provider>".to_owned(),
        reason: "  On leave in March ".to_owned(),
        app_url: "https://tta.example.org".to_owned(),
    };
    let coordinator = person(
        "Casey",
        "Casey@Example.gov",
        Tz::America__New_York,
        Role::Coordinator,
    );
    let message = proposal_declined(&facts, &coordinator);
    assert_eq!(message.event, "proposal_declined");
    assert_eq!(
        message.dedup_key.as_str(),
        "proposal_declined:9|casey@example.gov"
    );
    assert!(message.subject.contains("Pat <Provider>"));
    assert!(message.text.contains("Reason: On leave in March\n"));
    assert!(message.html.contains("Pat &lt;Provider&gt;"));
    assert!(message.invites.is_empty());
}

#[test]
fn withdrawn_returned_and_rejected_carry_the_reason_and_name_the_event() {
    let withdrawn = proposal_withdrawn(
        &ProposalWithdrawnFacts {
            proposal_id: 5,
            request_id: 12,
            title: "Crime analysis".to_owned(),
            site: engagement().site,
            reason: " Site postponed <everything> ".to_owned(),
            contact: contact(),
            app_url: "https://tta.example.org".to_owned(),
        },
        &provider(),
    );
    assert_eq!(withdrawn.event, "proposal_withdrawn");
    assert_eq!(
        withdrawn.dedup_key.as_str(),
        "proposal_withdrawn:5|pat@example.org"
    );
    assert!(
        withdrawn
            .subject
            .starts_with("Withdrawn: Crime analysis — Memphis, TN")
    );
    assert!(
        withdrawn
            .text
            .contains("Reason: Site postponed <everything>\n")
    );
    assert!(withdrawn.html.contains("Site postponed &lt;everything&gt;"));
    let silent = proposal_withdrawn(
        &ProposalWithdrawnFacts {
            reason: "  ".to_owned(),
            proposal_id: 6,
            request_id: 12,
            title: "Crime analysis".to_owned(),
            site: engagement().site,
            contact: contact(),
            app_url: String::new(),
        },
        &provider(),
    );
    assert!(!silent.text.contains("Reason:"));

    let facts = RequestClosedFacts {
        request_id: 12,
        change_id: 40,
        title: "Crime analysis".to_owned(),
        site: engagement().site,
        reason: "Add the dates your chiefs can attend".to_owned(),
        contact: contact(),
        app_url: "https://tta.example.org".to_owned(),
    };
    let returned = request_returned(&facts, &contact_person());
    assert_eq!(returned.event, "request_returned");
    assert_eq!(
        returned.dedup_key.as_str(),
        "request_returned:12:40|sam@example.gov"
    );
    assert_eq!(
        returned.subject,
        "Returned for changes: Crime analysis (#12)"
    );
    assert!(
        returned
            .text
            .contains("Reason: Add the dates your chiefs can attend")
    );
    let rejected = request_rejected(&facts, &contact_person());
    assert_eq!(rejected.event, "request_rejected");
    assert_eq!(rejected.subject, "Not accepted: Crime analysis (#12)");
    for message in [&withdrawn, &returned, &rejected] {
        assert!(message.html.starts_with("<!DOCTYPE html>"));
        assert!(
            message
                .text
                .contains("Questions? Contact Casey Coordinator")
        );
        assert!(message.invites.is_empty());
    }
}

#[test]
fn a_session_with_no_place_yet_leaves_out_the_where_line() {
    let mut unplaced = sessions(1).remove(1);
    unplaced.location = String::new();
    let facts = RescheduleFacts {
        engagement: engagement(),
        session: unplaced.clone(),
        previous_starts_at: at(3, 16, 15),
        previous_ends_at: at(3, 16, 15) + Duration::minutes(90),
        reason: String::new(),
        attendees: vec![provider(), contact_person()],
    };
    let message = session_rescheduled(&facts, &provider(), Utc::now());
    assert!(!message.text.contains("Where"), "{}", message.text);
    assert!(!message.text.contains("announced"), "{}", message.text);
    let placed = RescheduleFacts {
        session: SessionFacts {
            location: "201 Poplar Ave, Memphis".to_owned(),
            ..unplaced
        },
        ..facts
    };
    let message = session_rescheduled(&placed, &provider(), Utc::now());
    assert!(message.text.contains("Where: 201 Poplar Ave, Memphis"));

    let cancelled = CancellationFacts {
        engagement: engagement(),
        sessions: sessions(2)
            .into_iter()
            .map(|s| SessionFacts {
                location: String::new(),
                ..s
            })
            .collect(),
        whole_series: true,
        reason: String::new(),
        attendees: vec![provider()],
    };
    let message = sessions_cancelled(&cancelled, &contact_person(), Utc::now());
    assert!(!message.text.contains("announced"), "{}", message.text);
    assert!(!message.text.contains(" — \n"), "{}", message.text);
}

#[test]
fn a_coordinators_copy_of_request_received_speaks_to_a_coordinator() {
    let facts = RequestReceivedFacts {
        request_id: 12,
        title: "Crime analysis".to_owned(),
        site: engagement().site,
        submitted_by: "Sam Site".to_owned(),
        topics: vec!["Crime analysis".to_owned()],
        modality: "virtual".to_owned(),
        session_count: 6,
        cadence: "monthly".to_owned(),
        earliest_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
        latest_date: chrono::NaiveDate::from_ymd_opt(2027, 9, 1).unwrap(),
        contact: contact(),
        app_url: "https://tta.example.org".to_owned(),
    };
    let coordinator = person(
        "Casey Coordinator",
        "casey@example.gov",
        Tz::America__New_York,
        Role::Coordinator,
    );
    let message = request_received(&facts, &coordinator);
    assert_eq!(
        message.subject,
        "New request from Memphis, TN: Crime analysis (#12)"
    );
    assert!(
        message
            .text
            .contains("A new request from Memphis, TN (#12) is in the queue")
    );
    assert!(
        message
            .text
            .contains("https://tta.example.org/coordinator/requests/12")
    );
    assert!(!message.text.contains("hear from us"), "{}", message.text);
    assert!(
        !message.text.contains("Questions? Contact"),
        "{}",
        message.text
    );

    let site = request_received(&facts, &contact_person());
    assert!(site.text.contains("You will hear from us"));
    assert!(site.text.contains("https://tta.example.org/requests/12"));
    assert!(
        site.text
            .contains("Questions? Contact Casey Coordinator at casey@example.gov.")
    );
}
