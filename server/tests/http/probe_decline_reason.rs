//! Who reads a provider's reason for declining (issue 15, item 8), over HTTP on SQLite and
//! PostgreSQL: coordinators and administrators read it (request page, server function, their
//! e-mail); the site contact reads only that the provider could not take it and the coordinator
//! is finding another — neither the request's server function, nor its rendered page, nor any
//! e-mail to the site carries the reason.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;
use sea_orm::{ConnectionTrait, Statement};

on_both_databases!(a_decline_reason_is_for_coordinators_and_admins_only);

/// Plain letters and digits, so it reads the same in JSON, HTML and e-mail.
const REASON: &str = "Zq7 private reason I am booked with the Atlanta engagement those weeks";

/// The demo proposal to Phoenix: its id and its request's.
async fn demo_proposal(app: &TestApp) -> (i64, i64) {
    let db = raw_db(app).await;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT p.id AS proposal, p.request_id AS request FROM proposal p \
             JOIN app_user u ON u.id = p.provider_id \
             WHERE u.email = 'provider.phoenix@tta.example.gov' AND p.status = 'sent' \
             ORDER BY p.id LIMIT 1"
                .to_owned(),
        ))
        .await
        .unwrap()
        .expect("the demo proposal to Phoenix");
    let id = |column: &str| {
        row.try_get::<i64>("", column)
            .or_else(|_| row.try_get::<i32>("", column).map(i64::from))
            .unwrap()
    };
    (id("proposal"), id("request"))
}

async fn detail(app: &TestApp, cookie: &str, request: &str) -> String {
    let response = call_with_cookie(app, "requests/detail", cookie, &[("id", request)]).await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

async fn page(app: &TestApp, cookie: &str, request: &str) -> String {
    let response = app
        .client
        .get(app.url(&format!("/requests/{request}")))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

async fn a_decline_reason_is_for_coordinators_and_admins_only(app: &TestApp) {
    app.seed_demo().await;
    let (proposal, request) = demo_proposal(app).await;
    let (proposal, request) = (proposal.to_string(), request.to_string());
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let declined = call_with_cookie(
        app,
        "proposals/decline",
        &provider,
        &[("id", proposal.as_str()), ("reason", REASON)],
    )
    .await;
    assert_eq!(declined.status(), 200);

    // The site contact: the step is there, with what happens next, never the reason.
    let contact = demo_login(app, "contact.memphis@tta.example.gov").await;
    let unavailable = "The coordinator is finding another provider.";
    for (what, text) in [
        ("server function", detail(app, &contact, &request).await),
        ("page", page(app, &contact, &request).await),
    ] {
        assert!(!text.contains(REASON), "the site's {what} shows the reason");
        assert!(text.contains(unavailable), "the site's {what}: {text}");
    }

    // Coordinators and administrators read the reason.
    for email in ["coordinator@tta.example.gov", "admin@tta.example.gov"] {
        let cookie = demo_login(app, email).await;
        assert!(
            detail(app, &cookie, &request).await.contains(REASON),
            "{email}"
        );
    }
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    assert!(page(app, &coordinator, &request).await.contains(REASON));

    // E-mail: the reason goes to coordinators only.
    let db = raw_db(app).await;
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT o.recipient, u.role FROM email_outbox o \
                 LEFT JOIN app_user u ON u.email_normalized = LOWER(o.recipient) \
                 WHERE o.body_text LIKE '%{REASON}%' OR o.body_html LIKE '%{REASON}%'"
            ),
        ))
        .await
        .unwrap();
    assert!(!rows.is_empty(), "the coordinators are told why");
    for row in rows {
        let recipient: String = row.try_get("", "recipient").unwrap();
        let role: Option<String> = row.try_get("", "role").unwrap();
        assert_eq!(role.as_deref(), Some("coordinator"), "{recipient}");
    }
}
