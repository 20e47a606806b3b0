//! Two-factor authentication over HTTP on SQLite and PostgreSQL, with every code computed by an
//! independent TOTP implementation (Python's pyotp, run as a process): enrolment from the
//! secret's text, the log-in's pending second step (no session until it passes, a new session
//! id after), a code accepted once (replay refused), the ±1 step window, wrong codes throttled
//! like passwords, recovery codes used once, the administrator's requirement with a grace
//! period, and the audited reset that ends the person's sessions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use serde_json::Value;
use service::accounts::Role;

on_both_databases!(
    enrol_then_log_in_with_a_code_that_works_once,
    codes_outside_the_window_and_wrong_codes_are_refused_and_throttled,
    a_recovery_code_works_once,
    required_for_staff_after_the_grace_period_and_reset_by_an_administrator,
);

/// The TOTP code of `secret` at now + `offset_seconds`, from pyotp.
pub fn pyotp_code(secret: &str, offset_seconds: i64) -> String {
    let script = format!(
        "import pyotp, time; print(pyotp.TOTP('{secret}').at(int(time.time()) + ({offset_seconds})))"
    );
    let pythons = std::env::var("TTA_TEST_PYTHON")
        .into_iter()
        .chain(["python3".to_owned(), "/usr/bin/python3".to_owned()]);
    for python in pythons {
        if let Ok(output) = std::process::Command::new(&python)
            .args(["-c", &script])
            .output()
            && output.status.success()
        {
            let code = String::from_utf8(output.stdout).unwrap().trim().to_owned();
            assert_eq!(code.len(), 6, "{code}");
            return code;
        }
    }
    panic!("no Python with pyotp: run scripts/setup.sh (installs python3-pyotp)");
}

/// The `tta_pending=…` pair a response sets, if any.
pub fn pending_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("tta_pending=") && !v.starts_with("tta_pending=;"))
        .map(|header| header.split(';').next().unwrap().to_owned())
}

/// Sets up a second factor for the person logged in with `cookie`; returns the secret (base32),
/// the recovery codes and the new session cookie.
pub async fn enrol(app: &TestApp, cookie: &str) -> (String, Vec<String>, String) {
    let started = call_with_cookie(app, "account/two-factor/start", cookie, &[]).await;
    assert_eq!(started.status(), 200);
    let view: Value = started.json().await.unwrap();
    let secret: String = view["secret"].as_str().unwrap().replace(' ', "");
    assert_eq!(secret.len(), 32);
    assert!(
        view["uri"]
            .as_str()
            .unwrap()
            .contains(&format!("secret={secret}"))
    );
    assert!(view["qr_svg"].as_str().unwrap().contains("<svg"));
    let code = pyotp_code(&secret, 0);
    let confirmed = call_with_cookie(
        app,
        "account/two-factor/confirm",
        cookie,
        &[("code", &code)],
    )
    .await;
    assert_eq!(confirmed.status(), 200);
    let (new_cookie, _) = session_cookie(&confirmed).expect("a new session cookie");
    let codes: Vec<String> = confirmed.json().await.unwrap();
    (secret, codes, new_cookie)
}

/// Password step of `email`: the pending cookie (asserting no session was started).
async fn password_step(app: &TestApp, email: &str) -> String {
    let response = login(app, email, PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert!(
        session_cookie(&response).is_none(),
        "no session before the second step"
    );
    pending_cookie(&response).expect("a pending log-in cookie")
}

async fn second_step(app: &TestApp, pending: &str, code: &str) -> reqwest::Response {
    call_with_cookie(app, "auth/second-step/verify", pending, &[("code", code)]).await
}

async fn enrol_then_log_in_with_a_code_that_works_once(app: &TestApp) {
    create_user(app, "ana@example.gov", Role::Coordinator).await;
    let first = logged_in(app, "ana@example.gov").await;
    let other_browser = logged_in(app, "ana@example.gov").await;
    let (secret, codes, cookie) = enrol(app, &first).await;
    assert_eq!(codes.len(), 10);
    let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
    assert_eq!(distinct.len(), 10);
    // Every session ended with the change; this browser has a new id.
    assert_ne!(cookie, first);
    assert!(whoami(app, &first).await.is_null());
    assert!(whoami(app, &other_browser).await.is_null());
    assert_eq!(whoami(app, &cookie).await["email"], "ana@example.gov");
    let db = raw_db(app).await;
    // Recovery codes are stored as argon2id hashes, never as typed.
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM recovery_code WHERE code_hash LIKE '$argon2id$%'"
        )
        .await,
        10
    );
    let stored = count(
        &db,
        &format!(
            "SELECT COUNT(*) FROM recovery_code WHERE code_hash LIKE '%{}%'",
            codes[0]
        ),
    )
    .await;
    assert_eq!(stored, 0);

    // The password alone opens nothing: a pending log-in, not a session.
    let pending = password_step(app, "ana@example.gov").await;
    assert!(whoami(app, &pending).await.is_null());
    let overview = call_with_cookie(app, "account/overview", &pending, &[]).await;
    assert_eq!(overview.status(), 401);
    let purpose = call_with_cookie(app, "auth/second-step", &pending, &[]).await;
    assert_eq!(purpose.json::<Value>().await.unwrap(), "verify");

    // The next step's code (inside the ±1 window; the enrolment used this step's).
    let code = pyotp_code(&secret, 30);
    let passed = second_step(app, &pending, &code).await;
    assert_eq!(passed.status(), 200);
    let (session, _) = session_cookie(&passed).expect("a session after the second step");
    assert_ne!(session, cookie);
    assert_eq!(whoami(app, &session).await["role"], "coordinator");
    // The pending log-in is used up.
    let again = second_step(app, &pending, &code).await;
    assert_eq!(again.status(), 401);

    // The same code on a new log-in: refused (a code works once).
    let pending = password_step(app, "ana@example.gov").await;
    let replay = second_step(app, &pending, &code).await;
    assert_eq!(replay.status(), 401);
    assert!(session_cookie(&replay).is_none());
    assert!(error_text(replay).await.contains("used already"));
    // An older step's code is refused too: only newer steps pass.
    let older = second_step(app, &pending, &pyotp_code(&secret, -30)).await;
    assert_eq!(older.status(), 401);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login.second_factor_failed'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'two_factor.enabled'"
        )
        .await,
        1
    );
}

async fn codes_outside_the_window_and_wrong_codes_are_refused_and_throttled(app: &TestApp) {
    create_user(app, "ben@example.gov", Role::Provider).await;
    let cookie = logged_in(app, "ben@example.gov").await;
    let (secret, _, _) = enrol(app, &cookie).await;
    let pending = password_step(app, "ben@example.gov").await;
    // Two steps away (a minute): outside the window.
    let late = second_step(app, &pending, &pyotp_code(&secret, 75)).await;
    assert_eq!(late.status(), 401);
    let early = second_step(app, &pending, &pyotp_code(&secret, -90)).await;
    assert_eq!(early.status(), 401);
    // Malformed and wrong codes count as well; the fifth failure locks the account's step.
    let malformed = second_step(app, &pending, "12ab").await;
    assert_eq!(malformed.status(), 401);
    let fourth = second_step(app, &pending, "not-a-code").await;
    assert_eq!(fourth.status(), 401);
    let fifth = second_step(app, &pending, &pyotp_code(&secret, 300)).await;
    assert_eq!(fifth.status(), 429);
    assert!(error_text(fifth).await.contains("try again in"));
    // Locked: even the right code waits.
    let right = second_step(app, &pending, &pyotp_code(&secret, 30)).await;
    assert_eq!(right.status(), 429);
    assert!(session_cookie(&right).is_none());
}

async fn a_recovery_code_works_once(app: &TestApp) {
    create_user(app, "cy@example.gov", Role::SiteContact).await;
    let cookie = logged_in(app, "cy@example.gov").await;
    let (_, codes, _) = enrol(app, &cookie).await;
    let pending = password_step(app, "cy@example.gov").await;
    // Typed in capitals with spaces instead of hyphens: still the code.
    let typed = codes[3].to_uppercase().replace('-', " ");
    let passed = second_step(app, &pending, &typed).await;
    assert_eq!(passed.status(), 200);
    let (session, _) = session_cookie(&passed).unwrap();
    let overview: Value = call_with_cookie(app, "account/overview", &session, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(overview["two_factor_enabled"], true);
    assert_eq!(overview["recovery_codes_left"], 9);
    let pending = password_step(app, "cy@example.gov").await;
    let reused = second_step(app, &pending, &codes[3]).await;
    assert_eq!(reused.status(), 401);
    let another = second_step(app, &pending, &codes[4]).await;
    assert_eq!(another.status(), 200);
    let db = raw_db(app).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM recovery_code WHERE used_at IS NOT NULL"
        )
        .await,
        2
    );
}

async fn required_for_staff_after_the_grace_period_and_reset_by_an_administrator(app: &TestApp) {
    create_user(app, "admin@example.gov", Role::Admin).await;
    create_user(app, "coord@example.gov", Role::Coordinator).await;
    create_user(app, "site@example.gov", Role::SiteContact).await;
    let admin = logged_in(app, "admin@example.gov").await;
    let saved = call_with_cookie(
        app,
        "admin/two-factor/policy",
        &admin,
        &[("required", "on"), ("grace_days", "7")],
    )
    .await;
    assert_eq!(saved.status(), 200);
    let refused = call_with_cookie(
        app,
        "admin/two-factor/policy",
        &admin,
        &[("required", "on"), ("grace_days", "400")],
    )
    .await;
    assert_eq!(refused.status(), 400);
    assert!(error_text(refused).await.contains("grace_days:"));

    // Within the grace period the coordinator logs in and is told until when.
    let coordinator = logged_in(app, "coord@example.gov").await;
    let overview: Value = call_with_cookie(app, "account/overview", &coordinator, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(overview["two_factor_required"], true);
    assert!(
        overview["two_factor_deadline"]
            .as_str()
            .unwrap()
            .contains("set it up before")
    );
    // Site contacts are not concerned.
    let site = logged_in(app, "site@example.gov").await;
    let overview: Value = call_with_cookie(app, "account/overview", &site, &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(overview["two_factor_required"], false);

    // No grace left: the password leads to setting the factor up, then the session.
    let saved = call_with_cookie(
        app,
        "admin/two-factor/policy",
        &admin,
        &[("required", "on"), ("grace_days", "0")],
    )
    .await;
    assert_eq!(saved.status(), 200);
    let pending = password_step(app, "coord@example.gov").await;
    let purpose = call_with_cookie(app, "auth/second-step", &pending, &[]).await;
    assert_eq!(purpose.json::<Value>().await.unwrap(), "enrol");
    let view: Value = call_with_cookie(app, "auth/second-step/enrolment", &pending, &[])
        .await
        .json()
        .await
        .unwrap();
    let secret = view["secret"].as_str().unwrap().replace(' ', "");
    let enrolled = call_with_cookie(
        app,
        "auth/second-step/enrol",
        &pending,
        &[("code", &pyotp_code(&secret, 0))],
    )
    .await;
    assert_eq!(enrolled.status(), 200);
    let (coordinator, _) = session_cookie(&enrolled).unwrap();
    assert_eq!(enrolled.json::<Vec<String>>().await.unwrap().len(), 10);
    assert_eq!(whoami(app, &coordinator).await["role"], "coordinator");
    // Required: the person cannot switch it off.
    let off = call_with_cookie(
        app,
        "account/two-factor/off",
        &coordinator,
        &[("current_password", PASSWORD)],
    )
    .await;
    assert_eq!(off.status(), 403);

    // The administrator resets it: the coordinator's sessions end, the reset is audited.
    let people: Value = call_with_cookie(app, "admin/two-factor", &admin, &[])
        .await
        .json()
        .await
        .unwrap();
    let row = people["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["email"] == "coord@example.gov")
        .unwrap()
        .clone();
    assert_eq!(row["enabled"], true);
    let id = row["user_id"].to_string();
    let reset = call_with_cookie(app, "admin/two-factor/reset", &admin, &[("user_id", &id)]).await;
    assert_eq!(reset.status(), 200);
    assert!(whoami(app, &coordinator).await.is_null());
    let again = call_with_cookie(app, "admin/two-factor/reset", &admin, &[("user_id", &id)]).await;
    assert_eq!(again.status(), 409);
    let db = raw_db(app).await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT COUNT(*) FROM audit_event WHERE action = 'two_factor.reset' AND subject_id = '{}'",
                id
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM recovery_code").await,
        0,
        "the recovery codes went with the factor"
    );
    // The next log-in asks for a new set-up (the grace period is over).
    let coordinator = password_step(app, "coord@example.gov").await;
    let purpose = call_with_cookie(app, "auth/second-step", &coordinator, &[]).await;
    assert_eq!(purpose.json::<Value>().await.unwrap(), "enrol");
}
