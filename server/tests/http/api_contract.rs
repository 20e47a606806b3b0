//! The JSON API against its own OpenAPI document, on both databases: the document served at
//! `/api/v1/openapi.json` passes an independent validator (`openapi-spec-validator`), and
//! `schemathesis` — property-based cases generated from the document, run against the live
//! server with a coordinator's token — finds no 5xx and no response that breaks its schema,
//! status list, content type or headers. Both tools come from PyPI, installed by
//! `scripts/setup.sh` into `target/python-tools`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use crate::api_support::{COORDINATOR, token};
use crate::harness::{Backend, spawn_app_with};

on_both_backends!(the_openapi_document_is_valid_and_the_server_keeps_to_it);

/// A tool of `target/python-tools` (or the `PATH`).
fn tool(name: &str) -> PathBuf {
    let local = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/python-tools/bin")
        .join(name);
    if local.exists() {
        return local;
    }
    PathBuf::from(name)
}

async fn run(program: PathBuf, args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(&program)
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "{} could not be run ({e}): run scripts/setup.sh",
                    program.display()
                )
            })
    })
    .await
    .unwrap()
}

async fn the_openapi_document_is_valid_and_the_server_keeps_to_it(backend: Backend) {
    let Some(app) = spawn_app_with(
        backend,
        // The contract test makes hundreds of calls; the rate limit has its own test.
        &[("TTA_API_RATE_PER_MINUTE", "100000".to_owned())],
    )
    .await
    else {
        return;
    };
    app.seed_demo().await;
    let secret = token(&app, COORDINATOR, "write").await;

    let folder = tempfile::tempdir().unwrap();
    let document = folder.path().join("openapi.json");
    let text = app.get("/api/v1/openapi.json").await.text().await.unwrap();
    std::fs::write(&document, &text).unwrap();
    let validated = run(
        tool("openapi-spec-validator"),
        vec![document.display().to_string()],
    )
    .await;
    let said = String::from_utf8_lossy(&validated.stdout);
    assert!(
        validated.status.success(),
        "{said}\n{}",
        String::from_utf8_lossy(&validated.stderr)
    );
    assert!(said.contains("OK"), "{said}");

    let report = folder.path().join("junit.xml");
    let checked = run(
        tool("schemathesis"),
        vec![
            "run".into(),
            app.url("/api/v1/openapi.json"),
            "--url".into(),
            app.address.clone(),
            "-H".into(),
            format!("Authorization: Bearer {secret}"),
            "--checks".into(),
            "not_a_server_error,status_code_conformance,content_type_conformance,\
             response_schema_conformance,response_headers_conformance"
                .into(),
            "--max-examples".into(),
            "40".into(),
            "--seed".into(),
            "18".into(),
            "--workers".into(),
            "1".into(),
            "--report".into(),
            "junit".into(),
            "--report-junit-path".into(),
            report.display().to_string(),
        ],
    )
    .await;
    let out = String::from_utf8_lossy(&checked.stdout);
    // The summary's figures, for the record (visible with --nocapture).
    println!("{out}");
    assert!(
        checked.status.success(),
        "schemathesis found failures:\n{out}\n{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let junit = std::fs::read_to_string(&report).unwrap();
    assert!(junit.contains("testcase"), "{junit}");
    assert!(!junit.contains("<failure"), "{junit}");
}
