//! The administrator's server functions over HTTP on SQLite and PostgreSQL: the role guard of
//! every one (401 anonymous; 403 site contact, provider, coordinator; 200 admin), users and roles
//! (self-demotion and self-deactivation refused, a deactivated person locked out at once), and the
//! audit log's filters by person, action and days, and the outbox's resend of a failed message
//! (back to pending and delivered; anything not failed refused with the reason).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, admin_support, harness, mail_support};
use accounts_support::*;
use admin_support::*;
use demo::DEMO_PASSWORD;
use harness::TestApp;

on_both_databases!(
    only_administrators_reach_the_admin_functions,
    roles_change_but_never_an_administrators_own,
    a_deactivated_person_is_logged_out_and_cannot_log_in,
    the_audit_log_filters_by_actor_action_and_days,
    an_administrator_resends_a_failed_message_and_only_a_failed_one,
    a_failing_mail_relay_is_shown_to_administrators_once_per_outage,
);

/// Runs the mail worker over the app's outbox against an SMTP server that refuses every
/// recipient (550), allowing one attempt: every due message ends `failed`, as the worker gives
/// up on a message the relay keeps refusing. Returns how many failed.
async fn fail_the_outbox(app: &TestApp) -> i64 {
    use mail_support::{SinkOptions, SmtpSink, free_port, quick_settings, smtp, worker};
    let db = server::startup::open_database(&app.config).await.unwrap();
    let mut settings = quick_settings();
    settings.retry.max_attempts = 1;
    let sink = SmtpSink::start_with(
        free_port(),
        &SinkOptions {
            reject_rcpt: vec!["*".to_owned()],
            ..SinkOptions::default()
        },
    );
    let refusing = smtp(&sink.url());
    let report = worker(&db, refusing, settings).drain().await.unwrap();
    assert_eq!(report.sent, 0);
    assert!(report.failed > 0, "the demo queued mail to fail");
    let raw = raw_db(app).await;
    let failed = count(
        &raw,
        "SELECT COUNT(*) FROM email_outbox WHERE status = 'failed'",
    )
    .await;
    assert_eq!(
        failed,
        count(&raw, "SELECT COUNT(*) FROM email_outbox").await
    );
    failed
}

async fn only_administrators_reach_the_admin_functions(app: &TestApp) {
    app.seed_demo().await;
    // A failed message, so that a resend let through would show.
    let failed = fail_the_outbox(app).await;
    let failed_id = count(
        &raw_db(app).await,
        "SELECT MIN(id) FROM email_outbox WHERE status = 'failed'",
    )
    .await
    .to_string();
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
        ("admin/outbox/resend", vec![("id", failed_id.as_str())]),
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
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM email_outbox WHERE status = 'failed'"
        )
        .await,
        failed,
        "no message was resent"
    );

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
        crate::harness::UNFILTERED_QUEUE,
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

async fn the_audit_log_filters_by_actor_action_and_days(app: &TestApp) {
    app.seed_demo().await;
    let _coordinator = cookie(app, "coordinator@tta.example.gov").await;
    let admin = cookie(app, ADMIN).await;
    let coordinator_id = user_id(app, &admin, "coordinator@tta.example.gov").await;

    let all = json(app, "admin/audit", &admin, &[]).await;
    assert!(all["rows"].as_array().unwrap().len() >= 2);
    assert!(all.get("actors").is_none(), "no list of every account");
    // Who: part of the name or the e-mail address, in any case.
    for who in ["casey", "COORDINATOR@tta", "Casey Coord"] {
        let found = json(
            app,
            "admin/audit",
            &admin,
            &[("action", "login."), ("who", who)],
        )
        .await;
        let rows = found["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 1, "who={who}: {rows:?}");
        assert_eq!(rows[0]["actor"], "Casey Coordinator");
    }
    // `%` and `_` are literal, not wildcards; nobody matches.
    for who in ["%", "_", "nobody-at-all"] {
        let found = json(app, "admin/audit", &admin, &[("who", who)]).await;
        assert!(found["rows"].as_array().unwrap().is_empty(), "who={who}");
    }
    let (status, text) = outcome(app, "admin/audit", &admin, &[("who", &"x".repeat(101))]).await;
    assert_eq!(status, 400);
    assert!(text.contains("who: Type part of a name"), "{text}");
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

async fn an_administrator_resends_a_failed_message_and_only_a_failed_one(app: &TestApp) {
    app.seed_demo().await;
    let failed = fail_the_outbox(app).await;
    let admin = cookie(app, ADMIN).await;
    let raw = raw_db(app).await;

    // The admin's outbox shows the failure: one attempt, the SMTP error.
    let outbox = json(app, "admin/outbox", &admin, &[]).await;
    let row = outbox["rows"][0].clone();
    assert_eq!(row["status"], "failed", "{row}");
    assert_eq!(row["attempts"], 1);
    let error = row["last_error"].as_str().unwrap().to_owned();
    assert!(error.starts_with("SMTP:"), "{error}");
    let id = row["id"].to_string();
    let message_id = format!("SELECT message_id FROM email_outbox WHERE id = {id}");
    let before = raw_text(&raw, &message_id).await;

    // Resent over HTTP: pending again, its attempts reset, due at once; nothing else moves.
    let (status, text) = outcome(app, "admin/outbox/resend", &admin, &[("id", &id)]).await;
    assert_eq!(status, 200, "{text}");
    // Who resent what is in the audit log.
    let audit = json(app, "admin/audit", &admin, &[("action", "email.")]).await;
    let resent: Vec<(String, String)> = audit["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["action"].as_str().unwrap().to_owned(),
                r["subject"].to_string(),
            )
        })
        .collect();
    assert_eq!(resent.len(), 1, "{audit}");
    assert_eq!(resent[0].0, "email.resent");
    assert!(resent[0].1.contains(&id), "{audit}");
    let outbox = json(app, "admin/outbox", &admin, &[]).await;
    let row = outbox["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"].to_string().as_str() == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["status"], "pending", "{row}");
    assert_eq!(row["attempts"], 0);
    assert_eq!(
        row["last_error"], error,
        "the last error stays for the record until the next attempt"
    );
    assert_eq!(
        count(
            &raw,
            "SELECT COUNT(*) FROM email_outbox WHERE status = 'failed'"
        )
        .await,
        failed - 1
    );

    // The next drain sends exactly that message, with the Message-ID it always had.
    let folder = tempfile::tempdir().unwrap();
    let db = server::startup::open_database(&app.config).await.unwrap();
    let report = mail_support::worker(
        &db,
        service::mail::MailTransport::folder(folder.path()),
        mail_support::quick_settings(),
    )
    .drain()
    .await
    .unwrap();
    assert_eq!((report.sent, report.failed), (1, 0));
    assert_eq!(raw_text(&raw, &message_id).await, before);
    assert_eq!(
        count(
            &raw,
            &format!(
                "SELECT COUNT(*) FROM email_outbox WHERE id = {id} AND status = 'sent' \
                 AND attempts = 1"
            )
        )
        .await,
        1
    );
    let files: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains(&format!("Message-ID: {before}")), "{eml}");

    // Anything not failed is refused with the reason: the sent message, a missing one.
    let (status, text) = outcome(app, "admin/outbox/resend", &admin, &[("id", &id)]).await;
    assert_eq!(status, 409, "{text}");
    assert!(
        text.contains(&format!(
            "Message #{id} is sent, not failed; only failed messages can be resent."
        )),
        "{text}"
    );
    let (status, text) = outcome(app, "admin/outbox/resend", &admin, &[("id", "999999")]).await;
    assert_eq!(status, 404, "{text}");
    assert!(text.contains("Message #999999 was not found"), "{text}");
    assert_eq!(
        count(
            &raw,
            &format!("SELECT COUNT(*) FROM email_outbox WHERE id = {id} AND status = 'sent'")
        )
        .await,
        1,
        "the refused resend left the sent message alone"
    );
}

/// The text in the first column of the first row of `sql`.
async fn raw_text(raw: &sea_orm::DatabaseConnection, sql: &str) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    raw.query_one_raw(Statement::from_string(raw.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap()
}

/// The relay refusing connections, as two instances' workers see it: no message's attempts are
/// used, and the administrators see the outage — on the outbox page (since when, why, how many
/// wait), first on their home page, once in the audit log — while `/readyz` stays 200 and names
/// only the instant. The relay back: every message delivered once, the outage closed once.
async fn a_failing_mail_relay_is_shown_to_administrators_once_per_outage(app: &TestApp) {
    use mail_support::{SmtpSink, free_port, quick_settings, smtp, worker};
    use std::time::Duration;
    app.seed_demo().await;
    let raw = raw_db(app).await;
    let total = count(&raw, "SELECT COUNT(*) FROM email_outbox").await;
    assert!(total > 0, "the demo queued mail");
    let port = free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let first = server::startup::open_database(&app.config).await.unwrap();
    let second = server::startup::open_database(&app.config).await.unwrap();
    let mut settings = quick_settings();
    settings.retry.max_attempts = 1;
    let workers = [
        worker(&first, smtp(&url), settings.clone()),
        worker(&second, smtp(&url), settings),
    ];
    for _ in 0..3 {
        for instance in &workers {
            let report = instance.drain().await.unwrap();
            assert_eq!((report.sent, report.failed), (0, 0), "{report:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert_eq!(
        count(
            &raw,
            "SELECT COUNT(*) FROM email_outbox WHERE status = 'pending' AND attempts = 0"
        )
        .await,
        total
    );

    let admin = cookie(app, ADMIN).await;
    let outbox = json(app, "admin/outbox", &admin, &[]).await;
    let relay = &outbox["relay"];
    assert_eq!(relay["failing"], true, "{relay}");
    assert_eq!(
        relay["reason"], "the relay refused the connection",
        "{relay}"
    );
    assert_eq!(relay["waiting"], total, "{relay}");
    assert!(
        !relay["failing_since"].as_str().unwrap().is_empty(),
        "{relay}"
    );
    assert!(
        relay["relay"].as_str().unwrap().contains(&port.to_string()),
        "{relay}"
    );
    let page = app.page_as("/admin/outbox", &admin).await;
    assert!(page.contains("The mail relay is failing"), "{page}");
    assert!(page.contains("the relay refused the connection"), "{page}");
    let home = app.page_as("/", &admin).await;
    assert!(home.contains("E-mail relay failing"), "{home}");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    let ready = ready.text().await.unwrap();
    assert!(
        ready.starts_with("ready; mail relay failing since "),
        "{ready}"
    );
    assert!(
        !ready.contains("refused"),
        "the reason is for administrators: {ready}"
    );
    let audit = json(app, "admin/audit", &admin, &[("action", "email.relay")]).await;
    let actions: Vec<&str> = audit["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["email.relay_failing"],
        "one alert per outage: {audit}"
    );

    // The relay back: everything delivered once, on its first counted attempt.
    let sink = SmtpSink::start(port, 0);
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while count(
        &raw,
        "SELECT COUNT(*) FROM email_outbox WHERE status = 'sent'",
    )
    .await
        < total
    {
        assert!(
            std::time::Instant::now() < deadline,
            "not delivered in time"
        );
        for instance in &workers {
            instance.drain().await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        count(
            &raw,
            "SELECT COUNT(*) FROM email_outbox WHERE status = 'sent' AND attempts = 1"
        )
        .await,
        total
    );
    let received = sink
        .wait_for(usize::try_from(total).unwrap(), Duration::from_secs(5))
        .await;
    let mut ids: Vec<&str> = received
        .iter()
        .map(|m| m["message_id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), received.len(), "nothing twice");
    assert_eq!(ids.len(), usize::try_from(total).unwrap());
    let outbox = json(app, "admin/outbox", &admin, &[]).await;
    assert_eq!(outbox["relay"]["failing"], false, "{}", outbox["relay"]);
    assert_eq!(outbox["relay"]["waiting"], 0);
    assert!(!outbox["relay"]["last_success"].as_str().unwrap().is_empty());
    let audit = json(app, "admin/audit", &admin, &[("action", "email.relay")]).await;
    let actions: Vec<&str> = audit["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["email.relay_recovered", "email.relay_failing"]);
    assert_eq!(ready_text(app).await, "ready");
}

async fn ready_text(app: &TestApp) -> String {
    app.get("/readyz").await.text().await.unwrap()
}
