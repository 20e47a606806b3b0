//! Invitations, password reset and `tta create-admin`, over HTTP and the real binary, on SQLite
//! and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use sea_orm::EntityTrait;
use service::accounts::Role;

on_both_databases!(
    an_invitation_creates_an_account_once,
    invitations_expire_and_wrong_tokens_are_refused,
    invitation_rules_for_roles_and_sites,
    an_invitation_is_sent_again_with_a_new_link_or_withdrawn,
    password_reset_works_once_and_hides_unknown_addresses,
    expired_reset_links_are_refused,
    create_admin_refuses_weak_passwords_and_creates_an_admin,
);

async fn invite(
    app: &TestApp,
    cookie: &str,
    email: &str,
    role: &str,
    site: &str,
) -> reqwest::Response {
    call_with_cookie(
        app,
        "invitations/create",
        cookie,
        &[("email", email), ("role", role), ("site_id", site)],
    )
    .await
}

async fn accept(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.call_server_fn(
        "invitations/accept",
        &[
            ("token", token),
            ("display_name", "Nia Newcomer"),
            ("time_zone", "America/Denver"),
            ("password", password),
            ("password_confirm", password),
        ],
    )
    .await
}

async fn an_invitation_creates_an_account_once(app: &TestApp) {
    create_user(app, "coord@example.gov", Role::Coordinator).await;
    let coordinator = logged_in(app, "coord@example.gov").await;
    let response = invite(app, &coordinator, "New.Person@Example.gov", "provider", "").await;
    assert_eq!(response.status(), 200);
    let db = raw_db(app).await;
    let bodies = outbox_bodies(&db, "New.Person@Example.gov").await;
    assert_eq!(bodies.len(), 1, "one queued e-mail");
    assert!(
        bodies[0].contains("http://127.0.0.1:3000/invitations/accept?token="),
        "{}",
        bodies[0]
    );
    let token = token_in(&bodies[0]);
    assert_eq!(token.len(), 64);
    // Only the hash is stored.
    let stored = count(
        &db,
        &format!("SELECT COUNT(*) FROM invitation WHERE token_hash = '{token}'"),
    )
    .await;
    assert_eq!(stored, 0);

    let pending: serde_json::Value =
        call_with_cookie(app, "invitations/pending", &coordinator, &[])
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(pending[0]["email"], "New.Person@Example.gov");

    let details = app
        .call_server_fn("invitations/details", &[("token", &token)])
        .await;
    assert_eq!(details.status(), 200);

    let weak = accept(app, &token, "password1234").await;
    assert_eq!(weak.status(), 400);
    assert!(error_text(weak).await.contains("most commonly used"));

    assert_eq!(
        accept(app, &token, "a-brand-new-passphrase").await.status(),
        200
    );
    let cookie =
        session_cookie(&login(app, "new.person@example.gov", "a-brand-new-passphrase").await)
            .unwrap()
            .0;
    let me = whoami(app, &cookie).await;
    assert_eq!(me["role"], "provider");
    assert_eq!(me["display_name"], "Nia Newcomer");

    let again = accept(app, &token, "another-new-passphrase").await;
    assert_eq!(again.status(), 400);
    assert!(error_text(again).await.contains("not valid"));
    for action in ["invitation.created", "invitation.accepted"] {
        let sql = format!("SELECT COUNT(*) FROM audit_event WHERE action = '{action}'");
        assert_eq!(count(&db, &sql).await, 1, "{action}");
    }
}

async fn an_invitation_is_sent_again_with_a_new_link_or_withdrawn(app: &TestApp) {
    create_user(app, "coord@example.gov", Role::Coordinator).await;
    create_user(app, "boss@example.gov", Role::Admin).await;
    let coordinator = logged_in(app, "coord@example.gov").await;
    let admin = logged_in(app, "boss@example.gov").await;
    let db = raw_db(app).await;
    assert_eq!(
        invite(app, &coordinator, "late@example.gov", "provider", "")
            .await
            .status(),
        200
    );
    let pending = |cookie: String| async move {
        let rows: serde_json::Value = call_with_cookie(app, "invitations/pending", &cookie, &[])
            .await
            .json()
            .await
            .unwrap();
        rows.as_array().unwrap().clone()
    };
    let rows = pending(coordinator.clone()).await;
    assert_eq!(rows.len(), 1);
    let first_id = rows[0]["id"].to_string();
    let first_token = token_in(&outbox_bodies(&db, "late@example.gov").await[0]);

    // Sent again: a second e-mail with a new link; the old link stops working, the new one works.
    let again = call_with_cookie(
        app,
        "invitations/resend",
        &coordinator,
        &[("id", &first_id)],
    )
    .await;
    assert_eq!(again.status(), 200);
    assert!(error_text(again).await.contains("old link no longer works"));
    let bodies = outbox_bodies(&db, "late@example.gov").await;
    assert_eq!(bodies.len(), 2, "a second e-mail");
    let second_token = token_in(&bodies[1]);
    assert_ne!(first_token, second_token);
    let old = app
        .call_server_fn("invitations/details", &[("token", &first_token)])
        .await;
    assert_eq!(old.status(), 400);
    let new = app
        .call_server_fn("invitations/details", &[("token", &second_token)])
        .await;
    assert_eq!(new.status(), 200);
    let rows = pending(coordinator.clone()).await;
    assert_eq!(rows.len(), 1, "one pending invitation, the new one");
    let second_id = rows[0]["id"].to_string();
    assert_ne!(first_id, second_id);
    // The replaced one is no longer pending.
    let gone = call_with_cookie(
        app,
        "invitations/resend",
        &coordinator,
        &[("id", &first_id)],
    )
    .await;
    assert_eq!(gone.status(), 404);
    assert!(
        error_text(gone)
            .await
            .contains(&format!("Pending invitation #{first_id} was not found"))
    );

    // A coordinator cannot touch an administrator's invitation; an admin can.
    assert_eq!(
        invite(app, &admin, "second.admin@example.gov", "admin", "")
            .await
            .status(),
        200
    );
    let admin_invite = pending(admin.clone())
        .await
        .into_iter()
        .find(|r| r["email"] == "second.admin@example.gov")
        .unwrap()["id"]
        .to_string();
    let refused = call_with_cookie(
        app,
        "invitations/revoke",
        &coordinator,
        &[("id", &admin_invite)],
    )
    .await;
    assert_eq!(refused.status(), 400);
    assert!(error_text(refused).await.contains("Only an administrator"));

    // Withdrawn: the link stops working and nothing is pending for that address.
    let withdrawn = call_with_cookie(
        app,
        "invitations/revoke",
        &coordinator,
        &[("id", &second_id)],
    )
    .await;
    assert_eq!(withdrawn.status(), 200);
    let dead = app
        .call_server_fn("invitations/details", &[("token", &second_token)])
        .await;
    assert_eq!(dead.status(), 400);
    assert!(
        pending(coordinator.clone())
            .await
            .iter()
            .all(|r| r["email"] != "late@example.gov")
    );
    assert_eq!(
        accept(app, &second_token, "a-brand-new-passphrase")
            .await
            .status(),
        400
    );
    // Other roles may do neither.
    let contact_email = "contact@example.gov";
    create_user(app, contact_email, Role::SiteContact).await;
    let contact = logged_in(app, contact_email).await;
    for endpoint in ["invitations/resend", "invitations/revoke"] {
        let response = call_with_cookie(app, endpoint, &contact, &[("id", &admin_invite)]).await;
        assert_eq!(response.status(), 403, "{endpoint}");
        let response = app.call_server_fn(endpoint, &[("id", &admin_invite)]).await;
        assert_eq!(response.status(), 401, "{endpoint}");
    }
    for action in ["invitation.resent", "invitation.revoked"] {
        let sql = format!("SELECT COUNT(*) FROM audit_event WHERE action = '{action}'");
        assert_eq!(count(&db, &sql).await, 1, "{action}");
    }
}

async fn invitations_expire_and_wrong_tokens_are_refused(app: &TestApp) {
    create_user(app, "admin@example.gov", Role::Admin).await;
    let admin = logged_in(app, "admin@example.gov").await;
    assert_eq!(
        invite(app, &admin, "late@example.gov", "coordinator", "")
            .await
            .status(),
        200
    );
    let db = raw_db(app).await;
    let token = token_in(&outbox_bodies(&db, "late@example.gov").await[0]);

    let wrong = accept(app, &"0".repeat(64), "a-brand-new-passphrase").await;
    assert_eq!(wrong.status(), 400);

    // Seven days by default.
    let days = count(
        &db,
        match db.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                "SELECT CAST(EXTRACT(DAY FROM expires_at - created_at) AS BIGINT) FROM invitation"
            }
            _ => "SELECT CAST(julianday(expires_at) - julianday(created_at) + 0.5 AS INTEGER) FROM invitation",
        },
    )
    .await;
    assert_eq!(days, 7);
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    service::entities::invitation::Entity::update_many()
        .col_expr(
            service::entities::invitation::Column::ExpiresAt,
            past.into(),
        )
        .exec(&db)
        .await
        .unwrap();
    let expired = accept(app, &token, "a-brand-new-passphrase").await;
    assert_eq!(expired.status(), 400);
    assert!(error_text(expired).await.contains("expired"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM app_user").await, 1);
}

async fn invitation_rules_for_roles_and_sites(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = logged_in_demo(app, "coordinator@tta.example.gov").await;
    let admin_invite = invite(app, &coordinator, "boss@example.gov", "admin", "").await;
    assert_eq!(admin_invite.status(), 400);
    assert!(
        error_text(admin_invite)
            .await
            .contains("Only an administrator")
    );
    let no_site = invite(app, &coordinator, "contact@example.gov", "site_contact", "").await;
    assert_eq!(no_site.status(), 400);
    let db = raw_db(app).await;
    let memphis = count(
        &db,
        "SELECT CAST(id AS BIGINT) FROM site WHERE slug = 'memphis-tn'",
    )
    .await;
    let with_site = invite(
        app,
        &coordinator,
        "contact@example.gov",
        "site_contact",
        &memphis.to_string(),
    )
    .await;
    assert_eq!(with_site.status(), 200);
    let token = token_in(&outbox_bodies(&db, "contact@example.gov").await[0]);
    assert_eq!(
        accept(app, &token, "memphis-analyst-passphrase")
            .await
            .status(),
        200
    );
    let sql = format!(
        "SELECT COUNT(*) FROM site_contact sc JOIN app_user u ON u.id = sc.user_id \
         WHERE u.email = 'contact@example.gov' AND sc.site_id = {memphis}"
    );
    assert_eq!(count(&db, &sql).await, 1);
    let existing = invite(
        app,
        &coordinator,
        "PROVIDER.DENVER@tta.example.gov",
        "provider",
        "",
    )
    .await;
    assert_eq!(existing.status(), 400);
    assert!(
        error_text(existing)
            .await
            .contains("already has an account")
    );
    // Providers may not invite.
    let provider = logged_in_demo(app, "provider.denver@tta.example.gov").await;
    assert_eq!(
        invite(app, &provider, "x@example.gov", "provider", "")
            .await
            .status(),
        403
    );
}

async fn logged_in_demo(app: &TestApp, email: &str) -> String {
    let response = login(app, email, demo::DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200);
    session_cookie(&response).unwrap().0
}

async fn password_reset_works_once_and_hides_unknown_addresses(app: &TestApp) {
    create_user(app, "forgetful@example.gov", Role::Provider).await;
    let old_session = logged_in(app, "forgetful@example.gov").await;
    let known = app
        .call_server_fn("auth/forgot", &[("email", "Forgetful@example.gov")])
        .await;
    assert_eq!(known.status(), 200);
    let unknown = app
        .call_server_fn("auth/forgot", &[("email", "stranger@example.gov")])
        .await;
    assert_eq!(unknown.status(), 200);
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    let db = raw_db(app).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM email_outbox").await, 1);
    let bodies = outbox_bodies(&db, "forgetful@example.gov").await;
    assert!(bodies[0].contains("/password/reset?token="));
    let token = token_in(&bodies[0]);

    let reset = |password: &'static str| {
        let token = token.clone();
        async move {
            app.call_server_fn(
                "auth/reset",
                &[
                    ("token", &token),
                    ("password", password),
                    ("password_confirm", password),
                ],
            )
            .await
        }
    };
    assert_eq!(reset("a-new-secret-phrase").await.status(), 200);
    assert_eq!(
        login(app, "forgetful@example.gov", PASSWORD).await.status(),
        401
    );
    assert_eq!(
        login(app, "forgetful@example.gov", "a-new-secret-phrase")
            .await
            .status(),
        200
    );
    // Sessions opened with the old password have ended.
    assert!(whoami(app, &old_session).await.is_null());
    let again = reset("yet-another-phrase").await;
    assert_eq!(again.status(), 400);
    assert!(error_text(again).await.contains("not valid"));
    for action in ["password_reset.requested", "password_reset.completed"] {
        let sql = format!("SELECT COUNT(*) FROM audit_event WHERE action = '{action}'");
        assert!(count(&db, &sql).await >= 1, "{action}");
    }
}

async fn expired_reset_links_are_refused(app: &TestApp) {
    create_user(app, "slow@example.gov", Role::Provider).await;
    app.call_server_fn("auth/forgot", &[("email", "slow@example.gov")])
        .await;
    let db = raw_db(app).await;
    let token = token_in(&outbox_bodies(&db, "slow@example.gov").await[0]);
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    service::entities::password_reset::Entity::update_many()
        .col_expr(
            service::entities::password_reset::Column::ExpiresAt,
            past.into(),
        )
        .exec(&db)
        .await
        .unwrap();
    let expired = app
        .call_server_fn(
            "auth/reset",
            &[
                ("token", &token),
                ("password", "a-new-secret-phrase"),
                ("password_confirm", "a-new-secret-phrase"),
            ],
        )
        .await;
    assert_eq!(expired.status(), 400);
    assert_eq!(login(app, "slow@example.gov", PASSWORD).await.status(), 200);
}

fn run_create_admin(app: &TestApp, email: &str, password: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tta"))
        .args(["create-admin", "--email", email, "--name", "First Admin"])
        .env("DATABASE_URL", app.config.database_url.as_str())
        .env("TTA_ADMIN_PASSWORD", password)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

async fn create_admin_refuses_weak_passwords_and_creates_an_admin(app: &TestApp) {
    let weak = run_create_admin(app, "root@example.gov", "qwerty123456");
    assert!(!weak.status.success());
    let stderr = String::from_utf8_lossy(&weak.stderr);
    assert!(stderr.contains("most commonly used"), "{stderr}");
    let short = run_create_admin(app, "root@example.gov", "short");
    assert!(String::from_utf8_lossy(&short.stderr).contains("too short"));

    let ok = run_create_admin(app, "Root@Example.gov", "the-first-admin-passphrase");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let response = login(app, "root@example.gov", "the-first-admin-passphrase").await;
    assert_eq!(response.status(), 200);
    let me = whoami(app, &session_cookie(&response).unwrap().0).await;
    assert_eq!(me["role"], "admin");
    let twice = run_create_admin(app, "root@example.gov", "the-first-admin-passphrase");
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already exists"));
}
