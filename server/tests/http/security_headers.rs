//! Security headers on every kind of response (issue 15, item 6): the login page, an admin page,
//! server-function answers (data and errors), 404s, the CSV export and calendar feed refusals, a
//! cross-site refusal and static files. Each page's CSP nonce is on every inline `<script>` of
//! that page and changes from load to load; HSTS is sent only for an https public URL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use std::collections::HashMap;

use accounts_support::{call_with_cookie, demo_login, login};
use harness::{Backend, TestApp, TestDatabase};
use reqwest::Response;
use server::config::Config;
use server::startup::Application;

const ADMIN: &str = "admin@tta.example.gov";

on_both_databases!(
    pages_and_server_functions_carry_every_security_header,
    every_inline_script_carries_this_loads_nonce,
    error_answers_are_labelled_utf8_and_not_stored,
);

mod files_and_transport {
    use super::{hsts_only_with_an_https_public_url, static_files_stay_cacheable};
    crate::on_both_backends!(
        static_files_stay_cacheable,
        hsts_only_with_an_https_public_url
    );
}

/// A header's value as text ("" when absent).
fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Checks the headers every response carries and returns the CSP's nonce.
fn assert_every_response_headers(response: &Response, what: &str) -> String {
    let csp = header(response, "content-security-policy");
    for directive in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{what}: {directive} in {csp:?}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert!(!csp.contains("'unsafe-eval'"), "{what}: {csp}");
    assert_eq!(header(response, "x-frame-options"), "DENY", "{what}");
    assert_eq!(
        header(response, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(header(response, "referrer-policy"), "same-origin", "{what}");
    assert_eq!(
        header(response, "cross-origin-opener-policy"),
        "same-origin",
        "{what}"
    );
    assert_eq!(
        header(response, "strict-transport-security"),
        "",
        "{what}: no HSTS for an http:// public URL"
    );
    nonce_of(&csp, what)
}

/// The `'nonce-…'` of a policy.
fn nonce_of(csp: &str, what: &str) -> String {
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| panic!("{what}: no script-src in {csp}"));
    assert!(
        script_src.starts_with("script-src 'self' 'nonce-"),
        "{what}: {script_src}"
    );
    let nonce = script_src
        .split_whitespace()
        .find_map(|s| s.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("{what}: no nonce in {script_src}"));
    assert!(nonce.len() >= 22, "{what}: a 128-bit nonce, got {nonce}");
    nonce.to_owned()
}

fn assert_not_stored(response: &Response, what: &str) {
    assert_eq!(header(response, "cache-control"), "no-store", "{what}");
}

/// Every `<script>` tag of `html` (there is at least one: the hydration loader) carries `nonce`.
fn assert_scripts_carry(html: &str, nonce: &str, what: &str) {
    let tags: Vec<&str> = html
        .match_indices("<script")
        .map(|(at, _)| &html[at..at + html[at..].find('>').unwrap() + 1])
        .collect();
    assert!(!tags.is_empty(), "{what}: no inline script in {html}");
    for tag in tags {
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "{what}: {tag} lacks nonce {nonce}"
        );
    }
}

/// GETs `path` with an optional session cookie.
async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> Response {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    request.send().await.unwrap()
}

/// A page: 200 or 404 as expected, every header, no-store, HTML in UTF-8, every inline script
/// with the CSP's nonce. Returns the nonce and the HTML.
async fn check_page(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    status: u16,
) -> (String, String) {
    let response = get(app, path, cookie).await;
    assert_eq!(response.status(), status, "{path}");
    let nonce = assert_every_response_headers(&response, path);
    assert_not_stored(&response, path);
    assert_eq!(
        header(&response, "content-type"),
        "text/html; charset=utf-8",
        "{path}"
    );
    let html = response.text().await.unwrap();
    assert_scripts_carry(&html, &nonce, path);
    (nonce, html)
}

async fn pages_and_server_functions_carry_every_security_header(app: &TestApp) {
    app.seed_demo().await;

    let (_, login_page) = check_page(app, "/login", None, 200).await;
    assert!(login_page.contains("Password"), "{login_page}");

    let admin = demo_login(app, ADMIN).await;
    let (_, users_page) = check_page(app, "/admin/users", Some(&admin), 200).await;
    assert!(users_page.contains("Users and roles"), "{users_page}");
    assert!(
        users_page.contains("robin.reyes@tta.example.gov"),
        "the admin sees the accounts: {users_page}"
    );
    assert!(!users_page.contains("does not give access"));

    // A server function's answer shows personal data: not stored either.
    let whoami = call_with_cookie(app, "auth/whoami", &admin, &[]).await;
    assert_eq!(whoami.status(), 200);
    assert_every_response_headers(&whoami, "auth/whoami");
    assert_not_stored(&whoami, "auth/whoami");
    assert!(whoami.text().await.unwrap().contains(ADMIN));

    // The log-in itself (it sets the session cookie).
    let response = login(app, ADMIN, demo::DEMO_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_every_response_headers(&response, "auth/login");
    assert_not_stored(&response, "auth/login");

    // 404s: an unknown page and a missing static file are rendered by the fallback.
    check_page(app, "/no/such/page", None, 404).await;
    check_page(app, "/pkg/no-such-file.js", None, 404).await;

    // The probes carry the headers too.
    let health = get(app, "/healthz", None).await;
    assert_eq!(health.status(), 200);
    assert_every_response_headers(&health, "/healthz");
}

async fn every_inline_script_carries_this_loads_nonce(app: &TestApp) {
    app.seed_demo().await;
    let admin = demo_login(app, ADMIN).await;
    for (path, cookie, status) in [
        ("/login", None, 200),
        ("/", Some(admin.as_str()), 200),
        ("/admin/outbox", Some(admin.as_str()), 200),
        ("/missing", None, 404),
    ] {
        let (first, _) = check_page(app, path, cookie, status).await;
        let (second, _) = check_page(app, path, cookie, status).await;
        assert_ne!(first, second, "{path}: a new nonce on each load");
    }
}

async fn error_answers_are_labelled_utf8_and_not_stored(app: &TestApp) {
    app.seed_demo().await;

    // A server function's error (plain text from server_fn, labelled by the middleware).
    let wrong = login(app, ADMIN, "not-the-password-1").await;
    assert_eq!(wrong.status(), 401);
    assert_every_response_headers(&wrong, "failed log-in");
    assert_not_stored(&wrong, "failed log-in");
    assert_eq!(
        header(&wrong, "content-type"),
        "text/plain; charset=utf-8",
        "failed log-in"
    );

    // The CSV export and the calendar feed refuse in UTF-8 text.
    for (path, status) in [
        ("/exports/sessions.csv?from=2026-01-01&to=2026-02-01", 401),
        ("/exports/sessions.csv", 400),
        ("/calendar/no-such-token.ics", 404),
        ("/calendar/no-such-token", 404),
    ] {
        let response = get(app, path, None).await;
        assert_eq!(response.status(), status, "{path}");
        assert_every_response_headers(&response, path);
        assert_not_stored(&response, path);
        assert_eq!(
            header(&response, "content-type"),
            "text/plain; charset=utf-8",
            "{path}"
        );
    }

    // A cross-site write refused before it reaches any handler.
    let refused = app
        .client
        .post(app.url("/api/auth/login"))
        .header("Origin", "https://evil.example")
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("email", ADMIN), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert_every_response_headers(&refused, "cross-site refusal");
    assert_not_stored(&refused, "cross-site refusal");
    assert_eq!(
        header(&refused, "content-type"),
        "text/plain; charset=utf-8"
    );
}

/// The application on `backend` with extra configuration variables (the harness's `spawn_app`
/// takes none); returns its address and the database to keep alive.
async fn spawn_with(
    backend: Backend,
    extra: &[(&'static str, String)],
) -> Option<(String, TestDatabase)> {
    let database = TestDatabase::create(backend).await?;
    let mut vars: HashMap<&str, String> = HashMap::new();
    vars.insert("DATABASE_URL", database.url.clone());
    vars.insert("TTA_LISTEN_ADDR", "127.0.0.1:0".to_owned());
    vars.insert("RUST_LOG", "warn".to_owned());
    vars.insert("TTA_MAIL_WORKER", "off".to_owned());
    // A PostgreSQL test has no folder for the default key file.
    vars.insert(
        "TTA_SECRET_KEY",
        crate::harness::fixtures::SECRET_KEY.to_owned(),
    );
    vars.extend(extra.iter().cloned());
    let config = Config::from_lookup(|name| vars.get(name).cloned()).expect("configuration");
    let app = Application::build(&config).await.expect("starts");
    let address = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until_stopped());
    Some((address, database))
}

async fn static_files_stay_cacheable(backend: Backend) {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    std::fs::write(
        site.path().join("pkg").join("tta.css"),
        "body { margin: 0 }",
    )
    .unwrap();
    std::fs::write(site.path().join("robots.txt"), "User-agent: *\n").unwrap();
    let root = site.path().display().to_string();
    let Some((address, _database)) = spawn_with(backend, &[("LEPTOS_SITE_ROOT", root)]).await
    else {
        return;
    };
    let client = reqwest::Client::new();
    for (path, content_type) in [("/pkg/tta.css", "text/css"), ("/robots.txt", "text/plain")] {
        let response = client.get(format!("{address}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_every_response_headers(&response, path);
        assert!(
            !header(&response, "cache-control").contains("no-store"),
            "{path}: a static file may be cached"
        );
        assert!(
            header(&response, "content-type").starts_with(content_type),
            "{path}"
        );
    }
    // A file that is not there is a page (404), not stored.
    let missing = client
        .get(format!("{address}/pkg/tta.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_every_response_headers(&missing, "missing file");
    assert_not_stored(&missing, "missing file");
    assert_eq!(header(&missing, "content-type"), "text/html; charset=utf-8");
}

async fn hsts_only_with_an_https_public_url(backend: Backend) {
    let public_url = ("TTA_PUBLIC_URL", "https://tta.example.gov".to_owned());
    let Some((address, _database)) = spawn_with(backend, &[public_url]).await else {
        return;
    };
    let client = reqwest::Client::new();
    for path in ["/login", "/healthz", "/no/such/page"] {
        let response = client.get(format!("{address}{path}")).send().await.unwrap();
        assert_eq!(
            header(&response, "strict-transport-security"),
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
        assert_eq!(header(&response, "x-frame-options"), "DENY");
    }
    // Without https (the default public URL) the tests above assert its absence.
}
