//! Post-event evaluations (issue 17) through the real server functions, on SQLite and
//! PostgreSQL: after the event each attendee is e-mailed an evaluation link once; an attendee
//! answers once (a required question left empty is a 400 naming it, a second answer a 409,
//! ten at once store one), a registrant not recorded present is refused; results aggregate
//! (mean and distribution per rating, counts per choice, free text) per event and topic;
//! anonymous responses keep no link to the registration; the host site's contacts and the
//! provider give feedback once, and other roles and people are refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use service::entities::group_event;

on_both_databases!(
    attendees_are_asked_once_answer_once_and_results_aggregate,
    anonymous_responses_keep_no_link_to_the_registration,
    ten_submissions_at_once_store_one,
    requester_and_consultant_feedback_and_who_may_see_results,
);

const MEMPHIS: &str = "3";

fn memphis_clock(minutes: i64) -> (String, String) {
    let zone = scheduling::Zone::parse("America/Chicago").unwrap();
    let local = zone.local(chrono::Utc::now() + chrono::Duration::minutes(minutes));
    (
        local.format("%Y-%m-%d").to_string(),
        local.format("%H:%M").to_string(),
    )
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let db = raw_db(app).await;
    count(
        &db,
        &format!("SELECT CAST(id AS BIGINT) FROM app_user WHERE email = '{email}'"),
    )
    .await
}

/// A webinar hosted by Memphis two days from now; returns its id and shared-link token.
async fn create_event(app: &TestApp, cookie: &str, provider: Option<i64>) -> (i64, String) {
    let (date, time) = memphis_clock(2 * 24 * 60);
    let (deadline_date, deadline_time) = memphis_clock(24 * 60);
    let form = [
        ("form[kind]", "webinar".to_owned()),
        ("form[title]", "Evidence-based policing".to_owned()),
        ("form[description]", "From research to the beat.".to_owned()),
        ("form[host_site_id]", MEMPHIS.to_owned()),
        ("form[audience]", "site".to_owned()),
        (
            "form[provider_id]",
            provider.map(|p| p.to_string()).unwrap_or_default(),
        ),
        ("form[date]", date),
        ("form[start_time]", time),
        ("form[minutes]", "60".to_owned()),
        (
            "form[virtual_link]",
            "https://meet.example.gov/ebp".to_owned(),
        ),
        ("form[capacity]", "10".to_owned()),
        ("form[deadline_date]", deadline_date),
        ("form[deadline_time]", deadline_time),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = call_with_cookie(app, "events/create", cookie, &pairs).await;
    assert_eq!(created.status(), 200, "{:?}", created.text().await);
    let id = created.json::<Value>().await.unwrap().as_i64().unwrap();
    let page: Value = call_with_cookie(app, "events/page", cookie, &[("id", &id.to_string())])
        .await
        .json()
        .await
        .unwrap();
    let token = page["share_path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/events/join/")
        .to_owned();
    (id, token)
}

/// Registers a person; returns their personal token and registration id.
async fn register(app: &TestApp, token: &str, name: &str, email: &str) -> (String, i64) {
    let response = app
        .call_server_fn(
            "events/register",
            &[
                ("token", token),
                ("form[name]", name),
                ("form[email]", email),
                ("form[agency]", "Memphis Police Department"),
                ("form[job_role]", "Sergeant"),
                ("form[accessibility_needs]", ""),
                ("form[time_zone]", "America/Chicago"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    let outcome: Value = response.json().await.unwrap();
    let personal = outcome["personal_path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/events/registration/")
        .to_owned();
    let db = raw_db(app).await;
    let id = count(
        &db,
        &format!("SELECT CAST(id AS BIGINT) FROM event_registration WHERE email = '{email}'"),
    )
    .await;
    (personal, id)
}

async fn mark_present(app: &TestApp, cookie: &str, event: i64, registration: i64) {
    let saved = call_with_cookie(
        app,
        "events/attendance",
        cookie,
        &[
            ("id", &event.to_string()),
            ("registration", &registration.to_string()),
            ("attendance", "present"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
}

/// Moves the event into the past: it ended an hour ago.
async fn end_event(app: &TestApp, event: i64) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    let now = chrono::Utc::now();
    group_event::Entity::update_many()
        .col_expr(
            group_event::Column::StartsAt,
            Expr::value(now - chrono::Duration::hours(2)),
        )
        .col_expr(
            group_event::Column::EndsAt,
            Expr::value(now - chrono::Duration::hours(1)),
        )
        .col_expr(
            group_event::Column::RegistrationDeadline,
            Expr::value(now - chrono::Duration::hours(3)),
        )
        .filter(group_event::Column::Id.eq(i32::try_from(event).unwrap()))
        .exec(db.conn())
        .await
        .unwrap();
}

fn reminder_settings() -> service::mail::ReminderSettings {
    service::mail::ReminderSettings {
        lead: std::time::Duration::from_secs(86_400),
        feedback_window: std::time::Duration::from_secs(7 * 86_400),
        contact: service::mail::messages::Contact {
            name: "Casey".into(),
            email: "casey@example.org".into(),
        },
        organizer: service::mail::messages::Contact {
            name: "TTA".into(),
            email: "tta@example.org".into(),
        },
        app_url: "https://tta.example.gov".into(),
    }
}

/// The mail worker's time-driven pass, run now.
async fn run_time_driven_mail(app: &TestApp) {
    let db = server::startup::open_database(&app.config).await.unwrap();
    service::mail::reminders::enqueue_due(&db, chrono::Utc::now(), &reminder_settings())
        .await
        .unwrap();
}

async fn outbox_count(app: &TestApp, event: &str, recipient: &str) -> i64 {
    let db = raw_db(app).await;
    count(
        &db,
        &format!(
            "SELECT COUNT(*) FROM email_outbox WHERE event = '{event}' AND recipient = '{recipient}'"
        ),
    )
    .await
}

/// The evaluation link's token in the attendee's e-mail.
async fn evaluation_token_in_mail(app: &TestApp, recipient: &str) -> String {
    let db = raw_db(app).await;
    let body = outbox_bodies(&db, recipient)
        .await
        .into_iter()
        .find(|b| b.contains("/events/evaluation/"))
        .expect("the evaluation e-mail");
    let start = body.find("/events/evaluation/").unwrap() + "/events/evaluation/".len();
    body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

async fn form(app: &TestApp, token: &str) -> Value {
    let response = app
        .call_server_fn("evaluations/form", &[("token", token)])
        .await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    response.json().await.unwrap()
}

/// The question ids of a form, in order.
fn question_ids(form: &Value) -> Vec<String> {
    form["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].to_string())
        .collect()
}

/// Answers the default attendee form: three ratings, a choice and a text.
fn answers(ids: &[String], ratings: [&str; 3], choice: &str, text: &str) -> Vec<(String, String)> {
    let values = [ratings[0], ratings[1], ratings[2], choice, text];
    let mut pairs = Vec::new();
    for (i, (id, value)) in ids.iter().zip(values).enumerate() {
        pairs.push((format!("form[answers][{i}][question_id]"), id.clone()));
        pairs.push((format!("form[answers][{i}][value]"), value.to_owned()));
    }
    pairs
}

async fn submit(
    client: &reqwest::Client,
    address: &str,
    token: &str,
    pairs: &[(String, String)],
) -> reqwest::Response {
    let mut form: Vec<(&str, &str)> = vec![("token", token)];
    form.extend(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    client
        .post(format!("{address}/api/evaluations/submit"))
        .header("Accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap()
}

async fn event_section(app: &TestApp, cookie: &str, event: i64) -> reqwest::Response {
    call_with_cookie(
        app,
        "evaluations/event",
        cookie,
        &[("id", &event.to_string())],
    )
    .await
}

async fn attendees_are_asked_once_answer_once_and_results_aggregate(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, None).await;
    let (ana_link, ana) = register(app, &token, "Ana Ruiz", "ana@mpd.example.gov").await;
    let (ben_link, ben) = register(app, &token, "Ben Ode", "ben@mpd.example.gov").await;
    let (cy_link, _cy) = register(app, &token, "Cy Park", "cy@mpd.example.gov").await;
    mark_present(app, &coordinator, id, ana).await;
    mark_present(app, &coordinator, id, ben).await;

    // Before the end: nothing is asked and the form says when it opens.
    run_time_driven_mail(app).await;
    assert_eq!(
        outbox_count(app, "event_evaluation", "ana@mpd.example.gov").await,
        0
    );
    let early = form(app, &ana_link).await;
    assert!(
        early["closed_reason"]
            .as_str()
            .unwrap()
            .contains("opens when the event ends")
    );

    end_event(app, id).await;
    run_time_driven_mail(app).await;
    run_time_driven_mail(app).await;
    assert_eq!(
        outbox_count(app, "event_evaluation", "ana@mpd.example.gov").await,
        1
    );
    assert_eq!(
        outbox_count(app, "event_evaluation", "ben@mpd.example.gov").await,
        1
    );
    assert_eq!(
        outbox_count(app, "event_evaluation", "cy@mpd.example.gov").await,
        0
    );

    // Ana answers from the e-mailed link; the form shows the burden statement.
    let emailed = evaluation_token_in_mail(app, "ana@mpd.example.gov").await;
    assert_eq!(emailed.len(), 64);
    let shown = form(app, &emailed).await;
    assert_eq!(shown["closed_reason"], Value::Null);
    assert!(
        shown["burden_statement"]
            .as_str()
            .unwrap()
            .contains("burden")
    );
    assert_eq!(shown["omb_number"], Value::Null, "shown only when set");
    let ids = question_ids(&shown);
    assert_eq!(ids.len(), 5);

    // A required question left empty: 400 naming it.
    let mut missing = answers(&ids, ["5", "4", "4"], "Very likely", "More case studies");
    missing.retain(|(k, _)| k != "form[answers][0][value]");
    let refused = submit(&app.client, &app.address, &emailed, &missing).await;
    assert_eq!(refused.status(), 400);
    let text = error_text(refused).await;
    assert!(
        text.contains("Overall, how would you rate this event?")
            && text.contains("needs an answer"),
        "{text}"
    );

    let sent = submit(
        &app.client,
        &app.address,
        &emailed,
        &answers(&ids, ["5", "4", "4"], "Very likely", "More case studies"),
    )
    .await;
    assert_eq!(sent.status(), 200, "{:?}", sent.text().await);
    // Ben answers from his personal link.
    let sent = submit(
        &app.client,
        &app.address,
        &ben_link,
        &answers(&ids, ["4", "2", "5"], "Somewhat likely", ""),
    )
    .await;
    assert_eq!(sent.status(), 200, "{:?}", sent.text().await);

    // A second answer is refused politely; so is a registrant not recorded present.
    let again = submit(
        &app.client,
        &app.address,
        &ana_link,
        &answers(&ids, ["1", "1", "1"], "Not likely", ""),
    )
    .await;
    assert_eq!(again.status(), 409);
    assert!(error_text(again).await.contains("already received"));
    let absent = submit(
        &app.client,
        &app.address,
        &cy_link,
        &answers(&ids, ["1", "1", "1"], "Not likely", ""),
    )
    .await;
    assert_eq!(absent.status(), 403);
    assert!(error_text(absent).await.contains("recorded as attending"));

    // Ben's page thanks him; Cy's offers nothing.
    let mine: Value = app
        .call_server_fn("events/mine", &[("token", &ben_link)])
        .await
        .json()
        .await
        .unwrap();
    assert!(
        mine["evaluation_note"]
            .as_str()
            .unwrap()
            .contains("received")
    );
    assert_eq!(mine["evaluation_path"], Value::Null);
    let mine: Value = app
        .call_server_fn("events/mine", &[("token", &cy_link)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["evaluation_path"], Value::Null);

    // The event's coordinator sees the aggregate, with names beside free text.
    let section: Value = event_section(app, &coordinator, id)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(section["attendees"], 2);
    assert_eq!(section["invited"], 2);
    assert_eq!(section["submitted"], 2);
    let results = &section["results"];
    assert_eq!(results["responses"], 2);
    let questions = results["sections"][0]["questions"].as_array().unwrap();
    assert_eq!(questions[0]["mean"], "4.50");
    assert_eq!(questions[1]["mean"], "3.00");
    let bars: Vec<i64> = questions[0]["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_i64().unwrap())
        .collect();
    assert_eq!(bars, [0, 0, 0, 1, 1]);
    assert_eq!(questions[0]["bars"][4]["percent"], 50);
    let choice: Vec<(String, i64)> = questions[3]["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["label"].as_str().unwrap().to_owned(),
                b["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        choice,
        [
            ("Very likely".to_owned(), 1),
            ("Somewhat likely".to_owned(), 1),
            ("Not likely".to_owned(), 0)
        ]
    );
    assert_eq!(questions[4]["texts"][0]["text"], "More case studies");
    assert_eq!(questions[4]["texts"][0]["by"], "Ana Ruiz");

    // Per topic: set the event's topic, then filter.
    let saved = call_with_cookie(
        app,
        "evaluations/event/save",
        &coordinator,
        &[
            ("id", &id.to_string()),
            ("form[form_id]", ""),
            ("form[anonymous]", ""),
            ("form[certificate_requires_evaluation]", "true"),
            ("form[topic_id]", "2"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 200, "{:?}", saved.text().await);
    let by_topic = |topic: &'static str| {
        let coordinator = coordinator.clone();
        async move {
            let response = call_with_cookie(
                app,
                "evaluations/results",
                &coordinator,
                &[
                    ("form[topic_id]", topic),
                    ("form[respondent]", "participant"),
                ],
            )
            .await;
            assert_eq!(response.status(), 200);
            response.json::<Value>().await.unwrap()
        }
    };
    let on_topic = by_topic("2").await;
    assert_eq!(on_topic["responses"], 2);
    // One line per event: (5+4+4 + 4+2+5) / 6 ratings.
    assert_eq!(on_topic["by_event"][0]["responses"], 2);
    assert_eq!(on_topic["by_event"][0]["mean_rating"], "4.00");
    assert_eq!(
        on_topic["sections"][0]["questions"][4]["texts"][0]["by"],
        Value::Null
    );
    assert_eq!(by_topic("1").await["responses"], 0);
    let bad = call_with_cookie(
        app,
        "evaluations/results",
        &coordinator,
        &[("form[provider_id]", "someone")],
    )
    .await;
    assert_eq!(bad.status(), 400);
    assert!(error_text(bad).await.contains("provider_id"));

    // The certificate rule's seam: required, and Ben submitted.
    let db = server::startup::open_database(&app.config).await.unwrap();
    let ben = i32::try_from(ben).unwrap();
    assert!(
        service::events::evaluation::has_submitted(&db, ben)
            .await
            .unwrap()
    );
    assert!(
        !service::events::evaluation::certificate_waits_for_evaluation(db.conn(), ben)
            .await
            .unwrap()
    );
}

async fn anonymous_responses_keep_no_link_to_the_registration(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, None).await;
    let saved = call_with_cookie(
        app,
        "evaluations/event/save",
        &coordinator,
        &[
            ("id", &id.to_string()),
            ("form[anonymous]", "true"),
            ("form[topic_id]", "999999"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 400, "an unknown topic is named");
    assert!(error_text(saved).await.contains("topic_id"));
    let saved = call_with_cookie(
        app,
        "evaluations/event/save",
        &coordinator,
        &[("id", &id.to_string()), ("form[anonymous]", "true")],
    )
    .await;
    assert_eq!(saved.status(), 200);
    let (link, ana) = register(app, &token, "Ana Ruiz", "ana@mpd.example.gov").await;
    mark_present(app, &coordinator, id, ana).await;
    end_event(app, id).await;
    let shown = form(app, &link).await;
    assert_eq!(shown["anonymous"], true);
    let ids = question_ids(&shown);
    let sent = submit(
        &app.client,
        &app.address,
        &link,
        &answers(&ids, ["3", "3", "3"], "Not likely", "Too long"),
    )
    .await;
    assert_eq!(sent.status(), 200, "{:?}", sent.text().await);

    let db = raw_db(app).await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM evaluation_response").await,
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM evaluation_response WHERE registration_id IS NULL AND user_id IS NULL"
        )
        .await,
        1,
        "the response names no one"
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM event_registration WHERE id = {ana} AND evaluated_at IS NOT NULL")
        )
        .await,
        1,
        "the registration keeps only that it was submitted"
    );
    // Even the event's coordinator sees the text without a name.
    let section: Value = event_section(app, &coordinator, id)
        .await
        .json()
        .await
        .unwrap();
    let text = &section["results"]["sections"][0]["questions"][4]["texts"][0];
    assert_eq!(text["text"], "Too long");
    assert_eq!(text["by"], Value::Null);
    // Anonymity can no longer change once answered.
    let flip = call_with_cookie(
        app,
        "evaluations/event/save",
        &coordinator,
        &[("id", &id.to_string()), ("form[anonymous]", "")],
    )
    .await;
    assert_eq!(flip.status(), 409);
}

async fn ten_submissions_at_once_store_one(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, None).await;
    let (link, ana) = register(app, &token, "Ana Ruiz", "ana@mpd.example.gov").await;
    mark_present(app, &coordinator, id, ana).await;
    end_event(app, id).await;
    let ids = question_ids(&form(app, &link).await);
    let pairs = answers(&ids, ["5", "5", "5"], "Very likely", "Great");
    let calls = (0..10).map(|_| {
        let client = app.client.clone();
        let address = app.address.clone();
        let link = link.clone();
        let pairs = pairs.clone();
        tokio::spawn(async move { submit(&client, &address, &link, &pairs).await.status() })
    });
    let mut statuses = Vec::new();
    for call in calls.collect::<Vec<_>>() {
        statuses.push(call.await.unwrap().as_u16());
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    let db = raw_db(app).await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM evaluation_response").await,
        1
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM evaluation_answer").await,
        5
    );
}

async fn requester_and_consultant_feedback_and_who_may_see_results(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let phoenix = user_id(app, "provider.phoenix@tta.example.gov").await;
    let (id, token) = create_event(app, &coordinator, Some(phoenix)).await;
    let (_, ana) = register(app, &token, "Ana Ruiz", "ana@mpd.example.gov").await;
    mark_present(app, &coordinator, id, ana).await;
    let idt = id.to_string();
    let memphis = demo_login(app, "contact.memphis@tta.example.gov").await;
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;

    // Before the end the form says when feedback opens, and a submission is refused.
    let early: Value =
        call_with_cookie(app, "evaluations/feedback-form", &memphis, &[("id", &idt)])
            .await
            .json()
            .await
            .unwrap();
    assert!(early["closed_reason"].as_str().unwrap().contains("opens"));
    end_event(app, id).await;

    for (cookie, expected_title, ratings) in [
        (&memphis, "Requester feedback", ["5", "4"]),
        (&provider, "Consultant feedback", ["4", "Yes"]),
    ] {
        let shown: Value =
            call_with_cookie(app, "evaluations/feedback-form", cookie, &[("id", &idt)])
                .await
                .json()
                .await
                .unwrap();
        assert_eq!(shown["form_title"], expected_title);
        assert_eq!(shown["closed_reason"], Value::Null);
        let ids = question_ids(&shown);
        let mut pairs = vec![("id".to_owned(), idt.clone())];
        for (i, (qid, value)) in ids
            .iter()
            .zip([ratings[0], ratings[1], "Follow up in March"])
            .enumerate()
        {
            pairs.push((format!("form[answers][{i}][question_id]"), qid.clone()));
            pairs.push((format!("form[answers][{i}][value]"), value.to_owned()));
        }
        let args: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let sent = call_with_cookie(app, "evaluations/feedback", cookie, &args).await;
        assert_eq!(sent.status(), 200, "{:?}", sent.text().await);
        let again = call_with_cookie(app, "evaluations/feedback", cookie, &args).await;
        assert_eq!(again.status(), 409);
    }

    // Other people: a contact of another site and another provider do not find the event; the
    // coordinator gives no requester or consultant feedback.
    let houston = demo_login(app, "contact.houston@tta.example.gov").await;
    let denver = demo_login(app, "provider.denver@tta.example.gov").await;
    for cookie in [&houston, &denver] {
        let response =
            call_with_cookie(app, "evaluations/feedback-form", cookie, &[("id", &idt)]).await;
        assert_eq!(response.status(), 404);
        assert_eq!(event_section(app, cookie, id).await.status(), 404);
    }
    let response = call_with_cookie(
        app,
        "evaluations/feedback-form",
        &coordinator,
        &[("id", &idt)],
    )
    .await;
    assert_eq!(response.status(), 403);
    // Only staff read the results across events and keep forms.
    for cookie in [&memphis, &provider] {
        for endpoint in [
            "evaluations/results",
            "evaluations/forms",
            "evaluations/filters",
        ] {
            let response = call_with_cookie(app, endpoint, cookie, &[("form[event_id]", "")]).await;
            assert_eq!(response.status(), 403, "{endpoint}");
        }
        let save = call_with_cookie(
            app,
            "evaluations/event/save",
            cookie,
            &[("id", &idt), ("form[anonymous]", "true")],
        )
        .await;
        assert_eq!(save.status(), 403);
    }
    // The host contact and the provider see the event's results with names (personal data of
    // their own event); an administrator sees them without names.
    for cookie in [&memphis, &provider] {
        let section: Value = event_section(app, cookie, id).await.json().await.unwrap();
        assert_eq!(section["results"]["responses"], 2);
        assert_eq!(section["feedback_to_give"], Value::Null, "already given");
        let texts: Vec<&Value> = section["results"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["questions"].as_array().unwrap())
            .flat_map(|q| q["texts"].as_array().unwrap())
            .collect();
        assert_eq!(texts.len(), 2);
        assert!(texts.iter().all(|t| t["by"].is_string()));
    }
    let admin = demo_login(app, "admin@tta.example.gov").await;
    let section: Value = event_section(app, &admin, id).await.json().await.unwrap();
    let by_consultant = call_with_cookie(
        app,
        "evaluations/results",
        &admin,
        &[("form[respondent]", "consultant"), ("form[event_id]", &idt)],
    )
    .await
    .json::<Value>()
    .await
    .unwrap();
    assert_eq!(by_consultant["responses"], 1);
    assert_eq!(
        by_consultant["sections"][0]["questions"][1]["bars"][0]["count"],
        1
    );
    let texts = section["results"]["sections"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|q| q["texts"].as_array().unwrap().clone())
        .collect::<Vec<_>>();
    assert!(texts.iter().all(|t| t["by"].is_null()));

    // A coordinator builds a form: mistakes named, then created and listed.
    let bad = call_with_cookie(
        app,
        "evaluations/forms/create",
        &coordinator,
        &[
            ("form[title]", ""),
            ("form[audience]", "participant"),
            ("form[questions][0][kind]", "choice"),
            ("form[questions][0][prompt]", "Pick one"),
            ("form[questions][0][choices]", "Only one"),
        ],
    )
    .await;
    assert_eq!(bad.status(), 400);
    let text = error_text(bad).await;
    assert!(
        text.contains("title:") && text.contains("questions[0].choices:"),
        "{text}"
    );
    let made = call_with_cookie(
        app,
        "evaluations/forms/create",
        &coordinator,
        &[
            ("form[title]", "Summit evaluation"),
            ("form[audience]", "participant"),
            ("form[omb_number]", "1121-0329"),
            ("form[omb_expires_on]", "2028-06-30"),
            ("form[burden_statement]", "About 3 minutes."),
            ("form[questions][0][kind]", "rating"),
            ("form[questions][0][prompt]", "Worth your time?"),
            ("form[questions][0][required]", "true"),
            ("form[questions][0][low_label]", "No"),
            ("form[questions][0][high_label]", "Yes"),
        ],
    )
    .await;
    assert_eq!(made.status(), 200, "{:?}", made.text().await);
    let forms: Value = call_with_cookie(app, "evaluations/forms", &coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    let summit = forms
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["title"] == "Summit evaluation")
        .unwrap();
    assert_eq!(summit["question_count"], 1);
    assert_eq!(summit["is_default"], false);
}
