//! The administrator's server functions over HTTP on SQLite and PostgreSQL: the role guard of
//! every one (401 anonymous; 403 site contact, provider, coordinator; 200 admin), users and roles
//! (self-demotion and self-deactivation refused, a deactivated person locked out at once), sites
//! with a validated IANA zone and blackout dates, topics (a retired one leaves the intake form but
//! stays on old requests), settings with range checks, and the audit log's filters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts_support;
mod harness;

use accounts_support::*;
use harness::TestApp;
use serde_json::Value;
use service::accounts::demo::DEMO_PASSWORD;

on_both_databases!(
    only_administrators_reach_the_admin_functions,
    roles_change_but_never_an_administrators_own,
    a_deactivated_person_is_logged_out_and_cannot_log_in,
    sites_are_validated_and_carry_blackout_dates,
    a_retired_topic_leaves_the_intake_form_but_stays_on_old_requests,
    settings_are_range_checked_and_persisted,
    the_audit_log_filters_by_actor_action_and_days,
);

const ADMIN: &str = "admin@tta.example.gov";
const ROBIN: &str = "robin.reyes@tta.example.gov";
const MEMPHIS: &str = "3";

async fn cookie(app: &TestApp, email: &str) -> String {
    let response = login(app, email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200, "log in {email}");
    session_cookie(&response).unwrap().0
}

async fn json(app: &TestApp, endpoint: &str, cookie: &str, form: &[(&str, &str)]) -> Value {
    let response = call_with_cookie(app, endpoint, cookie, form).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{endpoint}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// Status and text of a call.
async fn outcome(
    app: &TestApp,
    endpoint: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = call_with_cookie(app, endpoint, cookie, form).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The id of the account with `email`, from the admin's list.
async fn user_id(app: &TestApp, admin: &str, email: &str) -> String {
    let users = json(app, "admin/users", admin, &[("role", "")]).await;
    users["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap_or_else(|| panic!("{email} listed"))["id"]
        .to_string()
}

fn settings_form(values: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    let defaults = [
        ("buffer_before_minutes", "15"),
        ("buffer_after_minutes", "15"),
        ("minimum_notice_hours", "72"),
        ("tolerance_business_days", "3"),
        ("granularity_minutes", "15"),
        ("max_sessions_per_day", "3"),
        ("max_hours_per_week", "40"),
        ("weight_expertise", "30"),
        ("weight_continuity", "20"),
        ("weight_time_zone", "20"),
        ("weight_load_balance", "15"),
        ("weight_availability", "15"),
    ];
    defaults
        .iter()
        .map(|(field, value)| {
            let value = values
                .iter()
                .find(|(f, _)| f == field)
                .map_or(*value, |(_, v)| *v);
            (format!("form[{field}]"), value.to_owned())
        })
        .collect()
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn only_administrators_reach_the_admin_functions(app: &TestApp) {
    app.seed_demo().await;
    let settings = settings_form(&[]);
    let site_form = [
        ("form[name]", "Gary"),
        ("form[state]", "IN"),
        ("form[time_zone]", "America/Chicago"),
        ("form[engagement_type]", "diagnostic"),
        ("form[region]", "midwest"),
    ];
    let mut calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("admin/users", vec![("role", "")]),
        (
            "admin/users/role",
            vec![("user_id", "9"), ("role", "coordinator")],
        ),
        (
            "admin/users/active",
            vec![("user_id", "9"), ("active", "false")],
        ),
        ("admin/sites", vec![]),
        ("admin/sites/create", site_form.to_vec()),
        ("admin/sites/detail", vec![("id", MEMPHIS)]),
        (
            "admin/sites/blackout/add",
            vec![
                ("id", MEMPHIS),
                ("date", "2031-12-24"),
                ("reason", "Closed"),
            ],
        ),
        (
            "admin/sites/blackout/remove",
            vec![("id", MEMPHIS), ("blackout_id", "1")],
        ),
        ("admin/topics", vec![]),
        ("admin/topics/create", vec![("name", "Victim services")]),
        (
            "admin/topics/update",
            vec![("id", "1"), ("name", "Renamed topic")],
        ),
        (
            "admin/topics/retire",
            vec![("id", "1"), ("retired", "true")],
        ),
        ("admin/settings", vec![]),
        ("admin/settings/save", pairs(&settings)),
        ("admin/audit", vec![("action", "")]),
        ("admin/outbox", vec![]),
    ];
    calls.push((
        "admin/sites/update",
        vec![
            ("id", MEMPHIS),
            ("form[name]", "Memphis"),
            ("form[state]", "TN"),
            ("form[time_zone]", "America/Chicago"),
            ("form[engagement_type]", "operations"),
            ("form[region]", "south"),
        ],
    ));

    let anonymous = String::new();
    let contact = cookie(app, "contact.memphis@tta.example.gov").await;
    let provider = cookie(app, "provider.denver@tta.example.gov").await;
    let coordinator = cookie(app, "coordinator@tta.example.gov").await;
    for (endpoint, form) in &calls {
        for (who, cookie, status) in [
            ("anonymous", &anonymous, 401),
            ("site contact", &contact, 403),
            ("provider", &provider, 403),
            ("coordinator", &coordinator, 403),
        ] {
            let (got, text) = outcome(app, endpoint, cookie, form).await;
            assert_eq!(got, status, "{who} calling {endpoint}: {text}");
        }
    }
    // Nothing was changed by the refused calls.
    let db = raw_db(app).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM site").await, 12);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM setting").await, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM blackout_date").await, 0);

    let admin = cookie(app, ADMIN).await;
    for (endpoint, form) in &calls {
        let (got, text) = outcome(app, endpoint, &admin, form).await;
        assert_eq!(got, 200, "admin calling {endpoint}: {text}");
    }
}

async fn roles_change_but_never_an_administrators_own(app: &TestApp) {
    app.seed_demo().await;
    let admin = cookie(app, ADMIN).await;

    // Filtered by role, with the last log-in of whoever has logged in.
    let providers = json(app, "admin/users", &admin, &[("role", "provider")]).await;
    let rows = providers["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows.iter().all(|u| u["role"] == "provider"));
    let robin = rows.iter().find(|u| u["email"] == ROBIN).unwrap();
    assert_eq!(robin["last_login"], "");
    let everyone = json(app, "admin/users", &admin, &[("role", "")]).await;
    let me = everyone["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == ADMIN)
        .unwrap()
        .clone();
    assert_eq!(me["is_me"], true);
    let last = me["last_login"].as_str().unwrap();
    assert!(last.ends_with("EST") || last.ends_with("EDT"), "{last}");
    let (status, text) = outcome(app, "admin/users", &admin, &[("role", "root")]).await;
    assert_eq!(status, 400, "{text}");

    // Robin becomes a coordinator, and it is audited.
    let robin = robin["id"].to_string();
    let changed = json(
        app,
        "admin/users/role",
        &admin,
        &[("user_id", &robin), ("role", "coordinator")],
    )
    .await;
    assert_eq!(changed, "The role is now Coordinator.");
    let coordinators = json(app, "admin/users", &admin, &[("role", "coordinator")]).await;
    assert!(
        coordinators["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["email"] == ROBIN)
    );
    let robin_cookie = cookie(app, ROBIN).await;
    let queue = call_with_cookie(
        app,
        "coordinator/queue",
        &robin_cookie,
        &[
            ("status", ""),
            ("site", ""),
            ("topic", ""),
            ("engagement", ""),
            ("min_age_days", ""),
        ],
    )
    .await;
    assert_eq!(queue.status(), 200, "the new role applies at once");
    let audit = json(
        app,
        "admin/audit",
        &admin,
        &[("action", "user.role_changed")],
    )
    .await;
    let detail = audit["rows"][0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("\"from\":\"provider\"") && detail.contains("\"to\":\"coordinator\""),
        "{detail}"
    );
    assert_eq!(audit["rows"][0]["actor"], "Avery Admin");

    // A site contact needs a site; leaving the role removes the site links.
    let (status, text) = outcome(
        app,
        "admin/users/role",
        &admin,
        &[
            ("user_id", &robin),
            ("role", "site_contact"),
            ("site_id", ""),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        text.contains("site_id: Choose the site this site contact speaks for."),
        "{text}"
    );
    json(
        app,
        "admin/users/role",
        &admin,
        &[
            ("user_id", &robin),
            ("role", "site_contact"),
            ("site_id", MEMPHIS),
        ],
    )
    .await;
    let contacts = json(app, "admin/users", &admin, &[("role", "site_contact")]).await;
    let row = contacts["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == ROBIN)
        .unwrap()
        .clone();
    assert_eq!(row["sites"], "Memphis, TN");
    json(
        app,
        "admin/users/role",
        &admin,
        &[("user_id", &robin), ("role", "provider")],
    )
    .await;
    let db = raw_db(app).await;
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM site_contact WHERE user_id = {robin}")
        )
        .await,
        0
    );

    // Never one's own role or account.
    let my_id = me["id"].to_string();
    let (status, text) = outcome(
        app,
        "admin/users/role",
        &admin,
        &[("user_id", &my_id), ("role", "coordinator")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        text.contains("You cannot change your own role: ask another administrator"),
        "{text}"
    );
    let (status, text) = outcome(
        app,
        "admin/users/active",
        &admin,
        &[("user_id", &my_id), ("active", "false")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        text.contains("You cannot deactivate your own account"),
        "{text}"
    );
    let whoami = whoami(app, &admin).await;
    assert_eq!(whoami["role"], "admin");

    // A provider holding upcoming sessions (Priya's demo proposal) keeps the role.
    let priya = user_id(app, &admin, "provider.phoenix@tta.example.gov").await;
    let (status, text) = outcome(
        app,
        "admin/users/role",
        &admin,
        &[("user_id", &priya), ("role", "coordinator")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        text.contains("upcoming session(s) as a provider: reassign"),
        "{text}"
    );
    let (status, _) = outcome(
        app,
        "admin/users/role",
        &admin,
        &[("user_id", "99999"), ("role", "coordinator")],
    )
    .await;
    assert_eq!(status, 404);
}

async fn a_deactivated_person_is_logged_out_and_cannot_log_in(app: &TestApp) {
    app.seed_demo().await;
    let admin = cookie(app, ADMIN).await;
    let buffalo = cookie(app, "contact.buffalo@tta.example.gov").await;
    assert_eq!(whoami(app, &buffalo).await["role"], "site_contact");
    let id = user_id(app, &admin, "contact.buffalo@tta.example.gov").await;

    let done = json(
        app,
        "admin/users/active",
        &admin,
        &[("user_id", &id), ("active", "false")],
    )
    .await;
    assert!(done.as_str().unwrap().contains("deactivated"));
    assert!(whoami(app, &buffalo).await.is_null(), "their session ended");
    let refused = call_with_cookie(app, "requests/mine", &buffalo, &[]).await;
    assert_eq!(refused.status(), 401);
    let again = login(app, "contact.buffalo@tta.example.gov", DEMO_PASSWORD).await;
    assert_eq!(again.status(), 401);
    let users = json(app, "admin/users", &admin, &[("role", "site_contact")]).await;
    let row = users["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "contact.buffalo@tta.example.gov")
        .unwrap()
        .clone();
    assert_eq!(row["active"], false);

    json(
        app,
        "admin/users/active",
        &admin,
        &[("user_id", &id), ("active", "true")],
    )
    .await;
    let back = login(app, "contact.buffalo@tta.example.gov", DEMO_PASSWORD).await;
    assert_eq!(back.status(), 200);
    let audit = json(app, "admin/audit", &admin, &[("action", "user.")]).await;
    let actions: Vec<&str> = audit["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["user.reactivated", "user.deactivated"]);
}

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

async fn the_audit_log_filters_by_actor_action_and_days(app: &TestApp) {
    app.seed_demo().await;
    let _coordinator = cookie(app, "coordinator@tta.example.gov").await;
    let admin = cookie(app, ADMIN).await;
    let coordinator_id = user_id(app, &admin, "coordinator@tta.example.gov").await;

    let all = json(app, "admin/audit", &admin, &[]).await;
    assert!(all["rows"].as_array().unwrap().len() >= 2);
    assert!(
        all["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["label"] == "Casey Coordinator (coordinator@tta.example.gov)")
    );
    let theirs = json(
        app,
        "admin/audit",
        &admin,
        &[("action", "login."), ("actor", &coordinator_id)],
    )
    .await;
    let rows = theirs["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["actor"], "Casey Coordinator");
    assert_eq!(rows[0]["action"], "login.succeeded");

    // Days on the admin's (New York) calendar: today holds the log-ins, 2020 nothing.
    let today = chrono::Utc::now()
        .with_timezone(&service::mail::messages::Tz::America__New_York)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let now = json(
        app,
        "admin/audit",
        &admin,
        &[("from", &today), ("to", &today), ("action", "login.")],
    )
    .await;
    assert_eq!(now["rows"].as_array().unwrap().len(), 2);
    assert_eq!(now["zone"], "America/New_York");
    let past = json(
        app,
        "admin/audit",
        &admin,
        &[("from", "2020-01-01"), ("to", "2020-01-31")],
    )
    .await;
    assert!(past["rows"].as_array().unwrap().is_empty());
    let (status, text) = outcome(
        app,
        "admin/audit",
        &admin,
        &[("from", "2027-02-01"), ("to", "2027-01-01")],
    )
    .await;
    assert_eq!(status, 400);
    assert!(text.contains("to: The end date (2027-01-01) is before the start date (2027-02-01)"));
    let (status, text) = outcome(app, "admin/audit", &admin, &[("from", "yesterday")]).await;
    assert_eq!(status, 400);
    assert!(text.contains("from: 'yesterday' is not a date"), "{text}");
}
