//! The administrator's catalogue over HTTP on SQLite and PostgreSQL: sites with a validated IANA
//! zone and blackout dates, topics (a retired one leaves the intake form but stays on old
//! requests), and the scheduling settings with range checks, persisted and audited.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, admin_support, harness};
use accounts_support::*;
use admin_support::*;
use harness::TestApp;
use serde_json::Value;

on_both_databases!(
    sites_are_validated_and_carry_blackout_dates,
    a_retired_topic_leaves_the_intake_form_but_stays_on_old_requests,
    settings_are_range_checked_and_persisted,
);

async fn sites_are_validated_and_carry_blackout_dates(app: &TestApp) {
    app.seed_demo().await;
    let admin = cookie(app, ADMIN).await;
    let bad = [
        ("form[name]", ""),
        ("form[state]", "ZZ"),
        ("form[time_zone]", "America/Gary"),
        ("form[engagement_type]", "operations"),
        ("form[region]", "north"),
    ];
    let (status, text) = outcome(app, "admin/sites/create", &admin, &bad).await;
    assert_eq!(status, 400);
    for expected in [
        "name: Enter the site's name, usually its city.",
        "state: 'ZZ' is not a US state code",
        "time_zone: 'America/Gary' is not an IANA time zone: use a name such as America/Chicago",
        "region: Choose the Census region",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let good = [
        ("form[name]", "Gary"),
        ("form[state]", "in"),
        ("form[time_zone]", "America/Chicago"),
        ("form[engagement_type]", "diagnostic"),
        ("form[region]", "midwest"),
    ];
    let id = json(app, "admin/sites/create", &admin, &good).await;
    let id = id.to_string();
    let (status, text) = outcome(app, "admin/sites/create", &admin, &good).await;
    assert_eq!(status, 400);
    assert!(
        text.contains("name: A site named Gary, IN already exists."),
        "{text}"
    );
    let sites = json(app, "admin/sites", &admin, &[]).await;
    assert_eq!(sites.as_array().unwrap().len(), 13);

    // Edit: a new zone, checked the same way.
    let mut edit = vec![("id", id.as_str())];
    edit.extend(good.iter().copied());
    edit.retain(|(k, _)| *k != "form[time_zone]");
    edit.push(("form[time_zone]", "Mars/Olympus"));
    let (status, text) = outcome(app, "admin/sites/update", &admin, &edit).await;
    assert_eq!(status, 400);
    assert!(
        text.contains("time_zone: 'Mars/Olympus' is not an IANA time zone"),
        "{text}"
    );
    edit.pop();
    edit.push(("form[time_zone]", "America/Indiana/Indianapolis"));
    json(app, "admin/sites/update", &admin, &edit).await;
    let detail = json(app, "admin/sites/detail", &admin, &[("id", &id)]).await;
    assert_eq!(
        detail["fields"]["time_zone"],
        "America/Indiana/Indianapolis"
    );
    assert_eq!(detail["fields"]["state"], "IN");
    assert_eq!(detail["fields"]["engagement_type"], "diagnostic");

    // Blackout dates: checked, one per day, removable.
    let (status, text) = outcome(
        app,
        "admin/sites/blackout/add",
        &admin,
        &[("id", &id), ("date", "24/12/2031"), ("reason", "")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(text.contains("date: '24/12/2031' is not a date"), "{text}");
    assert!(text.contains("reason: Say why"), "{text}");
    let (status, text) = outcome(
        app,
        "admin/sites/blackout/add",
        &admin,
        &[("id", &id), ("date", "2020-01-02"), ("reason", "Too late")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(text.contains("past dates cannot be blacked out"), "{text}");
    json(
        app,
        "admin/sites/blackout/add",
        &admin,
        &[
            ("id", &id),
            ("date", "2031-12-24"),
            ("reason", "City holiday"),
        ],
    )
    .await;
    let (status, text) = outcome(
        app,
        "admin/sites/blackout/add",
        &admin,
        &[("id", &id), ("date", "2031-12-24"), ("reason", "Again")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(text.contains("2031-12-24 is already a blackout date of this site (City holiday)"));
    let detail = json(app, "admin/sites/detail", &admin, &[("id", &id)]).await;
    let blackouts = detail["blackouts"].as_array().unwrap();
    assert_eq!(blackouts.len(), 1);
    assert_eq!(blackouts[0]["date"], "Wed 24 Dec 2031");
    let blackout = blackouts[0]["id"].to_string();
    // Another site's blackout cannot be removed through this one.
    let (status, _) = outcome(
        app,
        "admin/sites/blackout/remove",
        &admin,
        &[("id", MEMPHIS), ("blackout_id", &blackout)],
    )
    .await;
    assert_eq!(status, 404);
    json(
        app,
        "admin/sites/blackout/remove",
        &admin,
        &[("id", &id), ("blackout_id", &blackout)],
    )
    .await;
    let detail = json(app, "admin/sites/detail", &admin, &[("id", &id)]).await;
    assert!(detail["blackouts"].as_array().unwrap().is_empty());
    let audit = json(app, "admin/audit", &admin, &[("action", "blackout.")]).await;
    assert_eq!(audit["rows"].as_array().unwrap().len(), 2);
    let audit = json(app, "admin/audit", &admin, &[("action", "site.")]).await;
    assert_eq!(audit["rows"].as_array().unwrap().len(), 2);
}

fn intake(topic: &str) -> Vec<(&'static str, String)> {
    let first = chrono::Utc::now().date_naive() + chrono::Duration::days(60);
    vec![
        ("site_id", MEMPHIS.to_owned()),
        ("form[title]", "Victim services coaching".to_owned()),
        ("form[topic_ids][]", topic.to_owned()),
        ("form[engagement_type]", "operations".to_owned()),
        ("form[modality]", "virtual".to_owned()),
        ("form[session_count]", "1".to_owned()),
        ("form[cadence]", "once".to_owned()),
        ("form[session_minutes]", "90".to_owned()),
        ("form[earliest_date]", first.format("%Y-%m-%d").to_string()),
        (
            "form[latest_date]",
            (first + chrono::Duration::days(30))
                .format("%Y-%m-%d")
                .to_string(),
        ),
        ("form[preferred_weekdays][]", "tue".to_owned()),
        ("form[preferred_start]", "09:00".to_owned()),
        ("form[preferred_end]", "12:00".to_owned()),
        ("form[expected_attendees]", "10".to_owned()),
        ("form[minimum_level]", "2".to_owned()),
    ]
}

async fn a_retired_topic_leaves_the_intake_form_but_stays_on_old_requests(app: &TestApp) {
    app.seed_demo().await;
    let admin = cookie(app, ADMIN).await;
    let contact = cookie(app, "contact.memphis@tta.example.gov").await;
    let (status, text) = outcome(app, "admin/topics/create", &admin, &[("name", "ab")]).await;
    assert_eq!(status, 400);
    assert!(
        text.contains("name: Enter a topic name of at least 3 characters."),
        "{text}"
    );
    json(
        app,
        "admin/topics/create",
        &admin,
        &[
            ("name", "Victim services"),
            ("description", "Support for victims"),
        ],
    )
    .await;
    let (status, text) = outcome(
        app,
        "admin/topics/create",
        &admin,
        &[("name", "victim SERVICES")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(text.contains("already exists"), "{text}");
    let topics = json(app, "admin/topics", &admin, &[]).await;
    let topic = topics
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Victim services")
        .unwrap()["id"]
        .to_string();

    let offered = |choices: &Value| -> Vec<String> {
        choices["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let choices = json(app, "requests/choices", &contact, &[]).await;
    assert_eq!(offered(&choices).len(), 9);
    assert!(offered(&choices).contains(&"Victim services".to_owned()));
    let form = intake(&topic);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let request = json(app, "requests/submit", &contact, &form)
        .await
        .to_string();

    json(
        app,
        "admin/topics/retire",
        &admin,
        &[("id", &topic), ("retired", "true")],
    )
    .await;
    let choices = json(app, "requests/choices", &contact, &[]).await;
    assert_eq!(offered(&choices).len(), 8);
    assert!(!offered(&choices).contains(&"Victim services".to_owned()));
    let (status, text) = outcome(app, "requests/submit", &contact, &form).await;
    assert_eq!(status, 400);
    assert!(
        text.contains("topic_ids: One of the chosen topics is no longer offered; reload the form."),
        "{text}"
    );
    let detail = json(app, "requests/detail", &contact, &[("id", &request)]).await;
    assert_eq!(detail["topics"], serde_json::json!(["Victim services"]));

    // Renamed: old requests show the new name; offered again: back on the form.
    json(
        app,
        "admin/topics/update",
        &admin,
        &[("id", &topic), ("name", "Victim and witness services")],
    )
    .await;
    let detail = json(app, "requests/detail", &contact, &[("id", &request)]).await;
    assert_eq!(
        detail["topics"],
        serde_json::json!(["Victim and witness services"])
    );
    json(
        app,
        "admin/topics/retire",
        &admin,
        &[("id", &topic), ("retired", "false")],
    )
    .await;
    let choices = json(app, "requests/choices", &contact, &[]).await;
    assert!(offered(&choices).contains(&"Victim and witness services".to_owned()));
    let audit = json(app, "admin/audit", &admin, &[("action", "topic.")]).await;
    let actions: Vec<&str> = audit["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "topic.restored",
            "topic.updated",
            "topic.retired",
            "topic.created"
        ]
    );
}

async fn settings_are_range_checked_and_persisted(app: &TestApp) {
    app.seed_demo().await;
    let admin = cookie(app, ADMIN).await;
    let stored = json(app, "admin/settings", &admin, &[]).await;
    assert_eq!(stored["minimum_notice_hours"], "72");
    assert_eq!(stored["weight_expertise"], "0.3");

    let bad = settings_form(&[
        ("buffer_after_minutes", "500"),
        ("minimum_notice_hours", "three days"),
        ("max_sessions_per_day", "0"),
        ("granularity_minutes", "7"),
        ("weight_time_zone", "-2"),
    ]);
    let (status, text) = outcome(app, "admin/settings/save", &admin, &pairs(&bad)).await;
    assert_eq!(status, 400);
    for expected in [
        "buffer_after_minutes: 500 is out of range: enter a whole number of minutes from 0 to 240.",
        "minimum_notice_hours: 'three days' is not a whole number: enter a whole number of hours from 0 to 2160.",
        "max_sessions_per_day: 0 is out of range: enter a whole number of sessions from 1 to 12.",
        "granularity_minutes: Choose a step of 5, 10, 15, 30 or 60 minutes.",
        "weight_time_zone: Enter a number from 0 to 100",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let zero = settings_form(&[
        ("weight_expertise", "0"),
        ("weight_continuity", "0"),
        ("weight_time_zone", "0"),
        ("weight_load_balance", "0"),
        ("weight_availability", "0"),
    ]);
    let (status, text) = outcome(app, "admin/settings/save", &admin, &pairs(&zero)).await;
    assert_eq!(status, 400);
    assert!(
        text.contains("At least one weight must be above 0"),
        "{text}"
    );
    let db = raw_db(app).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM setting").await, 0);

    let good = settings_form(&[
        ("buffer_before_minutes", "30"),
        ("minimum_notice_hours", "48"),
        ("max_hours_per_week", "25"),
        ("weight_continuity", "55.5"),
    ]);
    json(app, "admin/settings/save", &admin, &pairs(&good)).await;
    let stored = json(app, "admin/settings", &admin, &[]).await;
    assert_eq!(stored["buffer_before_minutes"], "30");
    assert_eq!(stored["minimum_notice_hours"], "48");
    assert_eq!(stored["max_hours_per_week"], "25");
    assert_eq!(stored["weight_continuity"], "55.5");
    let database = server::startup::open_database(&app.config).await.unwrap();
    let loaded = service::engine::SchedulingSettings::load(&database)
        .await
        .unwrap();
    assert_eq!(loaded.minimum_notice_hours, 48);
    assert_eq!(loaded.weights.continuity, 55.5);
    // Saving again replaces the one row.
    json(app, "admin/settings/save", &admin, &pairs(&good)).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM setting").await, 1);
    let audit = json(app, "admin/audit", &admin, &[("action", "settings.")]).await;
    assert_eq!(audit["rows"].as_array().unwrap().len(), 2);
    let first = audit["rows"][1]["detail"].as_str().unwrap();
    assert!(first.contains("\"before\":null"), "{first}");
    assert!(first.contains("\"minimum_notice_hours\":48"), "{first}");
}
