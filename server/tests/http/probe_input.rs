//! Malformed input is the caller's mistake (issue 15, item 4), on SQLite and PostgreSQL: a
//! server function given arguments it cannot decode answers 400 (413 for a body over the limit)
//! with a message naming the field, in the server-function error format, never the decoder's
//! wording, whether the caller is logged in or not and also for a plain form post; inputs that
//! used to reach the database as internal errors (a time off ending on 9999-12-31, a
//! 60,000-character audit filter, a far-off audit day) are refused with a message.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{accounts_support, harness};
use accounts_support::*;
use harness::TestApp;

on_both_databases!(
    undecodable_arguments_are_400_naming_the_field,
    a_body_over_the_limit_is_413,
    a_plain_form_post_gets_the_message_back_in_the_redirect,
    time_off_beyond_five_years_is_refused_with_a_reason,
    audit_filters_are_bounded,
);

/// Words of the decoders and of `server_fn` that must never reach the browser.
const LEAKS: [&str; 8] = [
    "invalid digit",
    "missing field",
    "invalid type",
    "Args|",
    "MissingArg|",
    "Deserialization|",
    "length limit",
    "expected",
];

async fn expect_refusal(response: reqwest::Response, status: u16, message: &str) {
    let got = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.text().await.unwrap();
    assert_eq!(got, status, "{body}");
    assert_eq!(body, format!("ServerError|{message}"));
    assert_eq!(content_type, "text/plain; charset=utf-8");
    for leak in LEAKS {
        assert!(!body.contains(leak), "{leak} in {body}");
    }
}

async fn post_raw(
    app: &TestApp,
    endpoint: &str,
    cookie: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("Accept", "application/json")
        .header("Content-Type", content_type)
        .header("Cookie", cookie)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn undecodable_arguments_are_400_naming_the_field(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    for cookie in ["", coordinator.as_str()] {
        let call = |form: &'static [(&'static str, &'static str)]| {
            call_with_cookie(app, "coordinator/request", cookie, form)
        };
        expect_refusal(
            call(&[("id", "abc")]).await,
            400,
            "The request could not be read: field 'id' must be a whole number.",
        )
        .await;
        expect_refusal(
            call(&[]).await,
            400,
            "The request could not be read: field 'id' is missing.",
        )
        .await;
        expect_refusal(
            call(&[("id", "99999999999")]).await,
            400,
            "The request could not be read: field 'id' is out of range.",
        )
        .await;
    }
    // Anonymous functions too.
    expect_refusal(
        call_with_cookie(app, "invitations/details", "", &[("token[]", "x")]).await,
        400,
        "The request could not be read: field 'token' must be a single value, not a list.",
    )
    .await;
    expect_refusal(
        call_with_cookie(app, "auth/login", "", &[("email", "a@b.example")]).await,
        400,
        "The request could not be read: field 'password' is missing.",
    )
    .await;
    // Nested form fields and the JSON input are named by their path.
    expect_refusal(
        call_with_cookie(
            app,
            "requests/describe",
            "",
            &[("site_id", "3"), ("form[title][]", "x")],
        )
        .await,
        400,
        "The request could not be read: field 'form.title' must be a single value, not a list.",
    )
    .await;
    let json = br#"{"form":{"time_off":[{"key":"seven"}]}}"#.to_vec();
    expect_refusal(
        post_raw(
            app,
            "provider/availability/save",
            &coordinator,
            "application/json",
            json,
        )
        .await,
        400,
        "The request could not be read: field 'form.time_off[0].key' must be a whole number.",
    )
    .await;
    expect_refusal(
        post_raw(
            app,
            "provider/availability/save",
            "",
            "application/json",
            b"{not json".to_vec(),
        )
        .await,
        400,
        "The request could not be read: it is not valid JSON.",
    )
    .await;
    expect_refusal(
        post_raw(
            app,
            "sites/list",
            "",
            "application/x-www-form-urlencoded",
            vec![b's', b'e', b'a', b'r', b'c', b'h', b'=', 0xff, 0xfe],
        )
        .await,
        400,
        "The request could not be read: it is not UTF-8 text.",
    )
    .await;
}

async fn a_body_over_the_limit_is_413(app: &TestApp) {
    let big = format!(
        "email=a%40b.example&password={}",
        "x".repeat(3 * 1024 * 1024)
    );
    let message = "The request is too large: at most 2 MB can be sent at once.";
    let response = post_raw(
        app,
        "auth/login",
        "",
        "application/x-www-form-urlencoded",
        big.clone().into_bytes(),
    )
    .await;
    expect_refusal(response, 413, message).await;
    // Without a length announced in advance (chunked), the same.
    let (status, body) = chunked_post(app, "/api/auth/login", big.as_bytes()).await;
    assert_eq!(status, 413, "{body}");
    assert!(body.contains(&format!("ServerError|{message}")), "{body}");
    // The server reads a body over the limit to its end before answering, so the answer is
    // never lost to a connection reset while the caller is still sending (it was, now and then,
    // on a loaded machine): sixteen at once, each on its own connection, all get the 413.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut sends = tokio::task::JoinSet::new();
    for _ in 0..16 {
        sends.spawn(
            client
                .post(app.url("/api/auth/login"))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(big.clone().into_bytes())
                .send(),
        );
    }
    while let Some(answer) = sends.join_next().await {
        let response = answer
            .unwrap()
            .expect("an answer, not a dropped connection");
        expect_refusal(response, 413, message).await;
    }
}

/// POSTs `body` with `Transfer-Encoding: chunked` over a plain connection; the status and the
/// raw answer.
async fn chunked_post(app: &TestApp, path: &str, body: &[u8]) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    for chunk in body.chunks(64 * 1024) {
        let sent = async {
            stream
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await?;
            stream.write_all(chunk).await?;
            stream.write_all(b"\r\n").await
        };
        // The server may answer and close before the whole body is sent.
        if sent.await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

async fn a_plain_form_post_gets_the_message_back_in_the_redirect(app: &TestApp) {
    let response = app
        .client
        .post(app.url("/api/auth/login"))
        .header("Accept", "text/html")
        .header("Referer", app.url("/login"))
        .form(&[("email[]", "x"), ("password", "y")])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/login?__path="), "{location}");
    let query = location.split_once('?').unwrap().1;
    let (_, error) = url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "__err")
        .unwrap();
    let error = String::from_utf8(
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE, error.as_bytes())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        error,
        "ServerError|The request could not be read: field 'email' must be a single value, not a list."
    );
}

async fn time_off_beyond_five_years_is_refused_with_a_reason(app: &TestApp) {
    app.seed_demo().await;
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let today = chrono::Utc::now().date_naive();
    let body = |last: &str| {
        serde_json::json!({ "form": { "time_off": [
            { "key": 1, "first": today.format("%Y-%m-%d").to_string(), "last": last, "reason": "leave" }
        ] } })
        .to_string()
        .into_bytes()
    };
    for last in ["9999-12-31", "+262143-12-31"] {
        let response = post_raw(
            app,
            "provider/availability/save",
            &provider,
            "application/json",
            body(last),
        )
        .await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, 400, "{last}: {text}");
        assert!(
            text.contains("is out of range: enter days from")
                || text.contains("Enter the last day off"),
            "{last}: {text}"
        );
    }
    // Five years ahead is still fine.
    let ahead = (today + chrono::Duration::days(365 * 4))
        .format("%Y-%m-%d")
        .to_string();
    let response = post_raw(
        app,
        "provider/availability/save",
        &provider,
        "application/json",
        body(&ahead),
    )
    .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
}

async fn audit_filters_are_bounded(app: &TestApp) {
    app.seed_demo().await;
    let admin = demo_login(app, "admin@tta.example.gov").await;
    let audit = |form: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = call_with_cookie(app, "admin/audit", &admin, &form).await;
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let (status, text) = audit(vec![("action", "a".repeat(60_000))]).await;
    assert_eq!(status, 400, "{text}");
    assert!(
        text.contains("action: An action filter has at most 64 characters"),
        "{text}"
    );
    let (status, text) = audit(vec![("action", "login%".to_owned())]).await;
    assert_eq!(status, 400, "{text}");
    for day in ["9999-12-31", "+262143-12-31", "0001-01-01"] {
        let (status, text) = audit(vec![("to", day.to_owned())]).await;
        assert_eq!(status, 400, "{day}: {text}");
        assert!(text.contains("to: "), "{day}: {text}");
    }
    // `_` is a letter here, not a wildcard: `login_` matches no action.
    let (status, text) = audit(vec![("action", "login.".to_owned())]).await;
    assert_eq!(status, 200, "{text}");
    let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(!rows["rows"].as_array().unwrap().is_empty());
    let (_, text) = audit(vec![("action", "login_".to_owned())]).await;
    let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(rows["rows"].as_array().unwrap().is_empty(), "{text}");
}

#[test]
fn every_server_function_is_known_to_the_argument_check() {
    let unknown: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|path| !server::arguments::registry::knows(path))
        .collect();
    assert!(
        unknown.is_empty(),
        "add these server functions to server/src/arguments/registry.rs: {unknown:?}"
    );
    assert!(server::arguments::registry::knows(
        "/api/coordinator/request"
    ));
}
