//! A provider who leaves, over HTTP on SQLite and PostgreSQL, with the demo data (Leilani Kahale
//! holds two confirmed Buffalo engagements): who may call the functions; the providers list and
//! the leaving provider's engagements with suggested replacements (only providers free at those
//! times); handing an engagement over in one transaction with the three audiences' e-mails
//! (`CANCEL` to the leaving provider, `REQUEST` to the new one and the site, same UID, raised
//! SEQUENCE) and an audit entry; a conflicting replacement refused with nothing changed; a
//! provider marked as leaving is no longer ranked, and can be taken back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness, mail_support};
use accounts_support::{call_with_cookie, error_text};
use chrono::Duration;
use demo::{DEMO_ANALYSIS_TITLE, DEMO_TECHNOLOGY_TITLE};
use harness::TestApp;
use mail_support::{invites_of, parse_ics, prop};
use serde_json::Value;
use service::entities::{email_outbox, tta_session};

const DEMO_PASSWORD: &str = "demo-password-2026";
const PRIYA: i32 = 3;
const DAN: i32 = 4;
const LEILANI: i32 = 5;

async fn cookie_for(app: &TestApp, email: &str) -> String {
    let response = accounts_support::login(app, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200, "log in {email}");
    accounts_support::session_cookie(&response).unwrap().0
}

async fn engagements(app: &TestApp, cookie: &str, provider: i32) -> Value {
    let response = call_with_cookie(
        app,
        "coordinator/provider_engagements",
        cookie,
        &[("provider_id", &provider.to_string())],
    )
    .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn engagement<'a>(page: &'a Value, title: &str) -> &'a Value {
    page["engagements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == title)
        .unwrap_or_else(|| panic!("{title} in {page}"))
}

async fn reassign(
    app: &TestApp,
    cookie: &str,
    request: i64,
    from: i32,
    to: i32,
) -> reqwest::Response {
    call_with_cookie(
        app,
        "coordinator/reassign",
        cookie,
        &[
            ("request_id", &request.to_string()),
            ("from_provider", &from.to_string()),
            ("to_provider", &to.to_string()),
            ("reason", "Leilani is leaving the programme"),
        ],
    )
    .await
}

async fn sessions_of(db: &service::Database, request: i64) -> Vec<tta_session::Model> {
    service::proposals::request_sessions(db, i32::try_from(request).unwrap())
        .await
        .unwrap()
}

async fn outbox(db: &service::Database, event: &str) -> Vec<email_outbox::Model> {
    let mut rows: Vec<_> = service::mail::list_recent(db, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.event == event)
        .collect();
    rows.sort_by_key(|row| row.id);
    rows
}

on_both_databases!(
    only_coordinators_and_admins_reach_the_handover_functions,
    an_engagement_is_handed_over_with_invites_for_everyone,
    a_replacement_who_is_busy_is_refused_and_nothing_changes,
    a_provider_marked_as_leaving_is_no_longer_ranked,
);

async fn only_coordinators_and_admins_reach_the_handover_functions(app: &TestApp) {
    app.seed_demo().await;
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("coordinator/providers", vec![]),
        (
            "coordinator/provider_engagements",
            vec![("provider_id", "5")],
        ),
        (
            "coordinator/reassign",
            vec![
                ("request_id", "1"),
                ("from_provider", "5"),
                ("to_provider", "3"),
            ],
        ),
        (
            "coordinator/provider_departure",
            vec![("provider_id", "5"), ("departed", "true")],
        ),
        (
            "coordinator/answer_change",
            vec![("id", "1"), ("answer", "resolved")],
        ),
    ];
    let contact = cookie_for(app, "contact.buffalo@tta.example.gov").await;
    let provider = cookie_for(app, "provider.honolulu@tta.example.gov").await;
    for (endpoint, form) in &calls {
        for (who, cookie, status) in [
            ("anonymous", "", 401),
            ("site contact", contact.as_str(), 403),
            ("provider", provider.as_str(), 403),
        ] {
            let response = call_with_cookie(app, endpoint, cookie, form).await;
            assert_eq!(response.status(), status, "{who} calling {endpoint}");
        }
    }
    let db = server::startup::open_database(&app.config).await.unwrap();
    let leilani_sessions = service::sessions::provider_sessions(
        &db,
        LEILANI,
        chrono::Utc::now(),
        chrono::Utc::now() + Duration::days(365),
    )
    .await
    .unwrap();
    assert_eq!(leilani_sessions.len(), 8, "nothing was handed over");
    for cookie in [
        cookie_for(app, "coordinator@tta.example.gov").await,
        cookie_for(app, "admin@tta.example.gov").await,
    ] {
        let list = call_with_cookie(app, "coordinator/providers", &cookie, &[]).await;
        assert_eq!(list.status(), 200);
        let missing = call_with_cookie(
            app,
            "coordinator/provider_engagements",
            &cookie,
            &[("provider_id", "999")],
        )
        .await;
        assert_eq!(missing.status(), 404);
    }
}

async fn an_engagement_is_handed_over_with_invites_for_everyone(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let providers: Value = call_with_cookie(app, "coordinator/providers", &coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    let leilani = providers
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == LEILANI)
        .unwrap();
    assert_eq!(leilani["confirmed_sessions"], 8);
    assert_eq!(leilani["engagements"], 2);

    let page = engagements(app, &coordinator, LEILANI).await;
    // Only Leilani covers technology: nobody to suggest, and why each one is not.
    let technology = engagement(&page, DEMO_TECHNOLOGY_TITLE);
    assert_eq!(technology["confirmed"], true);
    assert!(technology["candidates"].as_array().unwrap().is_empty());
    assert!(
        technology["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["provider_id"] != LEILANI)
    );
    // Priya covers crime analysis and is free at those times: suggested, with her score's parts.
    let analysis = engagement(&page, DEMO_ANALYSIS_TITLE);
    assert_eq!(analysis["sessions"].as_array().unwrap().len(), 4);
    let suggested = analysis["candidates"].as_array().unwrap();
    assert_eq!(suggested.len(), 1, "{analysis}");
    assert_eq!(suggested[0]["provider_id"], PRIYA);
    assert_eq!(suggested[0]["parts"].as_array().unwrap().len(), 5);
    let request = analysis["request_id"].as_i64().unwrap();

    let db = server::startup::open_database(&app.config).await.unwrap();
    let before = sessions_of(&db, request).await;
    let same = reassign(app, &coordinator, request, LEILANI, LEILANI).await;
    assert_eq!(same.status(), 400);
    let handed = reassign(app, &coordinator, request, LEILANI, PRIYA).await;
    assert_eq!(handed.status(), 200, "{}", error_text(handed).await);

    let after = sessions_of(&db, request).await;
    assert_eq!(after.len(), 4);
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(new.provider_id, PRIYA);
        assert_eq!(new.status, "confirmed");
        assert_eq!(new.starts_at, old.starts_at, "the site keeps its times");
        assert_eq!(
            new.calendar_uid, old.calendar_uid,
            "the same calendar event"
        );
        assert_eq!(new.sequence, old.sequence + 1);
    }
    // Nothing left to hand over: a second attempt is a conflict.
    let again = reassign(app, &coordinator, request, LEILANI, PRIYA).await;
    assert_eq!(again.status(), 409);
    assert!(
        error_text(again)
            .await
            .contains("no future confirmed session")
    );

    // One message per audience for the whole handover, each session's invite its own
    // attachment with exactly one event of that session.
    let released = outbox(&db, "session_released").await;
    let assigned = outbox(&db, "session_assigned").await;
    let changed = outbox(&db, "provider_changed").await;
    assert_eq!(released.len(), 1);
    assert_eq!(assigned.len(), 1);
    assert_eq!(changed.len(), 1);
    assert_eq!(released[0].recipient, "provider.honolulu@tta.example.gov");
    assert_eq!(assigned[0].recipient, "provider.phoenix@tta.example.gov");
    assert_eq!(changed[0].recipient, "contact.buffalo@tta.example.gov");
    for (rows, method) in [
        (&released, "CANCEL"),
        (&assigned, "REQUEST"),
        (&changed, "REQUEST"),
    ] {
        let row = &rows[0];
        assert_eq!(row.calendar_method.as_deref(), Some(method));
        let invites = invites_of(&db, row.id).await;
        assert_eq!(
            invites.len(),
            after.len(),
            "an invite per session handed over"
        );
        for ((param, filename, ics), session) in invites.iter().zip(&after) {
            assert_eq!(param, method);
            assert_eq!(filename, &format!("session-{}.ics", session.occurrence));
            let (ics_method, events) = parse_ics(ics);
            assert_eq!(ics_method, method);
            assert_eq!(events.len(), 1);
            assert_eq!(prop(&events[0], "UID"), session.calendar_uid);
            assert_eq!(prop(&events[0], "SEQUENCE"), session.sequence.to_string());
            let attendees: Vec<&str> = events[0]["ATTENDEE"]
                .iter()
                .map(|(_, v)| v.as_str())
                .collect();
            if method == "CANCEL" {
                assert_eq!(attendees, ["mailto:provider.honolulu@tta.example.gov"]);
            } else {
                assert!(attendees.contains(&"mailto:provider.phoenix@tta.example.gov"));
                assert!(attendees.contains(&"mailto:contact.buffalo@tta.example.gov"));
                assert!(!attendees.contains(&"mailto:provider.honolulu@tta.example.gov"));
            }
        }
    }
    assert!(
        changed[0]
            .body_text
            .contains("Priya Patel leads them instead of Leilani Kahale")
    );
    assert!(
        released[0]
            .body_text
            .contains("Reason: Leilani is leaving the programme")
    );

    let audit = service::accounts::audit::list(
        &db,
        &service::accounts::audit::AuditFilter {
            action_prefix: Some("sessions.reassigned".to_owned()),
            actor_user_id: None,
            ..Default::default()
        },
        10,
    )
    .await
    .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(
        audit[0].subject_id.as_deref(),
        Some(request.to_string().as_str())
    );

    // Leilani keeps only the technology engagement; Priya's counts grew.
    let page = engagements(app, &coordinator, LEILANI).await;
    assert_eq!(page["engagements"].as_array().unwrap().len(), 1);
    let priya = engagements(app, &coordinator, PRIYA).await;
    assert!(
        priya["engagements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["title"] == DEMO_ANALYSIS_TITLE)
    );
}

async fn a_replacement_who_is_busy_is_refused_and_nothing_changes(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let page = engagements(app, &coordinator, LEILANI).await;
    let technology = engagement(&page, DEMO_TECHNOLOGY_TITLE);
    let request = technology["request_id"].as_i64().unwrap();
    let db = server::startup::open_database(&app.config).await.unwrap();
    let before = sessions_of(&db, request).await;

    // Dan is booked (another request) over the third session: the handover is refused whole.
    let third = &before[2];
    let houston = service::requests::site_requests(&db, 8).await.unwrap()[0].id;
    let blocking = service::sessions::book_series(
        &db,
        &[service::sessions::NewSession {
            request_id: houston,
            provider_id: DAN,
            proposal_id: None,
            occurrence: 1,
            starts_at: third.starts_at + Duration::minutes(30),
            ends_at: third.ends_at + Duration::minutes(30),
            buffer_before: Duration::minutes(15),
            buffer_after: Duration::minutes(15),
            anchor_zone: service::zone::TimeZone::parse("America/Chicago").unwrap(),
            location: String::new(),
            virtual_link: String::new(),
            status: service::status::SessionStatus::Confirmed,
        }],
    )
    .await
    .unwrap()
    .remove(0);
    let refused = reassign(app, &coordinator, request, LEILANI, DAN).await;
    assert_eq!(refused.status(), 409);
    let text = error_text(refused).await;
    assert!(
        text.contains(&format!("cannot take session {}", third.occurrence))
            && text.contains(&format!("session #{} of request #{houston}", blocking.id))
            && text.contains("Nothing was reassigned"),
        "{text}"
    );
    let after = sessions_of(&db, request).await;
    assert_eq!(before, after, "all or nothing: no session moved");
    for event in ["session_released", "session_assigned", "provider_changed"] {
        assert!(outbox(&db, event).await.is_empty(), "{event}");
    }
    // The engine never suggested Dan: he does not cover technology.
    assert!(
        technology["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["provider_id"] == DAN)
    );
    // A provider who is not one (the coordinator) is refused before anything is checked.
    let not_provider = reassign(app, &coordinator, request, LEILANI, 2).await;
    assert_eq!(not_provider.status(), 400);
}

async fn a_provider_marked_as_leaving_is_no_longer_ranked(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = cookie_for(app, "coordinator@tta.example.gov").await;
    let depart = |value: &'static str| {
        let coordinator = coordinator.clone();
        async move {
            call_with_cookie(
                app,
                "coordinator/provider_departure",
                &coordinator,
                &[("provider_id", &PRIYA.to_string()), ("departed", value)],
            )
            .await
        }
    };
    assert_eq!(depart("maybe").await.status(), 400);
    assert_eq!(depart("true").await.status(), 200);
    let providers: Value = call_with_cookie(app, "coordinator/providers", &coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    let priya = providers
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == PRIYA)
        .unwrap();
    assert!(!priya["departed"].as_str().unwrap().is_empty());

    // Not suggested, not even listed as excluded: she is not ranked at all.
    let page = engagements(app, &coordinator, LEILANI).await;
    let analysis = engagement(&page, DEMO_ANALYSIS_TITLE);
    assert!(analysis["candidates"].as_array().unwrap().is_empty());
    assert!(
        analysis["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["provider_id"] != PRIYA)
    );
    let request = analysis["request_id"].as_i64().unwrap();
    let refused = reassign(app, &coordinator, request, LEILANI, PRIYA).await;
    assert_eq!(refused.status(), 400);
    assert!(
        error_text(refused)
            .await
            .contains("has not left the programme")
    );

    assert_eq!(depart("false").await.status(), 200);
    let page = engagements(app, &coordinator, LEILANI).await;
    let analysis = engagement(&page, DEMO_ANALYSIS_TITLE);
    assert_eq!(analysis["candidates"][0]["provider_id"], PRIYA);
    let db = server::startup::open_database(&app.config).await.unwrap();
    let audit = service::accounts::audit::list(
        &db,
        &service::accounts::audit::AuditFilter {
            action_prefix: Some("provider.".to_owned()),
            actor_user_id: None,
            ..Default::default()
        },
        10,
    )
    .await
    .unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["provider.returned", "provider.departed"]);
}
