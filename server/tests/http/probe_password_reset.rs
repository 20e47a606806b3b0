//! Password-reset links as an attacker would try them (issue 15, item 3), over HTTP on SQLite
//! and PostgreSQL: an earlier link stops working once a newer one is issued, and using a link
//! ends all of the account's links; ten parallel requests for one address make one live link
//! and one e-mail; requests are limited per account (silently) and per client address (429);
//! the answer takes the same time whether the address has an account or not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use std::time::{Duration, Instant};

use accounts_support::*;
use harness::TestApp;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::accounts::Role;
use service::entities::password_reset;

on_both_databases!(
    an_earlier_link_stops_working_once_a_newer_one_is_issued,
    ten_parallel_requests_make_one_live_link_and_one_email,
    requests_are_limited_per_account_and_per_client_address,
    the_answer_takes_the_same_time_whether_the_account_exists,
);

async fn forgot(app: &TestApp, email: &str) -> reqwest::Response {
    app.call_server_fn("auth/forgot", &[("email", email)]).await
}

async fn reset(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.call_server_fn(
        "auth/reset",
        &[
            ("token", token),
            ("password", password),
            ("password_confirm", password),
        ],
    )
    .await
}

/// Waits until the reset work of `n` requests has finished: each records one
/// `password_reset.requested` audit entry, in the transaction that issues (or not) the link.
async fn wait_for_requests(db: &DatabaseConnection, n: i64) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let sql = "SELECT COUNT(*) FROM audit_event WHERE action = 'password_reset.requested'";
    while count(db, sql).await < n {
        assert!(Instant::now() < deadline, "the reset work did not finish");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Links of `user_id` that still work now.
async fn live_links(db: &DatabaseConnection, user_id: i32) -> usize {
    password_reset::Entity::find()
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(chrono::Utc::now()))
        .all(db)
        .await
        .unwrap()
        .len()
}

/// Makes every link of the account look issued `minutes` ago (so the per-account interval has
/// passed), keeping each link's remaining lifetime.
async fn age_links(db: &DatabaseConnection, minutes: i64) {
    let then = chrono::Utc::now() - chrono::Duration::minutes(minutes);
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::CreatedAt, then.into())
        .exec(db)
        .await
        .unwrap();
}

async fn an_earlier_link_stops_working_once_a_newer_one_is_issued(app: &TestApp) {
    let user = create_user(app, "twice@example.gov", Role::Provider).await;
    let db = raw_db(app).await;
    assert_eq!(forgot(app, "twice@example.gov").await.status(), 200);
    wait_for_requests(&db, 1).await;
    let first = token_in(&outbox_bodies(&db, "twice@example.gov").await[0]);
    age_links(&db, 10).await;
    assert_eq!(forgot(app, "twice@example.gov").await.status(), 200);
    wait_for_requests(&db, 2).await;
    let bodies = outbox_bodies(&db, "twice@example.gov").await;
    assert_eq!(bodies.len(), 2, "a second link after the interval");
    let second = token_in(&bodies[1]);
    assert_ne!(first, second);
    assert_eq!(live_links(&db, user).await, 1, "one live link per account");

    // The earlier link no longer works, even before the newer one is used.
    let stale = reset(app, &first, "an-attacker-phrase-1").await;
    assert_eq!(stale.status(), 400);
    assert!(error_text(stale).await.contains("not valid"));

    // Using a link ends every other link of the account: bring the first back to life, as a
    // row written before this rule would be, then use the second.
    password_reset::Entity::update_many()
        .col_expr(
            password_reset::Column::ExpiresAt,
            (chrono::Utc::now() + chrono::Duration::minutes(30)).into(),
        )
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(live_links(&db, user).await, 2);
    assert_eq!(
        reset(app, &second, "the-owners-new-phrase").await.status(),
        200
    );
    assert_eq!(live_links(&db, user).await, 0);
    assert_eq!(
        reset(app, &first, "an-attacker-phrase-1").await.status(),
        400
    );
    assert_eq!(
        login(app, "twice@example.gov", "the-owners-new-phrase")
            .await
            .status(),
        200
    );
}

async fn ten_parallel_requests_make_one_live_link_and_one_email(app: &TestApp) {
    let user = create_user(app, "burst@example.gov", Role::Coordinator).await;
    let db = raw_db(app).await;
    let started = Instant::now();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (client, url) = (app.client.clone(), app.url("/api/auth/forgot"));
        calls.spawn(async move {
            client
                .post(url)
                .header("Accept", "application/json")
                .form(&[("email", "burst@example.gov")])
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    while let Some(status) = calls.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
    eprintln!("10 parallel requests answered in {:?}", started.elapsed());
    wait_for_requests(&db, 10).await;
    assert_eq!(live_links(&db, user).await, 1);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM password_reset").await,
        1,
        "one link written"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM email_outbox WHERE recipient = 'burst@example.gov'"
        )
        .await,
        1,
        "one e-mail"
    );
}

async fn requests_are_limited_per_account_and_per_client_address(app: &TestApp) {
    let user = create_user(app, "limited@example.gov", Role::Provider).await;
    let db = raw_db(app).await;
    // Per account, silently: a second request within the interval sends nothing new and the
    // first link keeps working; after the interval a new link replaces it, up to three an hour.
    assert_eq!(forgot(app, "limited@example.gov").await.status(), 200);
    let again = forgot(app, "limited@example.gov").await;
    assert_eq!(again.status(), 200);
    assert!(again.text().await.unwrap().contains("If an account exists"));
    wait_for_requests(&db, 2).await;
    assert_eq!(outbox_bodies(&db, "limited@example.gov").await.len(), 1);
    for (links, requests) in [(2, 3), (3, 4)] {
        age_links(&db, 6).await;
        assert_eq!(forgot(app, "limited@example.gov").await.status(), 200);
        wait_for_requests(&db, requests).await;
        assert_eq!(outbox_bodies(&db, "limited@example.gov").await.len(), links);
    }
    age_links(&db, 6).await;
    assert_eq!(forgot(app, "limited@example.gov").await.status(), 200);
    wait_for_requests(&db, 5).await;
    assert_eq!(
        outbox_bodies(&db, "limited@example.gov").await.len(),
        3,
        "at most three links an hour"
    );
    assert_eq!(live_links(&db, user).await, 1);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'password_reset.requested' \
             AND detail LIKE '%limited%'"
        )
        .await,
        2
    );

    // Per client address, whatever address is typed: 20 requests an hour (5 made above), then
    // 429 with the time to try again — for unknown addresses exactly as for known ones.
    for n in 6..=20 {
        let response = forgot(app, &format!("nobody{n}@example.gov")).await;
        assert_eq!(response.status(), 200, "request {n}");
    }
    for address in ["nobody21@example.gov", "limited@example.gov"] {
        let refused = forgot(app, address).await;
        assert_eq!(refused.status(), 429, "{address}");
        let message = error_text(refused).await;
        assert!(
            message.contains("Too many password-reset requests")
                && message.contains("try again in"),
            "{message}"
        );
    }
    wait_for_requests(&db, 20).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'password_reset.requested'"
        )
        .await,
        20,
        "refused requests do no work"
    );
}

async fn the_answer_takes_the_same_time_whether_the_account_exists(app: &TestApp) {
    for n in 0..4 {
        create_user(app, &format!("known{n}@example.gov"), Role::Provider).await;
    }
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for n in 0..4 {
        for (address, times) in [
            (format!("known{n}@example.gov"), &mut known),
            (format!("unknown{n}@example.gov"), &mut unknown),
        ] {
            let started = Instant::now();
            let response = forgot(app, &address).await;
            let elapsed = started.elapsed();
            assert_eq!(response.status(), 200);
            assert!(
                response
                    .text()
                    .await
                    .unwrap()
                    .contains("If an account exists")
            );
            times.push(elapsed);
        }
    }
    let fixed = service::accounts::ResetPolicy::default().answer_after;
    let mean = |times: &[Duration]| times.iter().sum::<Duration>() / 4;
    eprintln!(
        "known {known:?} (mean {:?}), unknown {unknown:?} (mean {:?})",
        mean(&known),
        mean(&unknown)
    );
    for elapsed in known.iter().chain(&unknown) {
        assert!(
            *elapsed >= fixed,
            "answered after {elapsed:?}, before {fixed:?}"
        );
    }
    // The fastest answer of each kind: a busy machine only ever delays an answer, so the
    // minimums show what the server itself waits, without the noise of other tests' CPU use.
    let fastest = |times: &[Duration]| times.iter().min().copied().unwrap_or_default();
    let (a, b) = (fastest(&known), fastest(&unknown));
    let gap = a.max(b) - a.min(b);
    assert!(
        gap < Duration::from_millis(100),
        "fastest known {a:?}, fastest unknown {b:?}"
    );
    // The work was done all the same: a link for each known address, none for the others.
    let db = raw_db(app).await;
    wait_for_requests(&db, 8).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM password_reset").await, 4);
}
