//! "My account" over HTTP on SQLite and PostgreSQL: changing the password ends every other
//! session and renews this one's id; name and time zone are parsed; the sessions list shows
//! device and address and ends any of one's own (never another person's); an e-mail change
//! takes effect only when the link sent to the new address is used, and the old address is
//! told; the page is for logged-in people only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;
use service::accounts::Role;

on_both_databases!(
    changing_the_password_ends_every_other_session,
    name_and_time_zone_are_checked_and_saved,
    sessions_are_listed_and_ended_only_by_their_owner,
    an_email_change_applies_only_after_its_link_is_used,
    the_page_needs_a_log_in,
);

async fn overview(app: &TestApp, cookie: &str) -> Value {
    let response = call_with_cookie(app, "account/overview", cookie, &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn login_with_agent(app: &TestApp, email: &str, agent: &str) -> String {
    let response = app
        .client
        .post(app.url("/api/auth/login"))
        .header("Accept", "application/json")
        .header("User-Agent", agent)
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    session_cookie(&response).unwrap().0
}

async fn changing_the_password_ends_every_other_session(app: &TestApp) {
    create_user(app, "dee@example.gov", Role::Provider).await;
    let here = logged_in(app, "dee@example.gov").await;
    let elsewhere = logged_in(app, "dee@example.gov").await;
    let new_password = "a brand new passphrase 7";
    let wrong = call_with_cookie(
        app,
        "account/password",
        &here,
        &[
            ("current_password", "not-my-password-1"),
            ("password", new_password),
            ("password_confirm", new_password),
        ],
    )
    .await;
    assert_eq!(wrong.status(), 400);
    assert!(error_text(wrong).await.contains("current_password:"));
    let weak = call_with_cookie(
        app,
        "account/password",
        &here,
        &[
            ("current_password", PASSWORD),
            ("password", "short"),
            ("password_confirm", "short"),
        ],
    )
    .await;
    assert_eq!(weak.status(), 400);
    assert!(error_text(weak).await.contains("password:"));
    assert!(
        !whoami(app, &elsewhere).await.is_null(),
        "refusals change nothing"
    );

    let changed = call_with_cookie(
        app,
        "account/password",
        &here,
        &[
            ("current_password", PASSWORD),
            ("password", new_password),
            ("password_confirm", new_password),
        ],
    )
    .await;
    assert_eq!(changed.status(), 200);
    let (renewed, _) = session_cookie(&changed).expect("a new session id for this browser");
    assert_ne!(renewed, here);
    assert!(whoami(app, &here).await.is_null(), "the old id is gone");
    assert!(
        whoami(app, &elsewhere).await.is_null(),
        "other sessions ended"
    );
    assert_eq!(whoami(app, &renewed).await["email"], "dee@example.gov");
    assert_eq!(login(app, "dee@example.gov", PASSWORD).await.status(), 401);
    assert_eq!(
        login(app, "dee@example.gov", new_password).await.status(),
        200
    );
    let db = raw_db(app).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'account.password_changed'"
        )
        .await,
        1
    );
}

async fn name_and_time_zone_are_checked_and_saved(app: &TestApp) {
    create_user(app, "eve@example.gov", Role::SiteContact).await;
    let cookie = logged_in(app, "eve@example.gov").await;
    let refused = call_with_cookie(
        app,
        "account/profile",
        &cookie,
        &[("display_name", " "), ("time_zone", "Mars/Olympus")],
    )
    .await;
    assert_eq!(refused.status(), 400);
    let text = error_text(refused).await;
    assert!(text.contains("display_name:"), "{text}");
    assert!(text.contains("time_zone:"), "{text}");
    let saved = call_with_cookie(
        app,
        "account/profile",
        &cookie,
        &[
            ("display_name", "Eve Park"),
            ("time_zone", "America/Phoenix"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 200);
    let me = overview(app, &cookie).await;
    assert_eq!(me["display_name"], "Eve Park");
    assert_eq!(me["time_zone"], "America/Phoenix");
    // Times on the page follow the new zone (Arizona: MST all year).
    assert!(
        me["sessions"][0]["created"]
            .as_str()
            .unwrap()
            .ends_with("MST")
    );
}

async fn sessions_are_listed_and_ended_only_by_their_owner(app: &TestApp) {
    create_user(app, "fay@example.gov", Role::Coordinator).await;
    create_user(app, "gil@example.gov", Role::Coordinator).await;
    let firefox = login_with_agent(
        app,
        "fay@example.gov",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    )
    .await;
    let phone = login_with_agent(
        app,
        "fay@example.gov",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    )
    .await;
    let gil = logged_in(app, "gil@example.gov").await;
    let me = overview(app, &firefox).await;
    let sessions = me["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    let this = sessions.iter().find(|s| s["current"] == true).unwrap();
    assert_eq!(this["device"], "Firefox on Windows");
    assert_eq!(this["address"], "127.0.0.1");
    let other = sessions.iter().find(|s| s["current"] == false).unwrap();
    assert_eq!(other["device"], "Safari on iPhone");
    let handle = other["handle"].as_str().unwrap().to_owned();

    // Another person cannot end it.
    let refused =
        call_with_cookie(app, "account/sessions/end", &gil, &[("session", &handle)]).await;
    assert_eq!(refused.status(), 404);
    assert!(!whoami(app, &phone).await.is_null());

    let ended = call_with_cookie(
        app,
        "account/sessions/end",
        &firefox,
        &[("session", &handle)],
    )
    .await;
    assert_eq!(ended.status(), 200);
    assert!(whoami(app, &phone).await.is_null());
    assert!(!whoami(app, &firefox).await.is_null());
    assert_eq!(
        overview(app, &firefox).await["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let again = call_with_cookie(
        app,
        "account/sessions/end",
        &firefox,
        &[("session", &handle)],
    )
    .await;
    assert_eq!(again.status(), 404);
}

async fn an_email_change_applies_only_after_its_link_is_used(app: &TestApp) {
    create_user(app, "hal@example.gov", Role::Provider).await;
    create_user(app, "taken@example.gov", Role::Provider).await;
    let cookie = logged_in(app, "hal@example.gov").await;
    let taken = call_with_cookie(
        app,
        "account/email",
        &cookie,
        &[
            ("email", "Taken@Example.gov"),
            ("current_password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(taken.status(), 400);
    assert!(error_text(taken).await.contains("email:"));
    let wrong_password = call_with_cookie(
        app,
        "account/email",
        &cookie,
        &[
            ("email", "hal.new@example.gov"),
            ("current_password", "not-it-at-all-1"),
        ],
    )
    .await;
    assert_eq!(wrong_password.status(), 400);

    let asked = call_with_cookie(
        app,
        "account/email",
        &cookie,
        &[
            ("email", "hal.new@example.gov"),
            ("current_password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(asked.status(), 200);
    let db = raw_db(app).await;
    let to_new = outbox_bodies(&db, "hal.new@example.gov").await;
    assert_eq!(to_new.len(), 1);
    assert!(to_new[0].contains("/account/email/confirm?token="));
    let to_old = outbox_bodies(&db, "hal@example.gov").await;
    assert_eq!(to_old.len(), 1);
    assert!(to_old[0].contains("hal.new@example.gov"), "{}", to_old[0]);
    assert!(
        !to_old[0].contains("token="),
        "the old address never gets the link"
    );
    // Nothing changed yet.
    let me = overview(app, &cookie).await;
    assert_eq!(me["email"], "hal@example.gov");
    assert_eq!(me["pending_email"], "hal.new@example.gov");
    assert_eq!(
        login(app, "hal.new@example.gov", PASSWORD).await.status(),
        401
    );

    let token = token_in(&to_new[0]);
    let page = app
        .get(&format!("/account/email/confirm?token={token}"))
        .await;
    assert_eq!(
        page.status(),
        200,
        "opening the link changes nothing by itself"
    );
    assert_eq!(overview(app, &cookie).await["email"], "hal@example.gov");
    let bad = app
        .call_server_fn("account/email/confirm", &[("token", "0123abcd")])
        .await;
    assert_eq!(bad.status(), 400);
    let confirmed = app
        .call_server_fn("account/email/confirm", &[("token", &token)])
        .await;
    assert_eq!(confirmed.status(), 200);
    assert_eq!(whoami(app, &cookie).await["email"], "hal.new@example.gov");
    assert_eq!(
        login(app, "hal.new@example.gov", PASSWORD).await.status(),
        200
    );
    assert_eq!(login(app, "hal@example.gov", PASSWORD).await.status(), 401);
    let reused = app
        .call_server_fn("account/email/confirm", &[("token", &token)])
        .await;
    assert_eq!(reused.status(), 400);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'account.email_changed'"
        )
        .await,
        1
    );
}

async fn the_page_needs_a_log_in(app: &TestApp) {
    let page = app.get("/account").await;
    assert_eq!(page.status(), 303);
    assert_eq!(page.headers()["location"], "/login?next=/account");
    let anonymous = app.call_server_fn("account/overview", &[]).await;
    assert_eq!(anonymous.status(), 401);
    create_user(app, "ivy@example.gov", Role::SiteContact).await;
    let cookie = logged_in(app, "ivy@example.gov").await;
    let page = app
        .client
        .get(app.url("/account"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("My account"));
    assert!(html.contains("ivy@example.gov"));
}
