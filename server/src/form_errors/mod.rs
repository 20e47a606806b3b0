//! Errors of plain form posts (the browser without JavaScript) travel back to the form in the
//! address: `server_fn` redirects to the `Referer` with `__path` (the failed function) and
//! `__err` (its error), and the page's `ServerAction` shows that error as its own. Left alone,
//! anyone could write a link such as `/login?__path=/api/auth/login&__err=<base64 of
//! "ServerError|Your account is locked. Call 555-0100">` and have the page say it.
//!
//! So only errors this server produced for this browser are shown:
//! - on a server function's redirect, the target is confined to this site's own paths (a
//!   `Referer` from elsewhere gives `/`), only the error just produced is kept, a plain form
//!   post is answered with `303 See Other` whatever status the error set (a 4xx with a
//!   `Location` would not be followed), and a short-lived `HttpOnly`, `SameSite=Strict` cookie
//!   holds the SHA-256 digest of that `__path` and `__err`;
//! - a page requested with `__path`/`__err` whose digest is not that cookie's is redirected
//!   (303) to the same address without them, before anything renders; the browser's address
//!   then no longer holds them either, so the hydrated page cannot show them.
//!
//! A cookie cannot be set by another site, so a link cannot bring its own digest; with
//! `TTA_COOKIE_SECURE` the cookie has the `__Host-` prefix, which a sibling subdomain cannot
//! set either.

pub mod location;

use axum::extract::{Request, State};
use axum::http::header::{ACCEPT, HOST, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::csrf::AllowedOrigins;

/// How long a form's error may be shown again (a reload of the page that shows it).
const COOKIE_SECONDS: u32 = 300;

/// What the middleware needs to know about this site.
#[derive(Clone, Debug)]
pub struct FormErrorSettings {
    pub origins: AllowedOrigins,
    /// `TTA_COOKIE_SECURE`: the cookie is `Secure` and `__Host-` prefixed.
    pub cookie_secure: bool,
}

impl FormErrorSettings {
    fn cookie_name(&self) -> &'static str {
        if self.cookie_secure {
            "__Host-tta_form_error"
        } else {
            "tta_form_error"
        }
    }

    fn set_cookie(&self, digest: &str) -> Option<HeaderValue> {
        let secure = if self.cookie_secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{}={digest}; HttpOnly; SameSite=Strict; Path=/; Max-Age={COOKIE_SECONDS}{secure}",
            self.cookie_name()
        ))
        .ok()
    }

    fn cookie<'a>(&self, headers: &'a HeaderMap) -> Option<&'a str> {
        app::api::login_session::cookie_value(headers, self.cookie_name())
    }
}

/// The digest that vouches for one `__path` and `__err` pair.
fn digest(function: &str, error: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(format!("tta form error {}\n", function.len()).as_bytes());
    hasher.update(function.as_bytes());
    hasher.update(error.as_bytes());
    hex::encode(hasher.finalize())
}

fn header<'a>(headers: &'a HeaderMap, name: &axum::http::HeaderName) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// The middleware (on every path).
pub async fn guard_form_errors(
    State(settings): State<FormErrorSettings>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path().starts_with("/api/") {
        let form_post = header(request.headers(), &ACCEPT).is_some_and(|a| a.contains("text/html"));
        let host = header(request.headers(), &HOST).map(str::to_owned);
        let mut response = next.run(request).await;
        settle_redirect(&mut response, &settings, host.as_deref(), form_post);
        return response;
    }
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        let (error, any) = location::page_error(request.uri().query());
        let vouched = error.is_some_and(|(function, error)| {
            settings.cookie(request.headers()) == Some(digest(&function, &error).as_str())
        });
        if any && !vouched {
            tracing::info!(
                path = request.uri().path(),
                "form error in the address not produced for this browser; removed"
            );
            let target = location::without_errors(request.uri().path(), request.uri().query());
            return see_other(&target);
        }
    }
    next.run(request).await
}

fn see_other(target: &str) -> Response {
    let target = HeaderValue::from_str(target).unwrap_or(HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(LOCATION, target)]).into_response()
}

/// Confines a server function's redirect to this site, keeps only the error just produced and
/// vouches for it with the cookie; a plain form post gets `303 See Other`.
fn settle_redirect(
    response: &mut Response,
    settings: &FormErrorSettings,
    host: Option<&str>,
    form_post: bool,
) {
    let Some(target) = header(response.headers(), &LOCATION) else {
        return;
    };
    let target = location::on_this_site(target, &settings.origins, host);
    let target = location::map_errors(&target, shortened).unwrap_or(target);
    let (target, error) = location::latest_error(&target);
    let target = HeaderValue::from_str(&target).unwrap_or(HeaderValue::from_static("/"));
    response.headers_mut().insert(LOCATION, target);
    if let Some(cookie) =
        error.and_then(|(function, error)| settings.set_cookie(&digest(&function, &error)))
    {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    if form_post && !response.status().is_redirection() {
        *response.status_mut() = StatusCode::SEE_OTHER;
    }
}

/// The longest error carried in a redirect's address. A message may quote the value it
/// refused (a 1 MB "date"); the redirect's `Location` must stay a header browsers and proxies
/// accept (a few kilobytes), so a longer error is cut, at a character boundary, with "…".
const ADDRESS_ERROR_LIMIT: usize = 1_000;

/// `error` cut to [`ADDRESS_ERROR_LIMIT`], or `None` when it is short enough.
fn shortened(error: &str) -> Option<String> {
    if error.len() <= ADDRESS_ERROR_LIMIT {
        return None;
    }
    let mut end = ADDRESS_ERROR_LIMIT;
    while !error.is_char_boundary(end) {
        end -= 1;
    }
    Some(format!("{}…", &error[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_vouches_for_one_error_only() {
        let settings = FormErrorSettings {
            origins: AllowedOrigins::from_public_url("http://127.0.0.1:3000"),
            cookie_secure: true,
        };
        let value = settings
            .set_cookie(&digest("/api/auth/login", "abc"))
            .unwrap();
        let value = value.to_str().unwrap();
        assert!(value.starts_with("__Host-tta_form_error="), "{value}");
        assert!(
            value.contains("HttpOnly; SameSite=Strict; Path=/"),
            "{value}"
        );
        assert!(value.ends_with("; Secure"), "{value}");
        assert_ne!(
            digest("/api/auth/login", "abc"),
            digest("/api/auth/login", "abd")
        );
        assert_ne!(digest("/api/a", "b\nc"), digest("/api/a\nb", "c"));
    }

    #[test]
    fn a_long_error_is_cut_before_it_goes_into_an_address() {
        assert_eq!(shortened("ServerError|date: 'x' is not a date."), None);
        let long = format!("ServerError|date: '{}' is not a date.", "é".repeat(600_000));
        let cut = shortened(&long).unwrap();
        assert!(
            cut.len() <= ADDRESS_ERROR_LIMIT + '…'.len_utf8(),
            "{}",
            cut.len()
        );
        assert!(cut.starts_with("ServerError|date: 'éé") && cut.ends_with('…'));
        let target = location::with_error("/admin/sites", "/api/admin/sites/blackout/add", &long);
        let short = location::map_errors(&target, shortened).unwrap();
        assert!(short.len() < 2_000, "{}", short.len());
        let (_, error) = location::latest_error(&short);
        let error = error.and_then(|(_, e)| crate::fn_errors::decode_param(&e));
        assert_eq!(error, Some(cut));
    }
}
