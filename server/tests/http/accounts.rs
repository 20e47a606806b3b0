//! Logging in and out over HTTP on SQLite and PostgreSQL: cookies, session rotation, logout,
//! idle and absolute expiry, rate limiting per account and per IP, CSRF, and the guard.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use chrono::{Duration, Utc};
use harness::TestApp;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use service::accounts::Role;
use service::entities::login_session;

on_both_databases!(
    login_sets_an_httponly_samesite_cookie_and_a_new_session_each_time,
    unknown_email_and_wrong_password_get_the_same_message,
    logout_deletes_the_session_on_the_server,
    idle_and_absolute_expiry_end_sessions,
    a_session_resolves_to_its_account_and_sites_in_one_lookup,
    repeated_failures_lock_the_account_with_a_retry_time,
    many_failures_from_one_address_lock_that_address,
    cross_site_state_changes_are_refused,
    get_never_changes_state,
    guard_answers_401_anonymous_and_403_wrong_role,
    demo_accounts_are_seeded_and_can_log_in,
);

async fn login_sets_an_httponly_samesite_cookie_and_a_new_session_each_time(app: &TestApp) {
    create_user(app, "Ana.Lopez@Memphis.gov", Role::Coordinator).await;
    // Case-insensitive e-mail.
    let first = login(app, "ana.lopez@memphis.GOV", PASSWORD).await;
    assert_eq!(first.status(), 200);
    let (cookie, header) = session_cookie(&first).expect("Set-Cookie");
    assert!(header.contains("HttpOnly"), "{header}");
    assert!(header.contains("SameSite=Lax"), "{header}");
    assert!(header.contains("Path=/"), "{header}");
    assert!(!header.contains("Secure"), "plain-http default: {header}");
    assert_eq!(cookie.len(), "tta_session=".len() + 64);
    let me = whoami(app, &cookie).await;
    assert_eq!(me["role"], "coordinator");
    assert_eq!(me["email"], "Ana.Lopez@Memphis.gov");

    // Logging in again from the same browser gives a new id and ends the old session.
    let second = call_with_cookie(
        app,
        "auth/login",
        &cookie,
        &[("email", "ana.lopez@memphis.gov"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(second.status(), 200);
    let (cookie2, _) = session_cookie(&second).unwrap();
    assert_ne!(cookie, cookie2);
    assert!(whoami(app, &cookie).await.is_null());
    assert_eq!(whoami(app, &cookie2).await["role"], "coordinator");
    let db = raw_db(app).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM login_session").await, 1);
    // Only the hash of the token is stored.
    let token = cookie2.trim_start_matches("tta_session=");
    let stored = login_session::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(stored.id, token);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login.succeeded'"
        )
        .await,
        2
    );
}

async fn unknown_email_and_wrong_password_get_the_same_message(app: &TestApp) {
    create_user(app, "provider@example.gov", Role::Provider).await;
    let wrong = login(app, "provider@example.gov", "not-the-password-1").await;
    assert_eq!(wrong.status(), 401);
    assert!(session_cookie(&wrong).is_none());
    let unknown = login(app, "nobody@example.gov", "not-the-password-1").await;
    assert_eq!(unknown.status(), 401);
    let (wrong, unknown) = (error_text(wrong).await, error_text(unknown).await);
    assert_eq!(wrong, unknown);
    assert!(
        wrong.contains("e-mail address or password is not correct"),
        "{wrong}"
    );
    let db = raw_db(app).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login.failed'"
        )
        .await,
        2
    );
}

async fn logout_deletes_the_session_on_the_server(app: &TestApp) {
    create_user(app, "contact@example.gov", Role::SiteContact).await;
    let cookie = logged_in(app, "contact@example.gov").await;
    assert!(!whoami(app, &cookie).await.is_null());
    let response = call_with_cookie(app, "auth/logout", &cookie, &[]).await;
    assert_eq!(response.status(), 200);
    let (_, header) = session_cookie(&response).expect("a clearing cookie");
    assert!(header.contains("Max-Age=0"), "{header}");
    // The old cookie, replayed, no longer works.
    assert!(whoami(app, &cookie).await.is_null());
    let db = raw_db(app).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM login_session").await, 0);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'logout'"
        )
        .await,
        1
    );
}

async fn idle_and_absolute_expiry_end_sessions(app: &TestApp) {
    create_user(app, "idle@example.gov", Role::Provider).await;
    let db = raw_db(app).await;

    // Idle: no request for longer than the idle timeout (120 minutes by default).
    let idle = logged_in(app, "idle@example.gov").await;
    login_session::Entity::update_many()
        .col_expr(
            login_session::Column::LastSeenAt,
            (Utc::now() - Duration::minutes(121)).into(),
        )
        .exec(&db)
        .await
        .unwrap();
    assert!(whoami(app, &idle).await.is_null());
    assert_eq!(count(&db, "SELECT COUNT(*) FROM login_session").await, 0);

    // Recent activity keeps a session alive, and is recorded at most once a minute.
    let active = logged_in(app, "idle@example.gov").await;
    let seen = Utc::now() - Duration::minutes(100);
    login_session::Entity::update_many()
        .col_expr(login_session::Column::LastSeenAt, seen.into())
        .exec(&db)
        .await
        .unwrap();
    assert!(!whoami(app, &active).await.is_null());
    let row = login_session::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.last_seen_at > seen + Duration::minutes(99), "touched");

    // Absolute: past expires_at however active.
    login_session::Entity::update_many()
        .col_expr(
            login_session::Column::ExpiresAt,
            (Utc::now() - Duration::seconds(1)).into(),
        )
        .filter(login_session::Column::UserId.gt(0))
        .exec(&db)
        .await
        .unwrap();
    assert!(whoami(app, &active).await.is_null());
    assert_eq!(count(&db, "SELECT COUNT(*) FROM login_session").await, 0);
}

async fn repeated_failures_lock_the_account_with_a_retry_time(app: &TestApp) {
    create_user(app, "target@example.gov", Role::Coordinator).await;
    for attempt in 1..=4 {
        let response = login(app, "target@example.gov", "wrong-password-xx").await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    let fifth = login(app, "TARGET@example.gov", "wrong-password-xx").await;
    assert_eq!(fifth.status(), 429);
    let message = error_text(fifth).await;
    assert!(
        message.contains("Too many failed log-in attempts"),
        "{message}"
    );
    assert!(message.contains("try again in 15 minutes"), "{message}");
    // Even the right password is refused while locked.
    let right = login(app, "target@example.gov", PASSWORD).await;
    assert_eq!(right.status(), 429);
    assert!(session_cookie(&right).is_none());
    let db = raw_db(app).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'login.locked_out'"
        )
        .await,
        1
    );
    // Another account from the same address is not affected (the address has 6 failures of 20).
    create_user(app, "other@example.gov", Role::Coordinator).await;
    assert_eq!(
        login(app, "other@example.gov", PASSWORD).await.status(),
        200
    );
    // Once the lock has passed, the account can log in again.
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        "UPDATE login_throttle SET locked_until = NULL, failures = 0",
    )
    .await
    .unwrap();
    assert_eq!(
        login(app, "target@example.gov", PASSWORD).await.status(),
        200
    );
}

async fn many_failures_from_one_address_lock_that_address(app: &TestApp) {
    create_user(app, "real@example.gov", Role::Provider).await;
    for n in 1..=19 {
        let response = login(app, &format!("guess{n}@example.gov"), "wrong-password-xx").await;
        assert_eq!(response.status(), 401, "attempt {n}");
    }
    let twentieth = login(app, "guess20@example.gov", "wrong-password-xx").await;
    assert_eq!(twentieth.status(), 429);
    let blocked = login(app, "real@example.gov", PASSWORD).await;
    assert_eq!(blocked.status(), 429);
    assert!(
        error_text(blocked)
            .await
            .contains("Too many failed log-in attempts")
    );
}

async fn cross_site_state_changes_are_refused(app: &TestApp) {
    create_user(app, "csrf@example.gov", Role::Coordinator).await;
    let form = [("email", "csrf@example.gov"), ("password", PASSWORD)];
    let cross_site = app
        .client
        .post(app.url("/api/auth/login"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    assert!(session_cookie(&cross_site).is_none());
    let foreign_origin = app
        .client
        .post(app.url("/api/auth/login"))
        .header("Origin", "https://attacker.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(foreign_origin.status(), 403);
    let db = raw_db(app).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM login_session").await, 0);

    let same_origin = app
        .client
        .post(app.url("/api/auth/login"))
        .header("Accept", "application/json")
        .header("Sec-Fetch-Site", "same-origin")
        .header("Origin", &app.address)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(same_origin.status(), 200);
    assert!(session_cookie(&same_origin).is_some());
}

async fn get_never_changes_state(app: &TestApp) {
    create_user(app, "get@example.gov", Role::Coordinator).await;
    let cookie = logged_in(app, "get@example.gov").await;
    let get = app
        .client
        .get(app.url("/api/auth/logout"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_ne!(get.status(), 200);
    assert!(!whoami(app, &cookie).await.is_null(), "still logged in");
    let get_login = app
        .client
        .get(app.url("/api/auth/login?email=get@example.gov&password=tta-test-password-1"))
        .send()
        .await
        .unwrap();
    assert!(session_cookie(&get_login).is_none());
}

async fn guard_answers_401_anonymous_and_403_wrong_role(app: &TestApp) {
    let anonymous = app.call_server_fn("invitations/pending", &[]).await;
    assert_eq!(anonymous.status(), 401);
    assert!(error_text(anonymous).await.contains("not logged in"));

    create_user(app, "provider@example.gov", Role::Provider).await;
    let provider = logged_in(app, "provider@example.gov").await;
    let refused = call_with_cookie(app, "invitations/pending", &provider, &[]).await;
    assert_eq!(refused.status(), 403);
    let message = error_text(refused).await;
    assert!(
        message.contains("Your role (Provider) does not give access"),
        "{message}"
    );

    create_user(app, "coord@example.gov", Role::Coordinator).await;
    let coordinator = logged_in(app, "coord@example.gov").await;
    let allowed = call_with_cookie(app, "invitations/pending", &coordinator, &[]).await;
    assert_eq!(allowed.status(), 200);
}

async fn demo_accounts_are_seeded_and_can_log_in(app: &TestApp) {
    app.seed_demo().await;
    app.seed_demo().await;
    let db = raw_db(app).await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM app_user").await,
        demo::DEMO_ACCOUNTS.len() as i64
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM site_contact").await, 3);
    let response = login(app, "coordinator@tta.example.gov", demo::DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let cookie = session_cookie(&response).unwrap().0;
    assert_eq!(whoami(app, &cookie).await["role"], "coordinator");
    for zone in ["America/Phoenix", "America/Denver", "Pacific/Honolulu"] {
        let sql = format!(
            "SELECT COUNT(*) FROM app_user WHERE role = 'provider' AND time_zone = '{zone}'"
        );
        assert_eq!(count(&db, &sql).await, 1, "{zone}");
    }
}

/// The log-in session, its account and the account's sites are read by one joined query on
/// every request: it gives the account as it is now (role, sites in id order), and still
/// refuses an unknown, logged-out, expired or deactivated session.
async fn a_session_resolves_to_its_account_and_sites_in_one_lookup(app: &TestApp) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, QueryOrder};
    use service::access::resolve_actor;
    use service::accounts::{SessionPolicy, SessionToken};
    use service::entities::{app_user, site, site_contact};

    app.seed_demo().await;
    let db = raw_db(app).await;
    let database = server::startup::open_database(&app.config).await.unwrap();
    let policy = SessionPolicy::default();
    let token_of =
        |cookie: &str| SessionToken::new(cookie.strip_prefix("tta_session=").unwrap().to_owned());
    let resolve = async |cookie: &str| {
        resolve_actor(&database, &token_of(cookie), &policy)
            .await
            .unwrap()
            .map(|actor| actor.user().clone())
    };

    // A site contact of two sites, linked in the reverse of their ids' order.
    let contact = create_user(app, "two.sites@example.gov", Role::SiteContact).await;
    let mut sites: Vec<i32> = site::Entity::find()
        .order_by_asc(site::Column::Id)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .take(2)
        .collect();
    assert_eq!(sites.len(), 2, "the demo has two sites");
    for &site_id in sites.iter().rev() {
        site_contact::ActiveModel {
            site_id: Set(site_id),
            user_id: Set(contact),
        }
        .insert(&db)
        .await
        .unwrap();
    }
    let cookie = logged_in(app, "two.sites@example.gov").await;
    let user = resolve(&cookie).await.expect("a live session");
    sites.sort_unstable();
    assert_eq!(
        (user.id, user.role, user.email.as_str()),
        (contact, Role::SiteContact, "two.sites@example.gov")
    );
    assert_eq!(user.site_ids, sites, "every site, in id order");
    assert_eq!(user.time_zone, "America/Chicago");

    // Another person's session reads only that person, with no sites.
    create_user(app, "no.sites@example.gov", Role::Coordinator).await;
    let other = logged_in(app, "no.sites@example.gov").await;
    let coordinator = resolve(&other).await.expect("a live session");
    assert_eq!(coordinator.role, Role::Coordinator);
    assert!(coordinator.site_ids.is_empty());

    // A token nobody was given, a logged-out session, an expired one, a deactivated account.
    assert_eq!(resolve("tta_session=not-a-session").await, None);
    let out = logged_in(app, "no.sites@example.gov").await;
    service::accounts::login_sessions::end_login_session(&database, &token_of(&out))
        .await
        .unwrap();
    assert_eq!(resolve(&out).await, None, "logged out");
    let expiring = logged_in(app, "no.sites@example.gov").await;
    login_session::Entity::update_many()
        .col_expr(
            login_session::Column::ExpiresAt,
            (Utc::now() - Duration::seconds(1)).into(),
        )
        .filter(login_session::Column::Id.eq(token_of(&expiring).id()))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(resolve(&expiring).await, None, "expired");
    assert_eq!(
        login_session::Entity::find_by_id(token_of(&expiring).id())
            .one(&db)
            .await
            .unwrap(),
        None,
        "an expired session is deleted"
    );
    assert!(resolve(&other).await.is_some(), "the others stay");
    let mut account: app_user::ActiveModel = app_user::Entity::find_by_id(contact)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .into();
    account.active = Set(false);
    account.update(&db).await.unwrap();
    assert_eq!(resolve(&cookie).await, None, "deactivated");
    assert!(whoami(app, &cookie).await.is_null());
}
