//! Security headers on every response, and the per-request CSP nonce the pages' scripts carry.
//!
//! One middleware, [`set_headers`], wraps the whole router. For each request it makes a fresh
//! random [`Nonce`] and puts it in the request's extensions; the Leptos render reads it back
//! through [`provide_request_nonce`] (called from the context closure of the page routes and of
//! the fallback), so the hydration script, streamed chunks and any `<Script>`/`<Style>` carry the
//! very nonce that the `Content-Security-Policy` header of the same response names.
//!
//! Every response gets:
//!
//! | header | value | why |
//! |---|---|---|
//! | `Content-Security-Policy` | see [`SecurityHeaders::policy`] | scripts only from this origin or with this response's nonce; the wasm needs `'wasm-unsafe-eval'`; no framing, plugins, `<base>` or foreign form targets |
//! | `X-Frame-Options` | `DENY` | `frame-ancestors 'none'` for browsers without CSP 2 |
//! | `X-Content-Type-Options` | `nosniff` | a download is never run as script or style |
//! | `Referrer-Policy` | `same-origin` | reset and invitation links carry tokens in their query: never sent to another site |
//! | `Cross-Origin-Opener-Policy` | `same-origin` | no other window keeps a handle on ours |
//! | `Strict-Transport-Security` | `max-age=31536000; includeSubDomains` | only when `TTA_PUBLIC_URL` is `https://` |
//! | `Cache-Control` | `no-store` | unless the handler chose its own, or the response is a static file |
//! | `Cache-Control` of a static file | `public, max-age=31536000, immutable` for a content-hashed build asset, else `no-cache` | [`crate::assets::cache_control`] |
//!
//! Pages and server-function answers show personal data, so no cache (browser back/forward
//! cache, shared proxy) may keep them; `no-store` also keeps a page's nonce from being replayed.
//! Static files (the wasm, JS and CSS under `/pkg`, files from `public/`) come from the file
//! service, which alone in this application marks its answers with `Accept-Ranges` and
//! `Last-Modified`; a hashed build asset is kept for a year, any other file is revalidated.
//!
//! A `text/*` answer without a charset (server-function errors are plain `text/plain`) is
//! labelled `charset=utf-8`, which is what every body this server writes is.

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{StatusCode, request::Parts};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{LeptosOptions, provide_context, use_context};

/// What the middleware needs to know about the deployment, fixed at start-up.
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    /// `Strict-Transport-Security` is sent (the public URL is https).
    hsts: bool,
    /// Extra `connect-src` sources: the live-reload socket under `cargo leptos watch` only.
    extra_connect_src: String,
}

impl SecurityHeaders {
    /// Settings for a server reached at `public_url`, with the Leptos options it serves.
    pub fn new(public_url: &str, options: &LeptosOptions) -> Self {
        let hsts = public_url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
        // `<AutoReload>` (only under `cargo leptos watch`) opens a socket to another port.
        let extra_connect_src = if std::env::var_os("LEPTOS_WATCH").is_some() {
            let port = options.reload_external_port.unwrap_or(options.reload_port);
            format!(" ws://*:{port} wss://*:{port}")
        } else {
            String::new()
        };
        Self {
            hsts,
            extra_connect_src,
        }
    }

    /// The `Content-Security-Policy` of a response whose inline scripts carry `nonce`.
    ///
    /// The hydration script is inline (with the nonce) and imports `/pkg/tta.<hash>.js`
    /// (`'self'`), which compiles the wasm (`'wasm-unsafe-eval'`, not `'unsafe-eval'`). Styles
    /// come only from `/pkg/tta.<hash>.css`; the only image is the empty `data:` favicon.
    pub fn policy(&self, nonce: &str) -> String {
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'{}; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            self.extra_connect_src
        )
    }
}

/// Puts the current request's nonce (see [`set_headers`]) into the Leptos context, replacing the
/// one leptos_axum made, so the page's scripts carry the nonce named in the CSP header. Call it
/// in the context closure of the page routes and of the fallback; without a request (a static
/// file) it does nothing.
pub fn provide_request_nonce() {
    if let Some(nonce) =
        use_context::<Parts>().and_then(|parts| parts.extensions.get::<Nonce>().cloned())
    {
        provide_context(nonce);
    }
}

/// The middleware: a nonce for the request, the headers on its response.
pub async fn set_headers(
    State(settings): State<SecurityHeaders>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let static_file = is_static_file(response.status(), response.headers());
    let headers = response.headers_mut();

    // The nonce is URL-safe base64, so the policy is always a valid header value.
    if let Ok(policy) = HeaderValue::from_str(&settings.policy(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if settings.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if static_file && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, crate::assets::cache_control(&path));
    }
    if !static_file {
        if !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        if let Some(labelled) = with_charset(headers.get(header::CONTENT_TYPE)) {
            headers.insert(header::CONTENT_TYPE, labelled);
        }
    }
    response
}

/// Whether a response is a file from the static file service (see the module docs).
fn is_static_file(status: StatusCode, headers: &HeaderMap) -> bool {
    status == StatusCode::OK
        && (headers.contains_key(header::ACCEPT_RANGES)
            || headers.contains_key(header::LAST_MODIFIED))
}

/// `content_type` with `; charset=utf-8` added when it is `text/*` without a charset.
fn with_charset(content_type: Option<&HeaderValue>) -> Option<HeaderValue> {
    let value = content_type?.to_str().ok()?;
    let is_text = value
        .get(..5)
        .is_some_and(|start| start.eq_ignore_ascii_case("text/"));
    if !is_text || value.to_ascii_lowercase().contains("charset=") {
        return None;
    }
    HeaderValue::from_str(&format!(
        "{}; charset=utf-8",
        value.trim_end_matches([' ', ';'])
    ))
    .ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn options() -> LeptosOptions {
        LeptosOptions::builder().output_name("tta").build()
    }

    #[test]
    fn hsts_only_for_an_https_public_url() {
        assert!(SecurityHeaders::new("https://tta.example.gov", &options()).hsts);
        assert!(SecurityHeaders::new("HTTPS://tta.example.gov", &options()).hsts);
        assert!(!SecurityHeaders::new("http://127.0.0.1:3000", &options()).hsts);
    }

    #[test]
    fn the_policy_names_the_nonce_and_forbids_framing() {
        let policy = SecurityHeaders::new("http://x", &options()).policy("abc_-1");
        assert!(policy.contains("script-src 'self' 'nonce-abc_-1' 'wasm-unsafe-eval';"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains("'unsafe-eval'"));
    }

    #[test]
    fn text_without_a_charset_gets_utf8() {
        let label = |v: &str| with_charset(Some(&HeaderValue::from_str(v).unwrap()));
        assert_eq!(
            label("text/plain").unwrap(),
            HeaderValue::from_static("text/plain; charset=utf-8")
        );
        assert_eq!(
            label("text/csv;").unwrap(),
            HeaderValue::from_static("text/csv; charset=utf-8")
        );
        assert!(label("text/plain; charset=utf-8").is_none());
        assert!(label("text/html; Charset=UTF-8").is_none());
        assert!(label("application/json").is_none());
        assert!(with_charset(None).is_none());
    }

    #[test]
    fn only_successful_file_answers_count_as_static() {
        let mut file = HeaderMap::new();
        file.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
        assert!(is_static_file(StatusCode::OK, &file));
        assert!(!is_static_file(StatusCode::NOT_FOUND, &file));
        assert!(!is_static_file(StatusCode::OK, &HeaderMap::new()));
    }
}
