//! The site contact's server functions over HTTP on SQLite and PostgreSQL: the role guard, the
//! site check (another site's request is "not found"), field messages for a bad form, the live
//! summary, submission, the request list and the request page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts_support;
mod harness;

use accounts_support::*;
use harness::TestApp;
use serde_json::Value;
use service::accounts::demo::DEMO_PASSWORD;

on_both_databases!(
    intake_is_for_site_contacts_only,
    a_bad_form_gets_every_field_message_and_a_good_one_is_stored,
    another_sites_requests_are_not_found,
);

const MEMPHIS: &str = "3";
const HOUSTON: &str = "8";

async fn demo_login(app: &TestApp, email: &str) -> String {
    let response = login(app, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200, "{email}");
    session_cookie(&response).unwrap().0
}

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
    assert_eq!(row["status"], "Submitted");
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
    assert_eq!(detail["history"][0]["status"], "Submitted");
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
