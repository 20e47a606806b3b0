//! Helpers for the accounts tests: accounts made directly through `service`, log-ins through
//! HTTP, the session cookie, and direct database access for expiring rows and reading the outbox.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::Value;
use service::accounts::{EmailAddress, Password, Role, users};
use service::zone::TimeZone;

use crate::harness::TestApp;

pub const PASSWORD: &str = "tta-test-password-1";

/// A raw connection to the app's database.
pub async fn raw_db(app: &TestApp) -> DatabaseConnection {
    sea_orm::Database::connect(app.config.database_url.as_str())
        .await
        .unwrap()
}

/// Creates an account with [`PASSWORD`].
pub async fn create_user(app: &TestApp, email: &str, role: Role) -> i32 {
    let database = server::startup::open_database(&app.config).await.unwrap();
    users::create_user(
        &database,
        EmailAddress::parse(email).unwrap(),
        "Test Person",
        TimeZone::parse("America/Chicago").unwrap(),
        role,
        &Password::parse(PASSWORD).unwrap(),
    )
    .await
    .unwrap()
    .id
}

pub async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.call_server_fn("auth/login", &[("email", email), ("password", password)])
        .await
}

/// Logs in as a demo account (its password is the demo's) and returns the session cookie.
pub async fn demo_login(app: &TestApp, email: &str) -> String {
    let response = login(app, email, demo::DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200, "{email}");
    session_cookie(&response).unwrap().0
}

/// The `tta_session=…` pair of a response's `Set-Cookie`, and the whole header.
pub fn session_cookie(response: &reqwest::Response) -> Option<(String, String)> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("tta_session="))
        .map(|header| (header.split(';').next().unwrap().to_owned(), header))
}

/// Logs in and returns the cookie pair to send back.
pub async fn logged_in(app: &TestApp, email: &str) -> String {
    let response = login(app, email, PASSWORD).await;
    assert_eq!(response.status(), 200);
    session_cookie(&response).expect("a session cookie").0
}

/// Calls a server function with a cookie.
pub async fn call_with_cookie(
    app: &TestApp,
    endpoint: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("Accept", "application/json")
        .header("Cookie", cookie)
        .form(form)
        .send()
        .await
        .unwrap()
}

/// What `auth/whoami` answers for `cookie` (JSON null when nobody).
pub async fn whoami(app: &TestApp, cookie: &str) -> Value {
    let response = call_with_cookie(app, "auth/whoami", cookie, &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// Bodies of the queued e-mails to `recipient`, oldest first.
pub async fn outbox_bodies(db: &DatabaseConnection, recipient: &str) -> Vec<String> {
    let sql = format!(
        "SELECT body_text FROM email_outbox WHERE recipient = '{recipient}' AND status = 'pending' \
         AND attempts = 0 ORDER BY id"
    );
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.try_get_by_index::<String>(0).unwrap())
        .collect()
}

/// The `token=` value of the last link in `body`.
pub fn token_in(body: &str) -> String {
    let start = body.rfind("token=").expect("a link with a token") + "token=".len();
    body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// The message of a failed server-function call.
pub async fn error_text(response: reqwest::Response) -> String {
    response.text().await.unwrap()
}
