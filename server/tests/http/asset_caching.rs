//! Hashed asset names and caching (issue 19): with cargo-leptos's hash file, every page names
//! `tta.<hash>.js`, `.wasm` and `.css`; those files are cached for a year (`immutable`), any
//! other static file is revalidated (`no-cache`), and pages are never stored.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness::{self, Backend};
use reqwest::Response;

const JS_HASH: &str = "Js0123456789abcdefgh-_";
const WASM_HASH: &str = "Wasm456789abcdefghijkl";
const CSS_HASH: &str = "Css3456789abcdefghijkl";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

crate::on_both_backends!(hashed_assets_are_immutable_and_pages_are_not_stored);

fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

async fn hashed_assets_are_immutable_and_pages_are_not_stored(backend: Backend) {
    // A built site as cargo-leptos leaves it: hashed files in pkg/, their hashes in hash.txt.
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(pkg.join("snippets").join("app-1")).unwrap();
    std::fs::write(pkg.join(format!("tta.{JS_HASH}.js")), "export default 1;").unwrap();
    std::fs::write(
        pkg.join(format!("tta.{WASM_HASH}.wasm")),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        pkg.join(format!("tta.{CSS_HASH}.css")),
        "body { margin: 0 }",
    )
    .unwrap();
    std::fs::write(pkg.join("snippets/app-1/inline0.js"), "export const a = 1;").unwrap();
    let hashes = site.path().join("hash.txt");
    std::fs::write(
        &hashes,
        format!("js: {JS_HASH}\nwasm: {WASM_HASH}\ncss: {CSS_HASH}\n"),
    )
    .unwrap();
    let Some(app) = harness::spawn_app_with(
        backend,
        &[
            ("LEPTOS_SITE_ROOT", site.path().display().to_string()),
            ("LEPTOS_HASH_FILES", "true".to_owned()),
            ("LEPTOS_HASH_FILE_NAME", hashes.display().to_string()),
        ],
    )
    .await
    else {
        return;
    };
    app.seed_demo().await;

    // Pages name the hashed files and are never stored (they may show personal data).
    for page in ["/login", "/"] {
        let response = app.client.get(app.url(page)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{page}");
        assert_eq!(header(&response, "cache-control"), "no-store", "{page}");
        let html = response.text().await.unwrap();
        for name in [
            format!("/pkg/tta.{JS_HASH}.js"),
            format!("/pkg/tta.{WASM_HASH}.wasm"),
            format!("/pkg/tta.{CSS_HASH}.css"),
        ] {
            assert!(html.contains(&name), "{page} names {name}: {html}");
        }
        assert!(!html.contains("/pkg/tta.js"), "{page}: {html}");
        assert!(!html.contains("/pkg/tta.css"), "{page}: {html}");
    }

    // The hashed files: a year, never revalidated.
    for (path, content_type) in [
        (format!("/pkg/tta.{JS_HASH}.js"), "text/javascript"),
        (format!("/pkg/tta.{WASM_HASH}.wasm"), "application/wasm"),
        (format!("/pkg/tta.{CSS_HASH}.css"), "text/css"),
    ] {
        let response = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, "cache-control"), IMMUTABLE, "{path}");
        assert!(
            header(&response, "content-type").starts_with(content_type),
            "{path}: {}",
            header(&response, "content-type")
        );
    }

    // A static file without a hash in its name: kept, but revalidated on each use.
    let snippet = app
        .client
        .get(app.url("/pkg/snippets/app-1/inline0.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(snippet.status(), 200);
    assert_eq!(header(&snippet, "cache-control"), "no-cache");

    // A hashed name that is not there (an old build's): a page (404), not stored.
    let gone = app
        .client
        .get(app.url("/pkg/tta.Old3456789abcdefghijkl.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    assert_eq!(header(&gone, "cache-control"), "no-store");
}
