//! The site contact's server functions over HTTP on SQLite and PostgreSQL: the role guard, the
//! site check (another site's request is "not found"), field messages for a bad form, the live
//! summary, submission, the request list and the request page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(
    intake_is_for_site_contacts_only,
    a_bad_form_gets_every_field_message_and_a_good_one_is_stored,
    another_sites_requests_are_not_found,
    asks_and_feedback_on_sessions,
);

const MEMPHIS: &str = "3";
const HOUSTON: &str = "8";

fn good_form(site: &str) -> Vec<(&'static str, String)> {
    let year = chrono::Utc::now().date_naive() + chrono::Duration::days(60);
    let (from, until) = (
        year.format("%Y-%m-%d").to_string(),
        (year + chrono::Duration::days(100))
            .format("%Y-%m-%d")
            .to_string(),
    );
    vec![
        ("site_id", site.to_owned()),
        ("form[title]", "Gun violence coaching".to_owned()),
        ("form[topic_ids][]", "4".to_owned()),
        ("form[topic_ids][]", "3".to_owned()),
        ("form[engagement_type]", "operations".to_owned()),
        ("form[modality]", "virtual".to_owned()),
        ("form[session_count]", "6".to_owned()),
        ("form[cadence]", "biweekly".to_owned()),
        ("form[session_minutes]", "90".to_owned()),
        ("form[earliest_date]", from),
        ("form[latest_date]", until),
        ("form[preferred_weekdays][]", "tue".to_owned()),
        ("form[preferred_weekdays][]", "wed".to_owned()),
        ("form[preferred_weekdays][]", "thu".to_owned()),
        ("form[preferred_start]", "09:00".to_owned()),
        ("form[preferred_end]", "12:00".to_owned()),
        ("form[expected_attendees]", "12".to_owned()),
        ("form[minimum_level]", "2".to_owned()),
    ]
}

async fn call(
    app: &TestApp,
    endpoint: &str,
    cookie: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call_with_cookie(app, endpoint, cookie, &pairs).await
}

async fn intake_is_for_site_contacts_only(app: &TestApp) {
    app.seed_demo().await;
    let anonymous = app.call_server_fn("requests/choices", &[]).await;
    assert_eq!(anonymous.status(), 401);
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;
    for endpoint in ["requests/choices", "requests/mine"] {
        let refused = call_with_cookie(app, endpoint, &provider, &[]).await;
        assert_eq!(refused.status(), 403, "{endpoint}");
    }
    let refused = call(app, "requests/submit", &provider, &good_form(MEMPHIS)).await;
    assert_eq!(refused.status(), 403);

    let contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    let choices = call_with_cookie(app, "requests/choices", &contact, &[]).await;
    assert_eq!(choices.status(), 200);
    let choices: Value = choices.json().await.unwrap();
    assert_eq!(choices["sites"].as_array().unwrap().len(), 1);
    assert_eq!(choices["sites"][0]["name"], "Memphis, TN");
    assert_eq!(
        choices["sites"][0]["zone_label"],
        "Central (America/Chicago)"
    );
    assert_eq!(choices["topics"].as_array().unwrap().len(), 8);
}

async fn a_bad_form_gets_every_field_message_and_a_good_one_is_stored(app: &TestApp) {
    app.seed_demo().await;
    let contact = demo_login(app, "contact.memphis@tta.example.gov").await;

    // The live summary: nothing while invalid, the sentence once valid.
    let incomplete = call(
        app,
        "requests/describe",
        &contact,
        &[
            ("site_id", MEMPHIS.to_owned()),
            ("form[title]", "x".to_owned()),
        ],
    )
    .await;
    assert_eq!(incomplete.status(), 200);
    assert!(incomplete.json::<Value>().await.unwrap().is_null());
    let sentence = call(app, "requests/describe", &contact, &good_form(MEMPHIS)).await;
    assert_eq!(sentence.status(), 200);
    let sentence: Value = sentence.json().await.unwrap();
    let sentence = sentence.as_str().unwrap();
    assert!(
        sentence.starts_with("6 biweekly 90-minute virtual sessions between"),
        "{sentence}"
    );
    assert!(
        sentence.ends_with("Tue–Thu 09:00–12:00 Central"),
        "{sentence}"
    );

    // Every mistake at once, each with its field.
    let mut bad = good_form(MEMPHIS);
    bad.retain(|(k, _)| *k != "form[topic_ids][]");
    for (key, value) in &mut bad {
        match *key {
            "form[title]" => *value = "x".to_owned(),
            "form[preferred_end]" => *value = "08:00".to_owned(),
            _ => {}
        }
    }
    let refused = call(app, "requests/submit", &contact, &bad).await;
    assert_eq!(refused.status(), 400);
    let message = error_text(refused).await;
    assert!(
        message.contains("title: Enter a title of at least 3 characters."),
        "{message}"
    );
    assert!(
        message.contains("topic_ids: Choose at least one topic."),
        "{message}"
    );
    assert!(
        message.contains("preferred_end: The end time must be after the start time."),
        "{message}"
    );
    let db = raw_db(app).await;
    let before = count(&db, "SELECT COUNT(*) FROM tta_request").await;

    let stored = call(app, "requests/submit", &contact, &good_form(MEMPHIS)).await;
    assert_eq!(stored.status(), 200);
    let id: i64 = stored.json::<Value>().await.unwrap().as_i64().unwrap();
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM tta_request").await,
        before + 1
    );

    let mine: Value = call_with_cookie(app, "requests/mine", &contact, &[])
        .await
        .json()
        .await
        .unwrap();
    let row = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].as_i64() == Some(id))
        .expect("the new request is listed");
    assert_eq!(row["status"], "submitted");
    assert_eq!(row["site"], "Memphis");
    assert!(
        row["submitted"].as_str().unwrap().ends_with("CST")
            || row["submitted"].as_str().unwrap().ends_with("CDT")
    );

    let detail =
        call_with_cookie(app, "requests/detail", &contact, &[("id", &id.to_string())]).await;
    assert_eq!(detail.status(), 200);
    let detail: Value = detail.json().await.unwrap();
    assert_eq!(detail["summary"].as_str().unwrap(), sentence);
    assert_eq!(
        detail["topics"],
        serde_json::json!(["Crime analysis", "Gun violence"])
    );
    assert_eq!(detail["history"][0]["status"], "submitted");
}

async fn another_sites_requests_are_not_found(app: &TestApp) {
    app.seed_demo().await;
    let contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    // Submitting for Houston: not one of the contact's sites.
    let refused = call(app, "requests/submit", &contact, &good_form(HOUSTON)).await;
    assert_eq!(refused.status(), 404);
    let refused = call(app, "requests/describe", &contact, &good_form(HOUSTON)).await;
    assert_eq!(refused.status(), 404);
    // Houston's demo request exists but is hidden from Memphis.
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    let theirs: Value = call_with_cookie(app, "requests/mine", &houston, &[])
        .await
        .json()
        .await
        .unwrap();
    let id = theirs[0]["id"].as_i64().unwrap().to_string();
    let ok = call_with_cookie(app, "requests/detail", &houston, &[("id", &id)]).await;
    assert_eq!(ok.status(), 200);
    // The demo's delivered engagement: two completed sessions Houston can rate.
    let delivered = theirs
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == demo::DEMO_DELIVERED_TITLE)
        .expect("the delivered demo engagement is Houston's");
    let delivered: Value = call_with_cookie(
        app,
        "requests/detail",
        &houston,
        &[("id", &delivered["id"].to_string())],
    )
    .await
    .json()
    .await
    .unwrap();
    for session in delivered["sessions"].as_array().unwrap() {
        assert_eq!(session["status"], "completed");
        assert_eq!(session["can_rate"], true);
    }
    assert_eq!(delivered["sessions"].as_array().unwrap().len(), 2);
    let hidden = call_with_cookie(app, "requests/detail", &contact, &[("id", &id)]).await;
    assert_eq!(hidden.status(), 404);
    assert!(error_text(hidden).await.contains("was not found"));
    let mine: Value = call_with_cookie(app, "requests/mine", &contact, &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(
        mine.as_array()
            .unwrap()
            .iter()
            .all(|r| r["site"] == "Memphis")
    );
}

/// A Memphis request with one session last week and one next month, confirmed for Priya Patel;
/// returns (request id, past session id, future session id).
async fn confirmed_sessions(app: &TestApp) -> (i32, i32, i32) {
    use chrono::{Duration, DurationRound, Utc};
    use service::proposals::{
        ProposedOccurrence, accept_proposal, approve_proposal, book_proposal,
    };
    let db = server::startup::open_database(&app.config).await.unwrap();
    let raw = raw_db(app).await;
    let priya = i32::try_from(
        count(
            &raw,
            "SELECT CAST(id AS BIGINT) FROM app_user WHERE email = 'provider.phoenix@tta.example.gov'",
        )
        .await,
    )
    .unwrap();
    let coordinator = i32::try_from(
        count(
            &raw,
            "SELECT CAST(id AS BIGINT) FROM app_user WHERE email = 'coordinator@tta.example.gov'",
        )
        .await,
    )
    .unwrap();
    let form = service::intake::IntakeForm {
        title: "Case review coaching".into(),
        topic_ids: vec!["4".into()],
        engagement_type: "operations".into(),
        modality: "virtual".into(),
        session_count: "2".into(),
        cadence: "monthly".into(),
        session_minutes: "60".into(),
        earliest_date: "2030-01-01".into(),
        latest_date: "2030-06-01".into(),
        preferred_weekdays: vec!["tue".into()],
        preferred_start: "09:00".into(),
        preferred_end: "12:00".into(),
        ..Default::default()
    };
    let draft = service::intake::RequestDraft::parse(&form, Utc::now().date_naive()).unwrap();
    let request = service::requests::store_request(
        &db,
        3,
        None,
        &draft,
        &service::notify::NotifySettings::default(),
    )
    .await
    .unwrap();
    let hour = Utc::now().duration_trunc(Duration::hours(1)).unwrap();
    let occurrences: Vec<_> = [hour - Duration::days(7), hour + Duration::days(30)]
        .into_iter()
        .enumerate()
        .map(|(i, start)| ProposedOccurrence {
            occurrence: i32::try_from(i + 1).unwrap(),
            starts_at: start,
            ends_at: start + Duration::minutes(60),
        })
        .collect();
    let proposal = book_proposal(
        &db,
        request,
        priya,
        &occurrences,
        0.9,
        "{}".into(),
        None,
        &service::notify::NotifySettings::default(),
    )
    .await
    .unwrap();
    accept_proposal(
        &db,
        &harness::fixtures::actor_of(&db, priya).await,
        proposal,
    )
    .await
    .unwrap();
    approve_proposal(
        &db,
        &harness::fixtures::actor_of(&db, coordinator).await,
        proposal,
        &service::notify::NotifySettings::default(),
    )
    .await
    .unwrap();
    let sessions = service::proposals::request_sessions(&db, request)
        .await
        .unwrap();
    (request, sessions[0].id, sessions[1].id)
}

async fn asks_and_feedback_on_sessions(app: &TestApp) {
    app.seed_demo().await;
    let (request, past, future) = confirmed_sessions(app).await;
    let (past, future) = (past.to_string(), future.to_string());
    let contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    let priya = demo_login(app, "provider.phoenix@tta.example.gov").await;

    let detail: Value = call_with_cookie(
        app,
        "requests/detail",
        &contact,
        &[("id", &request.to_string())],
    )
    .await
    .json()
    .await
    .unwrap();
    let sessions = detail["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0]["can_rate"], true);
    assert_eq!(sessions[0]["can_change"], false);
    assert_eq!(sessions[1]["can_rate"], false);
    assert_eq!(sessions[1]["can_change"], true);

    let ask = [
        ("session_id", future.as_str()),
        ("kind", "reschedule"),
        ("reason", "Court week"),
        ("wanted", ""),
    ];
    assert_eq!(
        call_with_cookie(app, "sessions/ask-change", &priya, &ask)
            .await
            .status(),
        403
    );
    assert_eq!(
        call_with_cookie(app, "sessions/ask-change", &houston, &ask)
            .await
            .status(),
        404
    );
    let refused = call_with_cookie(app, "sessions/ask-change", &contact, &ask).await;
    assert_eq!(refused.status(), 400);
    assert!(error_text(refused).await.contains("when would suit you"));
    let ask = [
        ("session_id", future.as_str()),
        ("kind", "cancel_rest"),
        ("reason", "Grant ended"),
    ];
    assert_eq!(
        call_with_cookie(app, "sessions/ask-change", &contact, &ask)
            .await
            .status(),
        200
    );
    assert_eq!(
        call_with_cookie(app, "sessions/ask-change", &contact, &ask)
            .await
            .status(),
        409
    );
    let late = [
        ("session_id", past.as_str()),
        ("kind", "cancel_one"),
        ("reason", "Too late"),
    ];
    assert_eq!(
        call_with_cookie(app, "sessions/ask-change", &contact, &late)
            .await
            .status(),
        409
    );

    let rate = [
        ("session_id", past.as_str()),
        ("usefulness", "4"),
        ("comments", "Good"),
    ];
    assert_eq!(
        call_with_cookie(app, "sessions/feedback", &houston, &rate)
            .await
            .status(),
        404
    );
    let none = call_with_cookie(
        app,
        "sessions/feedback",
        &contact,
        &[("session_id", past.as_str())],
    )
    .await;
    assert_eq!(none.status(), 400);
    assert!(error_text(none).await.contains("from 1 to 5"));
    let early = [("session_id", future.as_str()), ("usefulness", "4")];
    assert_eq!(
        call_with_cookie(app, "sessions/feedback", &contact, &early)
            .await
            .status(),
        409
    );
    assert_eq!(
        call_with_cookie(app, "sessions/feedback", &contact, &rate)
            .await
            .status(),
        200
    );
    assert_eq!(
        call_with_cookie(app, "sessions/feedback", &contact, &rate)
            .await
            .status(),
        409
    );

    let detail: Value = call_with_cookie(
        app,
        "requests/detail",
        &contact,
        &[("id", &request.to_string())],
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(detail["sessions"][0]["can_rate"], false);
    assert_eq!(
        detail["sessions"][0]["your_feedback"],
        "You rated it 4 of 5: “Good”"
    );
    assert_eq!(detail["sessions"][1]["your_feedback"], Value::Null);
    assert_eq!(
        detail["asks"][0]["what"],
        "Cancel this and every later session"
    );
    assert_eq!(detail["asks"][0]["status"], "Waiting for the coordinator");
    // Sessions and asks carry the series number as stored (1-based), and each start as UTC.
    assert_eq!(detail["sessions"][1]["occurrence"], 2);
    assert_eq!(detail["asks"][0]["session"], 2);
    let starts = detail["sessions"][1]["starts_utc"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(starts).is_ok() && starts.ends_with('Z'),
        "{starts}"
    );

    // The coordinator reads the ask on the request's page, with who asked and why.
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let page: Value = call_with_cookie(
        app,
        "coordinator/request",
        &coordinator,
        &[("id", &request.to_string())],
    )
    .await
    .json()
    .await
    .unwrap();
    let ask = &page["change_requests"][0];
    assert_eq!(ask["session"], 2);
    assert_eq!(ask["what"], "Cancel this and every later session");
    assert_eq!(ask["reason"], "Grant ended");
    assert_eq!(ask["status"], "open");
    assert_eq!(ask["asked_by"], "Morgan Memphis");
    assert_eq!(page["sessions"][1]["starts_utc"], starts);
}
