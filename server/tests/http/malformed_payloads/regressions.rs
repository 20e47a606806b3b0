//! What the malformed-payload run found, each fixed at its cause and kept fixed here, on SQLite
//! and PostgreSQL:
//! - a CSV export's query that did not decode was answered with axum's rejection text
//!   (`Failed to deserialize query string: missing field `to``); it now names the field
//!   (`arguments::plain`);
//! - an export or calendar address that is not UTF-8 (`%ff`) was answered `Invalid URL: Cannot
//!   parse …`; it is now simply no such report or calendar (404);
//! - a server function given a huge value it could not decode answered 500 ("error answer could
//!   not be read": the decoder's message quotes the value, and was longer than the argument
//!   layer read back); it is now a 400 naming the field, with a short log line saying why;
//! - a NUL character in a text value reached PostgreSQL, which cannot store one in text (500,
//!   "invalid byte sequence for encoding UTF8: 0x00"); the argument layer now refuses it with a
//!   400 naming the field, on both databases alike.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::accounts_support::demo_login;
use crate::harness::TestApp;

on_both_databases!(
    an_export_query_that_does_not_decode_names_the_field,
    an_address_that_is_not_text_is_not_found,
    a_huge_value_the_decoder_quotes_is_a_400_naming_the_field,
    a_nul_character_is_a_400_naming_the_field,
);

async fn get(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let response = app
        .client
        .get(app.url(path))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn an_export_query_that_does_not_decode_names_the_field(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    for (path, message) in [
        (
            "/exports/sessions-by-site.csv?from=2026-01-01",
            "The request could not be read: field 'to' is missing.",
        ),
        (
            "/exports/turnaround.csv",
            "The request could not be read: field 'from' is missing.",
        ),
        (
            "/exports/feedback.csv?from=2026-01-01&from=2026-02-01&to=2026-03-01",
            "The request could not be read: field 'from' is given more than once.",
        ),
        (
            "/exports/portfolio.csv?status[]=open",
            "The request could not be read: field 'status' must be a single value, not a list.",
        ),
        (
            "/exports/portfolio.csv?kind[x]=diagnostic",
            "The request could not be read: field 'kind' must be a single value.",
        ),
    ] {
        let (status, body) = get(app, path, &coordinator).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body, message, "{path}");
    }
    // A query that decodes still gives the file.
    let (status, body) = get(
        app,
        "/exports/sessions-by-site.csv?from=2026-01-01&to=2026-03-01",
        &coordinator,
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

async fn an_address_that_is_not_text_is_not_found(app: &TestApp) {
    app.seed_demo().await;
    let coordinator = demo_login(app, "coordinator@tta.example.gov").await;
    let (status, body) = get(
        app,
        "/exports/%ff.csv?from=2026-01-01&to=2026-03-01",
        &coordinator,
    )
    .await;
    assert_eq!((status, body.as_str()), (404, "There is no such report."));
    let (status, body) = get(app, "/calendar/%ff%fe.ics", "").await;
    assert_eq!(
        (status, body.as_str()),
        (404, "There is no calendar at this address.")
    );
}

async fn a_huge_value_the_decoder_quotes_is_a_400_naming_the_field(app: &TestApp) {
    app.seed_demo().await;
    let admin = demo_login(app, "admin@tta.example.gov").await;
    let huge = "é".repeat(512 * 1024);
    for (body, field) in [
        (
            serde_json::json!({"engagement_id": 1, "form": huge}),
            "form",
        ),
        (
            serde_json::json!({"engagement_id": "😀".repeat(40_000), "form": {"lines": []}}),
            "engagement_id",
        ),
    ] {
        let response = app
            .client
            .post(app.url("/api/engagements/cadence/preview"))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .header("Cookie", &admin)
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        assert_eq!(status, 400, "{}", &text[..text.len().min(300)]);
        assert!(
            text.starts_with(&format!(
                "ServerError|The request could not be read: field '{field}' "
            )),
            "{}",
            &text[..text.len().min(300)]
        );
        assert!(text.len() < 300, "the value is not echoed back");
    }
}

async fn a_nul_character_is_a_400_naming_the_field(app: &TestApp) {
    app.seed_demo().await;
    let admin = demo_login(app, "admin@tta.example.gov").await;
    let provider = demo_login(app, "provider.phoenix@tta.example.gov").await;
    let post =
        |endpoint: &'static str, cookie: String, content_type: &'static str, body: Vec<u8>| {
            let client = app.client.clone();
            let url = app.url(&format!("/api/{endpoint}"));
            async move {
                let response = client
                    .post(url)
                    .header("Accept", "application/json")
                    .header("Content-Type", content_type)
                    .header("Cookie", cookie)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            }
        };
    const FORM: &str = "application/x-www-form-urlencoded";
    for body in [
        &b"name=Gun%00violence&description=x"[..],
        b"name=Gun\0violence",
    ] {
        let (status, text) = post("admin/topics/create", admin.clone(), FORM, body.to_vec()).await;
        assert_eq!(status, 400, "{text}");
        assert_eq!(
            text,
            "ServerError|The request could not be read: field 'name' must not contain a NUL \
             character."
        );
    }
    let json = serde_json::json!({"form": {"weekly": [], "overrides": [], "time_off": [
        {"key": 1, "first": "2027-04-01", "last": "2027-04-02", "reason": "leave\u{0}"}
    ]}});
    let (status, text) = post(
        "provider/availability/save",
        provider,
        "application/json",
        json.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 400, "{text}");
    assert_eq!(
        text,
        "ServerError|The request could not be read: field 'form.time_off[0].reason' must not \
         contain a NUL character."
    );
    // Without the NUL the same topic is created.
    let (status, text) = post(
        "admin/topics/create",
        admin,
        FORM,
        b"name=Gun+violence+review&description=x".to_vec(),
    )
    .await;
    assert_eq!(status, 200, "{text}");
}
