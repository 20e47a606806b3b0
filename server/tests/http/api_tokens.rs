//! Personal access tokens over HTTP, on both databases: made on the tokens page's server
//! function and shown once (the list shows only the prefix; the database holds only the
//! SHA-256), revoked or expired tokens are 401, a read token cannot write (403), making and
//! revoking are audited.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::accounts_support::{call_with_cookie, count, demo_login, raw_db};
use crate::api_support::{COORDINATOR, MEMPHIS, get, new_request, post, token};
use crate::harness::TestApp;
use sea_orm::ConnectionTrait;
use serde_json::Value;
use sha2::{Digest, Sha256};

on_both_databases!(
    a_token_is_shown_once_stored_hashed_and_stops_when_revoked,
    expired_tokens_are_refused_and_read_tokens_cannot_write,
);

async fn a_token_is_shown_once_stored_hashed_and_stops_when_revoked(app: &TestApp) {
    app.seed_demo().await;
    let (status, body) = get(app, "", "/api/v1/me").await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "unauthorized", "{body}");
    let cookie = demo_login(app, COORDINATOR).await;
    let made: Value = call_with_cookie(
        app,
        "tokens/create",
        &cookie,
        &[
            ("name", "Grant report"),
            ("scope", "read"),
            ("expires_in_days", "never"),
        ],
    )
    .await
    .json()
    .await
    .unwrap();
    let secret = made["secret"].as_str().unwrap().to_owned();
    assert!(
        secret.starts_with("tta_pat_") && secret.len() == 72,
        "{secret}"
    );

    // The list names it by its prefix; the secret is never shown again.
    let list = call_with_cookie(app, "tokens/list", &cookie, &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains(&secret[..16]), "{list}");
    assert!(!list.contains(&secret[16..]), "{list}");
    let db = raw_db(app).await;
    let hash = hex::encode(Sha256::digest(secret.as_bytes()));
    assert_eq!(
        count(
            &db,
            &format!("SELECT COUNT(*) FROM api_token WHERE token_hash = '{hash}'")
        )
        .await,
        1
    );
    assert_eq!(
        count(&db, &format!("SELECT COUNT(*) FROM api_token WHERE token_hash = '{secret}' OR prefix = '{secret}' OR name = '{secret}'")).await,
        0
    );

    let (status, me) = get(app, &secret, "/api/v1/me").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["role"], "coordinator");
    assert_eq!(me["scopes"], serde_json::json!(["read"]));
    let (status, _) = get(app, "tta_pat_0000", "/api/v1/me").await;
    assert_eq!(status, 401);
    // A log-in cookie is not an API credential.
    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");

    // Someone else cannot revoke it; its owner can, and it stops at once.
    let other = demo_login(app, MEMPHIS).await;
    let token_id = me["token_id"].to_string();
    let refused = call_with_cookie(app, "tokens/revoke", &other, &[("token_id", &token_id)]).await;
    assert_eq!(refused.status(), 404);
    assert_eq!(get(app, &secret, "/api/v1/me").await.0, 200);
    let revoked = call_with_cookie(app, "tokens/revoke", &cookie, &[("token_id", &token_id)]).await;
    assert_eq!(revoked.status(), 200);
    let (status, body) = get(app, &secret, "/api/v1/sessions").await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "unauthorized");
    let list = call_with_cookie(app, "tokens/list", &cookie, &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("\"revoked\""), "{list}");
    for action in ["api_token.created", "api_token.revoked"] {
        assert_eq!(
            count(
                &db,
                &format!("SELECT COUNT(*) FROM audit_event WHERE action = '{action}'")
            )
            .await,
            1,
            "{action}"
        );
    }
    // Anonymous callers of the page's functions are refused.
    assert_eq!(
        call_with_cookie(app, "tokens/list", "", &[]).await.status(),
        401
    );
}

async fn expired_tokens_are_refused_and_read_tokens_cannot_write(app: &TestApp) {
    app.seed_demo().await;
    let reader = token(app, MEMPHIS, "read").await;
    let writer = token(app, MEMPHIS, "write").await;
    let (_, me) = get(app, &reader, "/api/v1/me").await;
    let site_id = me["site_ids"][0].as_i64().unwrap();

    let body = new_request(site_id, "Read tokens cannot write");
    let (status, refused) = post(app, &reader, "/api/v1/requests", &body).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["error"]["code"], "forbidden");
    let (status, made) = post(app, &writer, "/api/v1/requests", &body).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["site_id"].as_i64(), Some(site_id));
    assert_eq!(made["status"], "submitted");

    // A token past its expiry is refused like an unknown one.
    let db = raw_db(app).await;
    let (_, writer_me) = get(app, &writer, "/api/v1/me").await;
    db.execute_unprepared(&format!(
        "UPDATE api_token SET expires_at = '2026-01-01 00:00:00+00:00' WHERE id = {}",
        writer_me["token_id"]
    ))
    .await
    .unwrap();
    let (status, body) = get(app, &writer, "/api/v1/me").await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(get(app, &reader, "/api/v1/me").await.0, 200);
    let cookie = demo_login(app, MEMPHIS).await;
    let list = call_with_cookie(app, "tokens/list", &cookie, &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("\"expired\""), "{list}");
}
