//! Text injected through a link (issue 15, item 7), on SQLite and PostgreSQL: a page shows a
//! form error from its address (`__path`/`__err`, Leptos's no-JavaScript round trip) only when
//! this server produced it for this browser; a plain form post is sent back only to this site's
//! own paths, and its error does come back to the browser that caused it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;
use harness::TestApp;

on_both_databases!(
    errors_written_into_a_link_are_not_shown,
    a_form_error_comes_back_to_the_browser_that_caused_it,
    form_posts_are_sent_back_only_within_this_site,
);

const INJECTED: &str =
    "ServerError|Your account is locked. Call 555-0100 and give your password to unlock it.";

fn query_value(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap()
}

async fn errors_written_into_a_link_are_not_shown(app: &TestApp) {
    let err = URL_SAFE.encode(INJECTED);
    for (page, function, clean) in [
        ("/login?", "/api/auth/login", "/login"),
        ("/password/forgot?", "/api/auth/forgot", "/password/forgot"),
        (
            "/password/reset?token=abc&",
            "/api/auth/reset",
            "/password/reset?token=abc",
        ),
    ] {
        let link = format!(
            "{page}__path={}&__err={}",
            query_value(function),
            query_value(&err)
        );
        let response = get(app, &link, "").await;
        assert_eq!(response.status(), 303, "{link}");
        assert_eq!(location(&response), clean);
        assert!(!response.text().await.unwrap().contains("555-0100"));
        let page = get(app, clean, "").await;
        assert_eq!(page.status(), 200);
        assert!(!page.text().await.unwrap().contains("555-0100"));
    }
    // A path that a browser would read as another site is not where the clean-up sends it.
    let response = get(
        app,
        &format!("//evil.example/x?__path=%2Fapi%2Fauth%2Flogin&__err={err}"),
        "",
    )
    .await;
    if response.status() == 303 {
        assert!(
            !location(&response).starts_with("//"),
            "{}",
            location(&response)
        );
    }
}

/// A plain (no-JavaScript) form post from `referer`.
async fn form_post(
    app: &TestApp,
    endpoint: &str,
    referer: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("Accept", "text/html,application/xhtml+xml")
        .header("Referer", referer)
        .form(form)
        .send()
        .await
        .unwrap()
}

/// The `tta_form_error=…` pair a response sets.
fn form_error_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("tta_form_error="))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .expect("a form-error cookie")
}

async fn a_form_error_comes_back_to_the_browser_that_caused_it(app: &TestApp) {
    create_user(app, "pat@example.org", service::accounts::Role::Coordinator).await;
    let wrong = [
        ("email", "pat@example.org"),
        ("password", "not-the-password-1"),
    ];
    // An earlier error in the Referer is replaced, not shown instead of the new one.
    let referer = app.url("/login?__path=%2Fapi%2Fauth%2Flogin&__err=b2xk");
    let response = form_post(app, "auth/login", &referer, &wrong).await;
    // 303, not the 401 the error set: a browser follows only a redirect.
    assert_eq!(response.status(), 303);
    let target = location(&response);
    assert!(
        target.starts_with("/login?__path=%2Fapi%2Fauth%2Flogin&__err="),
        "{target}"
    );
    assert_eq!(target.matches("__err=").count(), 1, "{target}");
    let cookie = form_error_cookie(&response);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));

    let shown = get(app, &target, &cookie).await;
    assert_eq!(shown.status(), 200);
    let html = shown.text().await.unwrap();
    assert!(
        html.contains(service::accounts::login::WRONG_CREDENTIALS),
        "the error is shown to the browser that caused it"
    );

    // Another browser (no cookie) opening the same address sees no error.
    let elsewhere = get(app, &target, "").await;
    assert_eq!(elsewhere.status(), 303);
    assert_eq!(location(&elsewhere), "/login");

    // The cookie vouches for that error only, not for text swapped into the address.
    let swapped = format!(
        "/login?__path=%2Fapi%2Fauth%2Flogin&__err={}",
        query_value(&URL_SAFE.encode(INJECTED))
    );
    let response = get(app, &swapped, &cookie).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login");
}

async fn form_posts_are_sent_back_only_within_this_site(app: &TestApp) {
    // Succeeding and failing, from another site's page, from a path a browser would read as
    // another host, and from nowhere: always a path of this site.
    let host_path = app.url("//evil.example/x");
    for (referer, expected) in [
        ("https://evil.example/phish", "/"),
        ("javascript:alert(1)", "/"),
        (host_path.as_str(), "/evil.example/x"),
    ] {
        for (endpoint, form) in [
            ("sites/list", vec![("search", "")]),
            (
                "auth/login",
                vec![("email", "a@b.example"), ("password", "wrong-password-1")],
            ),
        ] {
            let response = form_post(app, endpoint, referer, &form).await;
            assert_eq!(
                response.status().as_u16() / 100,
                3,
                "{endpoint} from {referer}"
            );
            let target = location(&response);
            let path = target.split('?').next().unwrap();
            assert_eq!(path, expected, "{endpoint} from {referer}: {target}");
        }
    }
    // From this site's own page, back to it.
    let response = form_post(app, "sites/list", &app.url("/?q=x"), &[("search", "")]).await;
    assert_eq!(location(&response), "/?q=x");
}
