//! A coordinator answers a site's change requests, over HTTP on SQLite and PostgreSQL, with the
//! demo Buffalo engagement (four confirmed Wednesday sessions with Leilani Kahale): the queue
//! counts open asks; the request page lists them; a reschedule is done at a new time on the
//! site's clock (updated invites, the ask done), a cancellation as asked, another declined with
//! a note; wrong answers and repeated answers are refused; the site sees the outcome and the
//! note; the contact who asked gets an e-mail; each answer is audited.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::{call_with_cookie, error_text};
use chrono::Duration;
use demo::DEMO_TECHNOLOGY_TITLE;
use harness::TestApp;
use serde_json::Value;

const DEMO_PASSWORD: &str = "demo-password-2026";
const BUFFALO_CONTACT: &str = "contact.buffalo@tta.example.gov";

async fn cookie_for(app: &TestApp, email: &str) -> String {
    let response = accounts_support::login(app, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200, "log in {email}");
    accounts_support::session_cookie(&response).unwrap().0
}

async fn queue(app: &TestApp, cookie: &str) -> Value {
    call_with_cookie(
        app,
        "coordinator/queue",
        cookie,
        crate::harness::UNFILTERED_QUEUE,
    )
    .await
    .json()
    .await
    .unwrap()
}

async fn answer(app: &TestApp, cookie: &str, form: &[(&str, &str)]) -> reqwest::Response {
    call_with_cookie(app, "coordinator/answer_change", cookie, form).await
}

on_both_databases!(change_requests_are_done_or_declined_and_the_site_sees_the_outcome);

async fn change_requests_are_done_or_declined_and_the_site_sees_the_outcome(app: &TestApp) {
    app.seed_demo().await;
    let db = server::startup::open_database(&app.config).await.unwrap();
    let contact = cookie_for(app, BUFFALO_CONTACT).await;
    let mine: Value = call_with_cookie(app, "requests/mine", &contact, &[])
        .await
        .json()
        .await
        .unwrap();
    let request = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == DEMO_TECHNOLOGY_TITLE)
        .map(|r| r["id"].as_i64().unwrap())
        .unwrap();
    let sessions = service::proposals::request_sessions(&db, i32::try_from(request).unwrap())
        .await
        .unwrap();
    assert_eq!(sessions.len(), 4);
    let (second, third, fourth) = (&sessions[1], &sessions[2], &sessions[3]);
    for (session, kind, reason) in [
        (second, "reschedule", "Budget hearing that morning"),
        (third, "cancel_one", "Centre closed for an audit"),
        (fourth, "cancel_rest", "Grant ends early"),
    ] {
        let asked = call_with_cookie(
            app,
            "sessions/ask-change",
            &contact,
            &[
                ("session_id", &session.id.to_string()),
                ("kind", kind),
                ("reason", reason),
                ("wanted", "The same day, two hours later"),
            ],
        )
        .await;
        assert_eq!(asked.status(), 200);
    }

    // The queue counts the open asks and names them.
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let waiting = queue(app, &coordinator).await;
    let changes = waiting["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3);
    assert!(changes.iter().all(|c| c["request_id"] == request));
    assert_eq!(changes[0]["site"], "Buffalo, NY");
    assert_eq!(changes[0]["what"], "Reschedule this session");
    assert_eq!(changes[0]["session"], 2);

    // The request page lists them, newest first, with what the site asked.
    let detail: Value = call_with_cookie(
        app,
        "coordinator/request",
        &coordinator,
        &[("id", &request.to_string())],
    )
    .await
    .json()
    .await
    .unwrap();
    let asks = detail["change_requests"].as_array().unwrap();
    assert_eq!(asks.len(), 3);
    let reschedule = asks.iter().find(|a| a["kind"] == "reschedule").unwrap();
    assert_eq!(reschedule["status"], "open");
    assert_eq!(reschedule["wanted"], "The same day, two hours later");
    assert_eq!(reschedule["asked_by"], "Blake Buffalo");
    assert!(reschedule["session_when"].as_str().unwrap().contains("E"));
    let id_of = |kind: &str| {
        asks.iter()
            .find(|a| a["kind"] == kind)
            .map(|a| a["id"].as_i64().unwrap().to_string())
            .unwrap()
    };
    let (reschedule_id, cancel_id, rest_id) = (
        id_of("reschedule"),
        id_of("cancel_one"),
        id_of("cancel_rest"),
    );

    // Refused: a decline without a note, the wrong answer for the ask, a bad time, an unknown
    // answer, an unknown ask.
    for (form, status, message) in [
        (
            vec![("id", cancel_id.as_str()), ("answer", "decline")],
            400,
            "Say why you decline",
        ),
        (
            vec![
                ("id", cancel_id.as_str()),
                ("answer", "reschedule"),
                ("date", "2027-01-01"),
                ("time", "10:00"),
            ],
            400,
            "asked for a cancellation",
        ),
        (
            vec![("id", reschedule_id.as_str()), ("answer", "cancel")],
            400,
            "asked for a new time",
        ),
        (
            vec![
                ("id", reschedule_id.as_str()),
                ("answer", "reschedule"),
                ("date", "soon"),
                ("time", "10:00"),
            ],
            400,
            "Enter the new date, for example",
        ),
        (
            vec![("id", reschedule_id.as_str()), ("answer", "postpone")],
            400,
            "Choose to move",
        ),
        (
            vec![("id", "9999"), ("answer", "resolved")],
            404,
            "was not found",
        ),
    ] {
        let response = answer(app, &coordinator, &form).await;
        assert_eq!(response.status(), status, "{form:?}");
        let text = error_text(response).await;
        assert!(text.contains(message), "{form:?}: {text}");
    }

    // Done: session 2 moves two hours later on the site's clock, keeping its length and UID.
    let site_zone = service::mail::messages::Tz::America__New_York;
    let new_start = second.starts_at + Duration::hours(2);
    let local = new_start.with_timezone(&site_zone);
    let done = answer(
        app,
        &coordinator,
        &[
            ("id", &reschedule_id),
            ("answer", "reschedule"),
            ("date", &local.format("%Y-%m-%d").to_string()),
            ("time", &local.format("%H:%M").to_string()),
            ("note", "Moved to the afternoon as you asked."),
        ],
    )
    .await;
    assert_eq!(done.status(), 200, "{}", error_text(done).await);
    let moved = service::proposals::request_sessions(&db, i32::try_from(request).unwrap())
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.id == second.id)
        .unwrap();
    assert_eq!(moved.starts_at, new_start);
    assert_eq!(
        moved.ends_at - moved.starts_at,
        second.ends_at - second.starts_at
    );
    assert_eq!(moved.calendar_uid, second.calendar_uid);
    assert_eq!(moved.sequence, second.sequence + 1);
    let again = answer(
        app,
        &coordinator,
        &[("id", &reschedule_id), ("answer", "resolved")],
    )
    .await;
    assert_eq!(again.status(), 409);
    assert!(error_text(again).await.contains("already answered"));

    // Done: session 3 cancelled as asked. Declined: the rest of the series stays.
    let cancelled = answer(
        app,
        &coordinator,
        &[("id", &cancel_id), ("answer", "cancel")],
    )
    .await;
    assert_eq!(cancelled.status(), 200);
    let declined = answer(
        app,
        &coordinator,
        &[
            ("id", &rest_id),
            ("answer", "decline"),
            ("note", "The grant covers the last session; let us talk."),
        ],
    )
    .await;
    assert_eq!(declined.status(), 200);
    let after = service::proposals::request_sessions(&db, i32::try_from(request).unwrap())
        .await
        .unwrap();
    let status_of = |id: i32| after.iter().find(|s| s.id == id).unwrap().status.clone();
    assert_eq!(status_of(third.id), "cancelled");
    assert_eq!(status_of(fourth.id), "confirmed");
    assert!(
        queue(app, &coordinator).await["changes"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The site sees each outcome and the note.
    let seen: Value = call_with_cookie(
        app,
        "requests/detail",
        &contact,
        &[("id", &request.to_string())],
    )
    .await
    .json()
    .await
    .unwrap();
    let seen_asks = seen["asks"].as_array().unwrap();
    let ask = |what: &str| seen_asks.iter().find(|a| a["what"] == what).unwrap();
    assert_eq!(ask("Reschedule this session")["status"], "Done");
    assert_eq!(
        ask("Reschedule this session")["note"],
        "Moved to the afternoon as you asked."
    );
    assert_eq!(ask("Cancel this session")["status"], "Done");
    assert_eq!(
        ask("Cancel this and every later session")["status"],
        "Declined"
    );
    assert_eq!(
        ask("Cancel this and every later session")["note"],
        "The grant covers the last session; let us talk."
    );

    // E-mails: the updated and cancelling invites, and one answer per ask to the contact.
    let rows = service::mail::list_recent(&db, 1000).await.unwrap();
    let of = |event: &str| -> Vec<&service::entities::email_outbox::Model> {
        rows.iter().filter(|r| r.event == event).collect()
    };
    let answers = of("change_request_answered");
    assert_eq!(answers.len(), 3);
    assert!(answers.iter().all(|r| r.recipient == BUFFALO_CONTACT));
    assert!(answers.iter().any(|r| {
        r.subject.starts_with("Declined:")
            && r.body_text
                .contains("Note from the coordinator: The grant covers")
    }));
    let rescheduled = of("session_rescheduled");
    assert_eq!(rescheduled.len(), 2, "provider and site contact");
    assert!(rescheduled.iter().all(|r| {
        r.calendar_method.as_deref() == Some("REQUEST")
            && r.body_text
                .contains("Reason: The site asked for this change: Budget hearing that morning")
            && !r.body_text.contains("as you asked")
    }));
    let cancels = of("sessions_cancelled");
    assert_eq!(cancels.len(), 2);
    assert!(
        cancels
            .iter()
            .all(|r| r.calendar_method.as_deref() == Some("CANCEL"))
    );

    let audit = service::accounts::audit::list(
        &db,
        &service::accounts::audit::AuditFilter {
            action_prefix: Some("change_request.".to_owned()),
            actor_user_id: Some(2),
            ..Default::default()
        },
        10,
    )
    .await
    .unwrap();
    let mut actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    actions.sort_unstable();
    assert_eq!(
        actions,
        [
            "change_request.declined",
            "change_request.done",
            "change_request.done"
        ]
    );
}
