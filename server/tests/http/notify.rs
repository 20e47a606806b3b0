//! Every state change a person must know about queues its e-mails in the same transaction, on
//! both databases: request received, proposal (Phoenix times with Memphis beside them across the
//! 2027-03-14 spring-forward), declined, confirmed with a `REQUEST` invite, rescheduled (same UID,
//! raised SEQUENCE), cancelled (`CANCEL`); the same event never twice; a refused change queues
//! nothing. Last, an approval delivered through a real SMTP server to both recipients.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{harness, mail_support};
use std::time::Duration;

use chrono::{TimeZone as _, Utc};
use harness::fixtures::*;
use harness::{Backend, seeded_service_database};
use mail_support::{
    SmtpSink, calendar_parts, free_port, ics_instant, invites_of, parse_ics, prop, quick_settings,
    smtp,
};
use sea_orm::{ConnectionTrait, Database as SeaDatabase};
use service::entities::email_outbox;
use service::mail::messages::Tz;
use service::proposals::{
    ProposedOccurrence, accept_proposal, approve_proposal, book_proposal, decline_proposal,
    request_sessions,
};
use service::requests::store_request;
use service::sessions::{cancel_rest_of_series, cancel_session, reschedule_session};
use service::timefmt::span_with_site;
use service::{Database, ServiceError, notify};

const SITE_CONTACT: i32 = 110;
const OTHER_CONTACT: i32 = 111;
const ELSEWHERE: i32 = 112;
const PROVIDER: i32 = 101;

fn email(id: i32) -> String {
    format!("p{id}@example.org")
}

/// The shared fixtures, two Memphis site contacts and one contact of another site.
async fn setup(backend: Backend) -> Option<(harness::TestDatabase, Database)> {
    let (database, db) = seeded_service_database(backend).await?;
    three_providers(&database.url, &db).await;
    for (id, name, site) in [
        (SITE_CONTACT, "Sam Site", MEMPHIS),
        (OTHER_CONTACT, "Olu Other", MEMPHIS),
        (ELSEWHERE, "Eve Elsewhere", 1),
    ] {
        add_user(&database.url, id, name, "America/Chicago", "site_contact").await;
        let raw = SeaDatabase::connect(database.url.as_str()).await.unwrap();
        raw.execute_unprepared(&format!(
            "INSERT INTO site_contact (site_id, user_id) VALUES ({site}, {id})"
        ))
        .await
        .unwrap();
        raw.close().await.unwrap();
    }
    Some((database, db))
}

async fn raw(database: &harness::TestDatabase) -> sea_orm::DatabaseConnection {
    SeaDatabase::connect(database.url.as_str()).await.unwrap()
}

async fn outbox(db: &Database, event: &str) -> Vec<email_outbox::Model> {
    let mut rows: Vec<_> = service::mail::list_recent(db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.event == event)
        .collect();
    rows.sort_by_key(|row| row.id);
    rows
}

fn recipients(rows: &[email_outbox::Model]) -> Vec<String> {
    let mut list: Vec<String> = rows.iter().map(|r| r.recipient.clone()).collect();
    list.sort();
    list
}

async fn planned(db: &Database, request: i32) -> Vec<ProposedOccurrence> {
    planned_occurrences(db, request, PROVIDER).await
}

async fn submitted(db: &Database) -> i32 {
    store_request(
        db,
        MEMPHIS,
        Some(SITE_CONTACT),
        &memphis_request(),
        &notify(),
    )
    .await
    .unwrap()
}

/// Submitted, proposed to Phoenix, accepted; returns (request, proposal).
async fn accepted(db: &Database) -> (i32, i32) {
    let request = submitted(db).await;
    let occurrences = planned(db, request).await;
    let proposal = book_proposal(
        db,
        request,
        PROVIDER,
        &occurrences,
        0.8,
        "{}".into(),
        Some(COORDINATOR),
        &notify(),
    )
    .await
    .unwrap();
    accept_proposal(
        db,
        &harness::fixtures::actor_of(db, PROVIDER).await,
        proposal,
    )
    .await
    .unwrap();
    (request, proposal)
}

async fn submit_tells_the_site_contacts_and_the_coordinators(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    let request = submitted(&db).await;
    let rows = outbox(&db, "request_received").await;
    assert_eq!(
        recipients(&rows),
        [
            email(COORDINATOR),
            email(SITE_CONTACT),
            email(OTHER_CONTACT)
        ]
    );
    assert!(rows.iter().all(|r| r.status == "pending"));
    let body_of = |to: String| {
        rows.iter()
            .find(|r| r.recipient == to)
            .map(|r| r.body_text.clone())
            .unwrap()
    };
    // The site's contacts hear that it reached the queue, and whom to ask.
    let body = body_of(email(SITE_CONTACT));
    assert!(body.contains(&format!("TTA request #{request}")), "{body}");
    assert!(body.contains("You will hear from us"), "{body}");
    assert!(body.contains("Submitted by: Sam Site"), "{body}");
    assert!(body.contains("Questions? Contact Casey Coordinator at p100@example.org."));
    // The coordinator's copy speaks to a coordinator: new work, not "you will hear from us",
    // and no line telling them to contact themselves.
    let coordinator = body_of(email(COORDINATOR));
    assert!(
        coordinator.contains("A new request from ")
            && coordinator.contains(&format!("(#{request}) is in the queue")),
        "{coordinator}"
    );
    assert!(
        !coordinator.contains("You will hear from us"),
        "{coordinator}"
    );
    assert!(!coordinator.contains("Questions? Contact"), "{coordinator}");
    assert!(
        coordinator.contains("Submitted by: Sam Site"),
        "{coordinator}"
    );
    // Each reader's link opens their own page of the request (mail_links.rs opens every link
    // of every kind as its recipient).
    for row in &rows {
        let page = if row.recipient == email(COORDINATOR) {
            format!("https://tta.example.gov/coordinator/requests/{request}")
        } else {
            format!("https://tta.example.gov/requests/{request}")
        };
        assert!(row.body_text.contains(&page), "{}: {page}", row.recipient);
    }
    // The same event again writes nothing.
    assert_eq!(
        notify::request_received(&raw(&database).await, &notify(), request)
            .await
            .unwrap(),
        0
    );
    assert_eq!(outbox(&db, "request_received").await.len(), 3);
}

async fn the_proposal_shows_phoenix_time_with_memphis_beside_it(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let request = submitted(&db).await;
    let occurrences = planned(&db, request).await;
    let spring_forward = Utc.with_ymd_and_hms(2027, 3, 14, 8, 0, 0).unwrap();
    assert!(occurrences.iter().any(|o| o.starts_at < spring_forward));
    assert!(occurrences.iter().any(|o| o.starts_at > spring_forward));
    book_proposal(
        &db,
        request,
        PROVIDER,
        &occurrences,
        0.8,
        "{}".into(),
        Some(COORDINATOR),
        &notify(),
    )
    .await
    .unwrap();
    let rows = outbox(&db, "proposal").await;
    assert_eq!(recipients(&rows), [email(PROVIDER)]);
    let text = &rows[0].body_text;
    for o in &occurrences {
        let line = span_with_site(
            o.starts_at,
            o.ends_at,
            Tz::America__Phoenix,
            Tz::America__Chicago,
        );
        assert!(text.contains(&line), "{line} not in {text}");
    }
    assert!(text.contains(" MST (site: ") && text.contains(" CST)") && text.contains(" CDT)"));
    assert!(text.contains("https://tta.example.gov/provider/proposals"));
    assert!(
        rows[0].calendar_method.is_none() && invites_of(&db, rows[0].id).await.is_empty(),
        "no invite before approval"
    );

    // A second request at the same times double-books Phoenix: refused, nothing queued.
    let other = submitted(&db).await;
    let clash = book_proposal(
        &db,
        other,
        PROVIDER,
        &occurrences,
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(clash, ServiceError::Conflict(_)), "{clash:?}");
    assert_eq!(outbox(&db, "proposal").await.len(), 1);
}

async fn a_decline_tells_the_coordinators_why(backend: Backend) {
    let Some((_database, db)) = setup(backend).await else {
        return;
    };
    let request = submitted(&db).await;
    let occurrences = planned(&db, request).await;
    let proposal = book_proposal(
        &db,
        request,
        PROVIDER,
        &occurrences,
        0.8,
        "{}".into(),
        None,
        &notify(),
    )
    .await
    .unwrap();
    decline_proposal(
        &db,
        &harness::fixtures::actor_of(&db, PROVIDER).await,
        proposal,
        "On leave in March",
        &notify(),
    )
    .await
    .unwrap();
    let rows = outbox(&db, "proposal_declined").await;
    assert_eq!(recipients(&rows), [email(COORDINATOR)]);
    assert!(rows[0].body_text.contains("Reason: On leave in March"));
    assert!(rows[0].subject.contains("Alex Phoenix"));
}

async fn approval_invites_with_utc_instants_and_sequence_zero(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    let (request, proposal) = accepted(&db).await;
    approve_proposal(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        proposal,
        &notify(),
    )
    .await
    .unwrap();
    let sessions = request_sessions(&db, request).await.unwrap();
    let rows = outbox(&db, "schedule_confirmed").await;
    // One message per person for the whole series, each session's invite its own attachment
    // carrying exactly one event (one UID).
    let people = recipients(&rows);
    assert_eq!(
        people,
        [email(PROVIDER), email(SITE_CONTACT), email(OTHER_CONTACT)]
    );
    for row in &rows {
        assert_eq!(row.calendar_method.as_deref(), Some("REQUEST"));
        let invites = invites_of(&db, row.id).await;
        assert_eq!(invites.len(), sessions.len());
        let mut uids: Vec<String> = Vec::new();
        for (method_param, filename, ics) in &invites {
            assert_eq!(method_param, "REQUEST");
            let (method, events) = parse_ics(ics);
            assert_eq!(method, "REQUEST");
            assert_eq!(events.len(), 1);
            let event = &events[0];
            let session = sessions
                .iter()
                .find(|s| s.calendar_uid == prop(event, "UID"))
                .unwrap();
            assert_eq!(filename, &format!("session-{}.ics", session.occurrence));
            assert_eq!(prop(event, "SEQUENCE"), "0");
            assert_eq!(ics_instant(prop(event, "DTSTART")), session.starts_at);
            assert_eq!(ics_instant(prop(event, "DTEND")), session.ends_at);
            assert_eq!(event["ATTENDEE"].len(), 3);
            uids.push(session.calendar_uid.clone());
        }
        uids.sort();
        let mut all: Vec<String> = sessions.iter().map(|s| s.calendar_uid.clone()).collect();
        all.sort();
        assert_eq!(
            uids, all,
            "{} gets an invite for every session",
            row.recipient
        );
    }
    let site_text = &rows
        .iter()
        .find(|r| r.recipient == email(SITE_CONTACT))
        .unwrap()
        .body_text;
    assert!(site_text.contains("CDT") && !site_text.contains("site time"));
    // Approving again is refused; notifying again writes nothing.
    assert!(
        approve_proposal(
            &db,
            &harness::fixtures::actor_of(&db, COORDINATOR).await,
            proposal,
            &notify()
        )
        .await
        .is_err()
    );
    assert_eq!(
        notify::schedule_confirmed(&raw(&database).await, &notify(), proposal)
            .await
            .unwrap(),
        0
    );
    assert_eq!(outbox(&db, "schedule_confirmed").await.len(), 3);
}

async fn reschedule_and_cancel_update_the_invites(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    let (request, proposal) = accepted(&db).await;
    approve_proposal(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        proposal,
        &notify(),
    )
    .await
    .unwrap();
    let sessions = request_sessions(&db, request).await.unwrap();

    let second = &sessions[1];
    let day = chrono::Duration::days(1);
    let moved = reschedule_session(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        second.id,
        second.starts_at + day,
        second.ends_at + day,
        &notify(),
    )
    .await
    .unwrap();
    let rows = outbox(&db, "session_rescheduled").await;
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row.calendar_method.as_deref(), Some("REQUEST"));
        let invites = invites_of(&db, row.id).await;
        assert_eq!(invites.len(), 1);
        let (method, events) = parse_ics(&invites[0].2);
        assert_eq!(method, "REQUEST");
        assert_eq!(events.len(), 1);
        assert_eq!(prop(&events[0], "UID"), second.calendar_uid);
        assert_eq!(prop(&events[0], "SEQUENCE"), "1");
        assert_eq!(ics_instant(prop(&events[0], "DTSTART")), moved.starts_at);
    }
    // A move onto the third session is refused and queues nothing.
    let third = &sessions[2];
    reschedule_session(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        second.id,
        third.starts_at,
        third.ends_at,
        &notify(),
    )
    .await
    .unwrap_err();
    assert_eq!(outbox(&db, "session_rescheduled").await.len(), 3);
    // The same reschedule notified again: nothing new.
    assert_eq!(
        notify::session_rescheduled(
            &raw(&database).await,
            &notify(),
            second.id,
            (second.starts_at, second.ends_at),
            ""
        )
        .await
        .unwrap(),
        0
    );

    cancel_session(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        second.id,
        &notify(),
    )
    .await
    .unwrap();
    let rows = outbox(&db, "sessions_cancelled").await;
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row.calendar_method.as_deref(), Some("CANCEL"));
        let invites = invites_of(&db, row.id).await;
        assert_eq!(invites.len(), 1);
        let (method, events) = parse_ics(&invites[0].2);
        assert_eq!(method, "CANCEL");
        assert_eq!(prop(&events[0], "UID"), second.calendar_uid);
        assert_eq!(prop(&events[0], "SEQUENCE"), "2");
        assert_eq!(prop(&events[0], "STATUS"), "CANCELLED");
    }
    // Cancelling again is refused and queues nothing.
    cancel_session(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        second.id,
        &notify(),
    )
    .await
    .unwrap_err();
    assert_eq!(outbox(&db, "sessions_cancelled").await.len(), 3);

    let rest = cancel_rest_of_series(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        harness::fixtures::session_at(&db, request, 5).await,
        &notify(),
    )
    .await
    .unwrap();
    assert_eq!(rest.len(), 2);
    let rows = outbox(&db, "sessions_cancelled").await;
    assert_eq!(
        rows.len(),
        6,
        "one message per person for the rest of the series"
    );
    let mut uids: Vec<String> = Vec::new();
    for row in &rows[3..] {
        let invites = invites_of(&db, row.id).await;
        assert_eq!(invites.len(), 2, "a CANCEL per cancelled session");
        for (_, _, ics) in &invites {
            let (method, events) = parse_ics(ics);
            assert_eq!(method, "CANCEL");
            assert_eq!(events.len(), 1);
            assert_eq!(prop(&events[0], "SEQUENCE"), "1");
            uids.push(prop(&events[0], "UID").to_owned());
        }
        assert!(
            row.body_text.contains("the rest of the series"),
            "{}",
            row.body_text
        );
    }
    uids.sort_unstable();
    uids.dedup();
    let mut expected = [
        sessions[4].calendar_uid.clone(),
        sessions[5].calendar_uid.clone(),
    ];
    expected.sort_unstable();
    assert_eq!(uids, expected);
}

async fn an_approval_whose_e_mail_cannot_be_built_is_rolled_back(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    let (request, proposal) = accepted(&db).await;
    // A zone no message can be written in: building the e-mails fails inside the transaction.
    raw(&database)
        .await
        .execute_unprepared(&format!(
            "UPDATE app_user SET time_zone = 'Mars/Olympus_Mons' WHERE id = {PROVIDER}"
        ))
        .await
        .unwrap();
    let error = approve_proposal(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        proposal,
        &notify(),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, ServiceError::Internal(_)), "{error:?}");
    assert!(outbox(&db, "schedule_confirmed").await.is_empty());
    let sessions = request_sessions(&db, request).await.unwrap();
    assert!(
        sessions.iter().all(|s| s.status == "tentative"),
        "not confirmed"
    );
    assert_eq!(
        service::requests::request_view(&db, request)
            .await
            .unwrap()
            .status,
        service::status::RequestStatus::Proposed
    );
}

async fn an_approval_reaches_both_recipients_over_smtp(backend: Backend) {
    let Some((database, db)) = setup(backend).await else {
        return;
    };
    // Only the provider and one contact, to check exactly who receives the invite.
    raw(&database)
        .await
        .execute_unprepared(&format!(
            "DELETE FROM site_contact WHERE user_id = {OTHER_CONTACT}"
        ))
        .await
        .unwrap();
    let (request, proposal) = accepted(&db).await;
    approve_proposal(
        &db,
        &harness::fixtures::actor_of(&db, COORDINATOR).await,
        proposal,
        &notify(),
    )
    .await
    .unwrap();
    let sessions = request_sessions(&db, request).await.unwrap();
    let sink = SmtpSink::start(free_port(), 0);
    let report = mail_support::worker(&db, smtp(&sink.url()), quick_settings())
        .drain()
        .await
        .unwrap();
    assert_eq!(report.failed, 0);
    let queued = service::mail::list_recent(&db, 100).await.unwrap().len();
    let received = sink.wait_for(queued, Duration::from_secs(10)).await;
    assert_eq!(received.len(), queued, "everything queued was delivered");
    let invites: Vec<_> = received
        .iter()
        .filter(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .contains(&format!("{} sessions confirmed:", sessions.len()))
        })
        .collect();
    let mut to: Vec<&str> = invites
        .iter()
        .flat_map(|m| m["rcpt_tos"].as_array().unwrap())
        .map(|v| v.as_str().unwrap())
        .collect();
    to.sort_unstable();
    let (provider, contact) = (email(PROVIDER), email(SITE_CONTACT));
    assert_eq!(
        to,
        [provider.as_str(), contact.as_str()],
        "one message each, for the whole series"
    );
    for message in invites {
        let calendars = calendar_parts(message);
        assert_eq!(calendars.len(), sessions.len(), "an invite per session");
        for calendar in calendars {
            assert_eq!(calendar["params"]["method"], "REQUEST");
            let (_, events) = parse_ics(calendar["body"].as_str().unwrap());
            assert_eq!(events.len(), 1);
            let session = sessions
                .iter()
                .find(|s| s.calendar_uid == prop(&events[0], "UID"))
                .unwrap();
            assert_eq!(ics_instant(prop(&events[0], "DTSTART")), session.starts_at);
        }
    }
}

on_both_backends!(
    submit_tells_the_site_contacts_and_the_coordinators,
    the_proposal_shows_phoenix_time_with_memphis_beside_it,
    a_decline_tells_the_coordinators_why,
    approval_invites_with_utc_instants_and_sequence_zero,
    reschedule_and_cancel_update_the_invites,
    an_approval_whose_e_mail_cannot_be_built_is_rolled_back,
    an_approval_reaches_both_recipients_over_smtp,
);
