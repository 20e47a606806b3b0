//! One e-mail per person for a series (issue 22 item 12), on SQLite and PostgreSQL, delivered to
//! a real SMTP server (`aiosmtpd`) and read back from the received MIME: approving a 12-session
//! series sends exactly one message to the provider and one to each site contact, each with 12
//! `text/calendar` attachments carrying the sessions' own, distinct UIDs; cancelling the rest of
//! the series sends one message per person with a `CANCEL` per session; moving one session still
//! sends one message with its one invite; closing an engagement cancels its sessions in one
//! message per person; a message queued before attachments existed still carries its invite.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{NaiveDate, TimeZone as _, Utc};
use contract::forms::CloseEngagementForm;
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use mail_support::{
    SmtpSink, calendar_parts, free_port, ics_instant, invites_of, parse_ics, prop, quick_settings,
    smtp,
};
use sea_orm::{ConnectionTrait, Database as SeaDatabase, EntityTrait};
use serde_json::Value;
use service::Database;
use service::entities::{tta_request, tta_session};
use service::intake::{IntakeForm, RequestDraft};
use service::mail::messages::Tz;
use service::proposals::request_sessions;
use service::sessions::{cancel_rest_of_series, reschedule_session};
use service::timefmt::span_with_site;

use crate::{harness, mail_support};

const PROVIDER: i32 = 101;
const SITE_CONTACT: i32 = 110;
const OTHER_CONTACT: i32 = 111;

fn email(id: i32) -> String {
    format!("p{id}@example.org")
}

/// Twelve weekly 60-minute sessions for Memphis (America/Chicago), February to May 2027, across
/// the March daylight-saving change.
fn twelve_weekly() -> RequestDraft {
    let form = IntakeForm {
        title: "Weekly CompStat coaching".into(),
        topic_ids: vec![GUN_VIOLENCE.to_string(), CRIME_ANALYSIS.to_string()],
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: "12".into(),
        cadence: "weekly".into(),
        session_minutes: "60".into(),
        earliest_date: "2027-02-01".into(),
        latest_date: "2027-05-28".into(),
        preferred_weekdays: vec!["tue".into(), "wed".into(), "thu".into()],
        preferred_start: "09:00".into(),
        preferred_end: "12:00".into(),
        minimum_level: "2".into(),
        ..IntakeForm::default()
    };
    RequestDraft::parse(&form, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

/// The three providers, two Memphis site contacts, and the twelve sessions confirmed with the
/// Phoenix provider. Returns the request and its sessions.
async fn confirmed_twelve(
    backend: Backend,
) -> Option<(
    harness::TestDatabase,
    Database,
    i32,
    Vec<tta_session::Model>,
)> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    for (id, name) in [(SITE_CONTACT, "Sam Site"), (OTHER_CONTACT, "Olu Other")] {
        add_user(&database.url, id, name, "America/Chicago", "site_contact").await;
        raw.execute_unprepared(&format!(
            "INSERT INTO site_contact (site_id, user_id) VALUES ({MEMPHIS}, {id})"
        ))
        .await
        .unwrap();
    }
    raw.close().await.unwrap();
    let request = service::requests::store_request(
        &db,
        MEMPHIS,
        Some(SITE_CONTACT),
        &twelve_weekly(),
        &notify(),
    )
    .await
    .unwrap();
    let occurrences = planned_occurrences(&db, request, PROVIDER).await;
    assert_eq!(occurrences.len(), 12, "the whole series is placed");
    send_accept_approve(&db, request, PROVIDER, &occurrences).await;
    let sessions = request_sessions(&db, request).await.unwrap();
    assert!(sessions.iter().all(|s| s.status == "confirmed"));
    Some((database, db, request, sessions))
}

/// Sends everything queued to a fresh SMTP sink; returns what it received.
async fn deliver(db: &Database) -> Vec<Value> {
    let sink = SmtpSink::start(free_port(), 0);
    let report = mail_support::worker(db, smtp(&sink.url()), quick_settings())
        .drain()
        .await
        .unwrap();
    assert_eq!(report.failed, 0);
    let received = sink.wait_for(report.sent, Duration::from_secs(10)).await;
    assert_eq!(received.len(), report.sent, "everything sent arrived");
    received
}

fn recipient(message: &Value) -> String {
    let to = message["rcpt_tos"].as_array().unwrap();
    assert_eq!(to.len(), 1, "one recipient per message");
    to[0].as_str().unwrap().to_owned()
}

fn subject(message: &Value) -> &str {
    message["subject"].as_str().unwrap()
}

fn text(message: &Value) -> &str {
    message["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["content_type"] == "text/plain")
        .and_then(|p| p["body"].as_str())
        .expect("a text part")
}

/// Every calendar attachment of `message`: each one `VCALENDAR` with `method` and one event.
/// Returns (UID, SEQUENCE, DTSTART) in the order attached, checking the file names.
fn attached_events(
    message: &Value,
    method: &str,
    sessions: &[&tta_session::Model],
) -> Vec<(String, String)> {
    let parts = calendar_parts(message);
    assert_eq!(
        parts.len(),
        sessions.len(),
        "{}: a text/calendar part per session",
        subject(message)
    );
    parts
        .iter()
        .zip(sessions)
        .map(|(part, session)| {
            assert_eq!(part["params"]["method"], method);
            assert_eq!(part["disposition"], "attachment");
            let name = format!("session-{}.ics", session.occurrence);
            assert_eq!(part["filename"], name.as_str());
            assert_eq!(part["params"]["name"], name.as_str());
            let (ics_method, events) = parse_ics(part["body"].as_str().unwrap());
            assert_eq!(ics_method, method);
            assert_eq!(events.len(), 1, "one event, one UID per file");
            let event = &events[0];
            assert_eq!(prop(event, "UID"), session.calendar_uid);
            assert_eq!(ics_instant(prop(event, "DTSTART")), session.starts_at);
            (
                prop(event, "UID").to_owned(),
                prop(event, "SEQUENCE").to_owned(),
            )
        })
        .collect()
}

async fn approving_twelve_sessions_sends_one_message_to_each_person(backend: Backend) {
    let Some((_database, db, _request, sessions)) = confirmed_twelve(backend).await else {
        return;
    };
    let outbox: Vec<_> = service::mail::list_recent(&db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.event == "schedule_confirmed")
        .collect();
    assert_eq!(outbox.len(), 3, "one row per person, not per session");

    let received = deliver(&db).await;
    let confirmed: Vec<&Value> = received
        .iter()
        .filter(|m| subject(m).contains("confirmed"))
        .collect();
    let mut to: Vec<String> = confirmed.iter().map(|m| recipient(m)).collect();
    to.sort();
    assert_eq!(
        to,
        [email(PROVIDER), email(SITE_CONTACT), email(OTHER_CONTACT)],
        "exactly one message to the provider and one to each site contact"
    );
    let all: Vec<&tta_session::Model> = sessions.iter().collect();
    for message in confirmed {
        assert!(
            subject(message).starts_with(
                "12 sessions confirmed: Weekly CompStat coaching with Alex Phoenix, from "
            ),
            "{}",
            subject(message)
        );
        let events = attached_events(message, "REQUEST", &all);
        let uids: BTreeSet<&str> = events.iter().map(|(uid, _)| uid.as_str()).collect();
        assert_eq!(uids.len(), 12, "twelve distinct UIDs");
        assert!(events.iter().all(|(_, sequence)| sequence == "0"));
        // Every session listed in the reader's zone, the site's clock beside it when it differs.
        let zone = if recipient(message) == email(PROVIDER) {
            Tz::America__Phoenix
        } else {
            Tz::America__Chicago
        };
        let body = text(message);
        for s in &sessions {
            let line = format!(
                "Session {}: {}",
                s.occurrence,
                span_with_site(s.starts_at, s.ends_at, zone, Tz::America__Chicago)
            );
            assert!(body.contains(&line), "{line} missing from\n{body}");
        }
        assert!(body.contains("https://tta.example.gov/"), "{body}");
    }
}

async fn moving_one_then_cancelling_the_rest_sends_one_message_each(backend: Backend) {
    let Some((database, db, request, sessions)) = confirmed_twelve(backend).await else {
        return;
    };
    deliver(&db).await;
    let coordinator = actor_of(&db, COORDINATOR).await;

    // One session moved a day later: still one message per person, with its one invite (inline
    // for mail programs, and attached).
    let second = &sessions[1];
    let day = chrono::Duration::days(1);
    let moved = reschedule_session(
        &db,
        &coordinator,
        second.id,
        second.starts_at + day,
        second.ends_at + day,
        &notify(),
    )
    .await
    .unwrap();
    let received = deliver(&db).await;
    assert_eq!(received.len(), 3, "provider and two contacts");
    for message in &received {
        assert!(
            subject(message).starts_with("Rescheduled: Weekly CompStat coaching, session 2"),
            "{}",
            subject(message)
        );
        let parts = calendar_parts(message);
        assert_eq!(parts.len(), 1, "one invite");
        assert_eq!(parts[0]["params"]["method"], "REQUEST");
        let (_, events) = parse_ics(parts[0]["body"].as_str().unwrap());
        assert_eq!(prop(&events[0], "UID"), moved.calendar_uid);
        assert_eq!(prop(&events[0], "SEQUENCE"), "1");
        let file = message["parts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["content_type"] == "application/ics")
            .expect("the invite attached too");
        assert_eq!(file["filename"], "session-2.ics");
    }

    // The rest from session 5: one message per person with a CANCEL for each of the eight.
    let fifth = session_at(&db, request, 5).await;
    let cancelled = cancel_rest_of_series(&db, &coordinator, fifth, &notify())
        .await
        .unwrap();
    assert_eq!(cancelled.len(), 8);
    let received = deliver(&db).await;
    let mut to: Vec<String> = received.iter().map(recipient).collect();
    to.sort();
    assert_eq!(
        to,
        [email(PROVIDER), email(SITE_CONTACT), email(OTHER_CONTACT)]
    );
    let rest: Vec<&tta_session::Model> = sessions.iter().filter(|s| s.occurrence >= 5).collect();
    for message in &received {
        assert!(
            subject(message).starts_with(
                "8 sessions cancelled: Weekly CompStat coaching — the rest of the series"
            ),
            "{}",
            subject(message)
        );
        let events = attached_events(message, "CANCEL", &rest);
        let uids: BTreeSet<&str> = events.iter().map(|(uid, _)| uid.as_str()).collect();
        assert_eq!(uids.len(), 8, "eight distinct UIDs");
        assert!(events.iter().all(|(_, sequence)| sequence == "1"));
        for s in &rest {
            assert!(
                text(message).contains(&format!("Session {}: ", s.occurrence)),
                "{}",
                text(message)
            );
        }
    }
    // Nothing is queued twice: the same cancellation notified again writes nothing.
    let ids: Vec<i32> = rest.iter().map(|s| s.id).collect();
    let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
    assert_eq!(
        service::notify::sessions_cancelled(&raw, &notify(), &ids, true, "")
            .await
            .unwrap(),
        0
    );
}

async fn closing_an_engagement_cancels_its_sessions_in_one_message_each(backend: Backend) {
    let Some((_database, db, request, sessions)) = confirmed_twelve(backend).await else {
        return;
    };
    let engagement_id = tta_request::Entity::find_by_id(request)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .engagement_id
        .unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap();
    let form = CloseEngagementForm {
        engagement_id: engagement_id.to_string(),
        future_sessions: "cancel".into(),
    };
    let coordinator = actor_of(&db, COORDINATOR).await;
    let cancelled =
        service::engagements::close_engagement(&db, &coordinator, &form, &notify(), now)
            .await
            .unwrap();
    assert_eq!(cancelled, 12);
    let rows: Vec<_> = service::mail::list_recent(&db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.event == "sessions_cancelled")
        .collect();
    assert_eq!(rows.len(), 3, "one cancellation per person");
    for row in &rows {
        assert!(row.body_text.contains("Reason: The engagement has closed."));
        let invites = invites_of(&db, row.id).await;
        assert_eq!(invites.len(), 12);
        let mut uids = BTreeSet::new();
        for ((method, filename, ics), session) in invites.iter().zip(&sessions) {
            assert_eq!(method, "CANCEL");
            assert_eq!(filename, &format!("session-{}.ics", session.occurrence));
            let (_, events) = parse_ics(ics);
            assert_eq!(events.len(), 1);
            uids.insert(prop(&events[0], "UID").to_owned());
        }
        assert_eq!(uids.len(), 12);
    }
}

/// A message queued before migration 18 holds its one invite in `email_outbox.calendar` and no
/// attachment rows: it is still sent with its invite, inline and as `invite.ics`.
async fn a_message_queued_before_attachments_keeps_its_invite(backend: Backend) {
    let Some(f) = mail_support::fixture(backend).await else {
        return;
    };
    assert_eq!(f.enqueue_all(&mail_support::many_messages(1)).await, 1);
    for sql in [
        "UPDATE email_outbox SET calendar = (SELECT content FROM email_attachment \
         WHERE email_attachment.outbox_id = email_outbox.id)",
        "DELETE FROM email_attachment",
    ] {
        f.raw.execute_unprepared(sql).await.unwrap();
    }
    assert_eq!(f.count("SELECT COUNT(*) FROM email_attachment").await, 0);
    let received = deliver(&f.db).await;
    assert_eq!(received.len(), 1);
    let parts = calendar_parts(&received[0]);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0]["params"]["method"], "REQUEST");
    let (_, events) = parse_ics(parts[0]["body"].as_str().unwrap());
    assert_eq!(
        prop(&events[0], "UID"),
        mail_support::dst_sessions(0)[0].calendar_uid
    );
    let file = received[0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["content_type"] == "application/ics")
        .expect("the invite attached");
    assert_eq!(file["filename"], "invite.ics");
}

crate::on_both_backends!(
    approving_twelve_sessions_sends_one_message_to_each_person,
    moving_one_then_cancelling_the_rest_sends_one_message_each,
    closing_an_engagement_cancels_its_sessions_in_one_message_each,
    a_message_queued_before_attachments_keeps_its_invite,
);
