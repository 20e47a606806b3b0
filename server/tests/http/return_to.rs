//! After logging in, people land on the page they asked for (issue 22, item 2), on SQLite and
//! PostgreSQL: a page that needs log-in sends an anonymous person to `/login?next=<the page>`,
//! the log-in page carries `next` in its form, and a successful log-in — a plain form post or
//! the browser's server-function call — goes there. Only paths of this site are followed:
//! anything that could lead elsewhere goes to the home page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::{PASSWORD, create_user, session_cookie};
use harness::TestApp;
use service::accounts::Role;

on_both_databases!(
    a_page_that_needs_log_in_sends_to_log_in_with_the_page_as_next,
    logging_in_goes_back_to_the_page_asked_for,
    a_next_that_could_leave_the_site_goes_home,
);

const PAGE: &str = "/provider/sessions?view=week&date=2027-03-01";
const EMAIL: &str = "pat@example.org";

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// A log-in as a browser without JavaScript posts it (the form's own fields).
async fn form_login(app: &TestApp, next: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/auth/login"))
        .header("Accept", "text/html,application/xhtml+xml")
        .header("Referer", app.url("/login"))
        .form(&[("email", EMAIL), ("password", PASSWORD), ("next", next)])
        .send()
        .await
        .unwrap()
}

async fn a_page_that_needs_log_in_sends_to_log_in_with_the_page_as_next(app: &TestApp) {
    let response = app.get(PAGE).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        "/login?next=/provider/sessions%3Fview%3Dweek%26date%3D2027-03-01"
    );
    let login = app.get(&location(&response)).await;
    assert_eq!(login.status(), 200);
    let html = login.text().await.unwrap();
    assert!(
        html.contains(r#"name="next""#)
            && html.contains("/provider/sessions?view=week&amp;date=2027-03-01"),
        "the log-in form carries the page"
    );
    // Server functions and exports keep their 401: their callers are not an address bar.
    assert_eq!(
        app.call_server_fn("provider/profile", &[]).await.status(),
        401
    );
    assert_eq!(
        app.get("/exports/sessions.csv?from=2026-01-01&to=2026-02-01")
            .await
            .status(),
        401
    );
    // Public pages answer as before.
    assert_eq!(app.get("/login").await.status(), 200);
}

async fn logging_in_goes_back_to_the_page_asked_for(app: &TestApp) {
    create_user(app, EMAIL, Role::Provider).await;
    let response = form_login(app, PAGE).await;
    assert_eq!(response.status().as_u16() / 100, 3);
    assert_eq!(location(&response), PAGE);
    let cookie = session_cookie(&response).expect("logged in").0;
    let page = app
        .client
        .get(app.url(PAGE))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Your sessions"));

    // The hydrated page's call is told where to go the same way.
    let call = app
        .call_server_fn(
            "auth/login",
            &[("email", EMAIL), ("password", PASSWORD), ("next", PAGE)],
        )
        .await;
    assert_eq!(call.status(), 200);
    assert_eq!(location(&call), PAGE);

    // Without a next, home.
    let call = app
        .call_server_fn("auth/login", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    assert_eq!(call.status(), 200);
    assert_eq!(location(&call), "/");
}

async fn a_next_that_could_leave_the_site_goes_home(app: &TestApp) {
    create_user(app, EMAIL, Role::Provider).await;
    for hostile in [
        "//evil.example/phish",
        "https://evil.example/phish",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/requests/7\r\nSet-Cookie: x=1",
        "/requests/\u{7}7",
        "/login",
        "",
    ] {
        let response = form_login(app, hostile).await;
        assert_eq!(response.status().as_u16() / 100, 3, "{hostile:?}");
        assert_eq!(location(&response), "/", "{hostile:?}");
    }
}
