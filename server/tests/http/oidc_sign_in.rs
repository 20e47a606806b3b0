//! OpenID Connect sign-in against a real provider (`oidc-provider` on loopback, configured for
//! `private_key_jwt` and PKCE; see `oidc_support`), on SQLite and PostgreSQL: an invited person
//! links at the first sign-in through a verified e-mail and is found by `sub` afterwards; an
//! unknown person gets no account; a wrong nonce, a replayed code, an expired ID token, an
//! unverified e-mail and a `state` from another browser are refused, each with its sentence on
//! the log-in page and a row in the audit log; roles that must use OpenID Connect are refused a
//! password log-in.

use sea_orm::DatabaseConnection;
use service::accounts::invitations::{self, InvitationForm};
use service::accounts::{AccountSettings, ClientInfo, Role};

use crate::accounts_support::{PASSWORD, count, create_user, login, raw_db, whoami};
use crate::harness::{Backend, TestApp};
use crate::oidc_support::{Browser, app_with_provider, location, query_param, with_query_param};

async fn invite(app: &TestApp, email: &str, role: &str) {
    let admin = create_user(app, &format!("admin.{email}"), Role::Admin).await;
    let db = server::startup::open_database(&app.config).await.unwrap();
    let actor = crate::harness::fixtures::actor_of(&db, admin).await;
    invitations::invite(
        &db,
        &actor,
        &InvitationForm {
            email: email.to_owned(),
            role: role.to_owned(),
            site_id: String::new(),
        },
        &ClientInfo::default(),
        &AccountSettings::default(),
    )
    .await
    .unwrap();
}

async fn refusals(db: &DatabaseConnection, reason: &str) -> i64 {
    count(
        db,
        &format!(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login.oidc_refused' \
             AND detail LIKE '%\"{reason}\"%'"
        ),
    )
    .await
}

/// The log-in page the refusal sends the browser to, and what it says.
async fn refusal_page(browser: &mut Browser, location: &str) -> String {
    assert!(location.starts_with("/login?oidc_error="), "{location}");
    let page = browser.get(&browser.app_url(location)).await;
    assert_eq!(page.status(), 200);
    page.text().await.unwrap()
}

async fn invited_person_links_once_then_signs_in_by_subject(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "").await else {
        return;
    };
    let db = raw_db(&app).await;
    invite(&app, "ana.invited@example.gov", "provider").await;

    // The log-in page offers the configured providers.
    let page = app.get("/login").await.text().await.unwrap();
    assert!(page.contains("Sign in with Test ID"), "{page}");
    assert!(page.contains("/auth/oidc/test/start"));

    let mut browser = Browser::new(&app);
    let authorization = browser.start("test", Some("/provider/sessions")).await;
    // Authorization code flow with PKCE (S256), state, nonce and the configured acr_values.
    assert_eq!(
        query_param(&authorization, "response_type").as_deref(),
        Some("code")
    );
    assert_eq!(
        query_param(&authorization, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert!(query_param(&authorization, "state").is_some());
    assert!(query_param(&authorization, "nonce").is_some());
    assert_eq!(
        query_param(&authorization, "acr_values").as_deref(),
        Some("urn%3Aacr.login.gov%3Aauth-only")
    );
    let callback = browser
        .log_in_at_provider(&authorization, "ana.invited@example.gov")
        .await;
    let response = browser.callback(&callback).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/provider/sessions");
    let session = browser.app_cookie("tta_session").expect("a session cookie");
    let me = whoami(&app, &format!("tta_session={session}")).await;
    assert_eq!(me["email"], "ana.invited@example.gov");
    assert_eq!(me["role"], "provider");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM oidc_identity WHERE provider = 'test' \
             AND subject = 'ana.invited@example.gov'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM invitation WHERE email = 'ana.invited@example.gov' \
             AND used_at IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'account.oidc_linked'"
        )
        .await,
        1
    );

    // A second sign-in (a new browser) finds the account by `sub`: a new session id, no new link.
    let mut second = Browser::new(&app);
    assert_eq!(second.sign_in("test", "ana.invited@example.gov").await, "/");
    let second_session = second.app_cookie("tta_session").unwrap();
    assert_ne!(second_session, session);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM oidc_identity").await, 1);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login.oidc_succeeded'"
        )
        .await,
        2
    );

    // Signing in again in the first browser ends its old session (a new id at every sign-in).
    assert_eq!(
        browser.sign_in("test", "ana.invited@example.gov").await,
        "/"
    );
    let renewed = browser.app_cookie("tta_session").unwrap();
    assert_ne!(renewed, session);
    let old = crate::accounts_support::call_with_cookie(
        &app,
        "auth/whoami",
        &format!("tta_session={session}"),
        &[],
    )
    .await
    .json::<serde_json::Value>()
    .await
    .unwrap();
    assert!(old.is_null(), "the old session ended: {old}");
}

async fn existing_account_links_through_verified_email(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "").await else {
        return;
    };
    let db = raw_db(&app).await;
    create_user(&app, "pat.existing@example.gov", Role::Coordinator).await;
    let mut browser = Browser::new(&app);
    // The client-secret provider, this time.
    assert_eq!(
        browser.sign_in("secret", "pat.existing@example.gov").await,
        "/"
    );
    let session = browser.app_cookie("tta_session").unwrap();
    let me = whoami(&app, &format!("tta_session={session}")).await;
    assert_eq!(me["email"], "pat.existing@example.gov");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM oidc_identity WHERE provider = 'secret'"
        )
        .await,
        1
    );
}

async fn unknown_person_gets_no_account(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "").await else {
        return;
    };
    let db = raw_db(&app).await;
    let mut browser = Browser::new(&app);
    let target = browser.sign_in("test", "stranger@example.gov").await;
    assert_eq!(target, "/login?oidc_error=no_account");
    assert!(browser.app_cookie("tta_session").is_none());
    let page = refusal_page(&mut browser, &target).await;
    assert!(
        page.contains("There is no account or invitation for the e-mail address"),
        "{page}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM app_user WHERE email = 'stranger@example.gov'"
        )
        .await,
        0
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM oidc_identity").await, 0);
    assert_eq!(refusals(&db, "no_account").await, 1);
}

async fn unverified_email_is_refused(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "").await else {
        return;
    };
    let db = raw_db(&app).await;
    invite(&app, "bo.unverified@example.gov", "coordinator").await;
    let mut browser = Browser::new(&app);
    let target = browser
        .sign_in("test", "unverified:bo.unverified@example.gov")
        .await;
    assert_eq!(target, "/login?oidc_error=email_unverified");
    let page = refusal_page(&mut browser, &target).await;
    assert!(
        page.contains("has not verified your e-mail address"),
        "{page}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM invitation WHERE email = 'bo.unverified@example.gov' \
             AND used_at IS NULL"
        )
        .await,
        1,
        "the invitation is still unused"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM oidc_identity").await, 0);
    assert_eq!(refusals(&db, "email_unverified").await, 1);
}

async fn wrong_nonce_is_refused(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "").await else {
        return;
    };
    let db = raw_db(&app).await;
    create_user(&app, "nia.nonce@example.gov", Role::Provider).await;
    let mut browser = Browser::new(&app);
    let authorization = browser.start("test", None).await;
    // The provider is asked for another nonce than the one this attempt stored: its ID token
    // carries that one.
    let tampered = with_query_param(&authorization, "nonce", "not-the-attempts-nonce");
    let callback = browser
        .log_in_at_provider(&tampered, "nia.nonce@example.gov")
        .await;
    let response = browser.callback(&callback).await;
    let target = location(&response);
    assert_eq!(target, "/login?oidc_error=wrong_nonce");
    assert!(browser.app_cookie("tta_session").is_none());
    let page = refusal_page(&mut browser, &target).await;
    assert!(page.contains("its nonce did not match"), "{page}");
    assert_eq!(refusals(&db, "wrong_nonce").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM oidc_identity").await, 0);
}

async fn replayed_code_is_refused(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "").await else {
        return;
    };
    let db = raw_db(&app).await;
    create_user(&app, "ray.replay@example.gov", Role::Provider).await;
    let mut browser = Browser::new(&app);
    let authorization = browser.start("test", None).await;
    let callback = browser
        .log_in_at_provider(&authorization, "ray.replay@example.gov")
        .await;
    let state_cookie = browser.app_cookie("tta_oidc_state").unwrap();
    assert_eq!(location(&browser.callback(&callback).await), "/");

    // The same answer again (the state cookie put back): the attempt was used.
    let mut replay = Browser::new(&app);
    let _ = replay.get(&replay.app_url("/healthz")).await;
    let target = {
        let url = replay.app_url(&callback);
        let response = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(url)
            .header("cookie", format!("tta_oidc_state={state_cookie}"))
            .send()
            .await
            .unwrap();
        location(&response)
    };
    assert_eq!(target, "/login?oidc_error=replayed");
    let page = refusal_page(&mut replay, &target).await;
    assert!(page.contains("already used"), "{page}");

    // The same code under a fresh attempt of this browser: the provider refuses it.
    let fresh = browser.start("test", None).await;
    let fresh_state = query_param(&fresh, "state").unwrap();
    let replayed = with_query_param(&callback, "state", &fresh_state);
    let target = location(&browser.callback(&replayed).await);
    assert_eq!(target, "/login?oidc_error=code_refused");
    assert_eq!(refusals(&db, "replayed").await, 1);
    assert_eq!(refusals(&db, "code_refused").await, 1);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login.oidc_succeeded'"
        )
        .await,
        1
    );
}

async fn expired_id_token_is_refused(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "").await else {
        return;
    };
    let db = raw_db(&app).await;
    create_user(&app, "eve.expired@example.gov", Role::Provider).await;
    let mut browser = Browser::new(&app);
    let target = browser.sign_in("expiring", "eve.expired@example.gov").await;
    assert_eq!(target, "/login?oidc_error=token_expired");
    assert!(browser.app_cookie("tta_session").is_none());
    let page = refusal_page(&mut browser, &target).await;
    assert!(page.contains("had already expired"), "{page}");
    assert_eq!(refusals(&db, "token_expired").await, 1);
}

async fn state_from_another_browser_is_refused(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "").await else {
        return;
    };
    let db = raw_db(&app).await;
    create_user(&app, "sam.state@example.gov", Role::Provider).await;
    let mut browser = Browser::new(&app);
    let authorization = browser.start("test", None).await;
    let callback = browser
        .log_in_at_provider(&authorization, "sam.state@example.gov")
        .await;
    // Delivered to a browser that never started this sign-in (login CSRF): refused, and the
    // attempt stays unused.
    browser.forget_app_cookie("tta_oidc_state");
    let target = location(&browser.callback(&callback).await);
    assert_eq!(target, "/login?oidc_error=state_mismatch");
    assert_eq!(refusals(&db, "state_mismatch").await, 1);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM oidc_login_attempt WHERE used_at IS NULL"
        )
        .await,
        1
    );
}

async fn roles_that_must_use_oidc_are_refused_a_password(backend: Backend) {
    let Some((_provider, app)) = app_with_provider(backend, "admin,coordinator").await else {
        return;
    };
    let db = raw_db(&app).await;
    create_user(&app, "ada.admin@example.gov", Role::Admin).await;
    create_user(&app, "pia.provider@example.gov", Role::Provider).await;
    let refused = login(&app, "ada.admin@example.gov", PASSWORD).await;
    assert_eq!(refused.status(), 401);
    assert!(refused.headers().get("set-cookie").is_none());
    let text = refused.text().await.unwrap();
    assert!(text.contains("“Sign in with Test ID”"), "{text}");
    // A wrong password says nothing of the role.
    let wrong = login(&app, "ada.admin@example.gov", "not-the-password-at-all").await;
    assert!(!wrong.text().await.unwrap().contains("Sign in with"));
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login.oidc_required'"
        )
        .await,
        1
    );
    // Other roles keep their password; the administrator signs in through the provider.
    assert_eq!(
        login(&app, "pia.provider@example.gov", PASSWORD)
            .await
            .status(),
        200
    );
    let mut browser = Browser::new(&app);
    assert_eq!(browser.sign_in("test", "ada.admin@example.gov").await, "/");
    let session = browser.app_cookie("tta_session").unwrap();
    assert_eq!(
        whoami(&app, &format!("tta_session={session}")).await["role"],
        "admin"
    );
}

crate::on_both_backends!(
    invited_person_links_once_then_signs_in_by_subject,
    existing_account_links_through_verified_email,
    unknown_person_gets_no_account,
    unverified_email_is_refused,
    wrong_nonce_is_refused,
    replayed_code_is_refused,
    expired_id_token_is_refused,
    state_from_another_browser_is_refused,
    roles_that_must_use_oidc_are_refused_a_password,
);
