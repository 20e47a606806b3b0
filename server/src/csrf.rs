//! Cross-site request forgery defence: state-changing requests (POST, PUT, PATCH, DELETE) from
//! another origin are refused with 403.
//!
//! Browsers say where a request comes from in `Sec-Fetch-Site` and `Origin`. A request marked
//! `cross-site`, or whose `Origin` is neither this server's `Host` nor `TTA_PUBLIC_URL`, is
//! refused. Requests carrying neither header (command-line clients, tests) are not from a
//! browser page and pass. Together with `SameSite=Lax` cookies and no state change on GET, this
//! is the whole CSRF defence: no tokens are needed.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origins state-changing requests may come from, besides the request's own `Host`.
#[derive(Clone, Debug)]
pub struct AllowedOrigins(Arc<Vec<String>>);

impl AllowedOrigins {
    /// `public_url` such as `https://tta.example.gov/x` gives the origin `https://tta.example.gov`.
    pub fn from_public_url(public_url: &str) -> Self {
        let origin = match public_url.split_once("://") {
            Some((scheme, rest)) => {
                let host = rest.split('/').next().unwrap_or(rest);
                format!("{}://{}", scheme.to_lowercase(), host.to_lowercase())
            }
            None => public_url.to_lowercase(),
        };
        Self(Arc::new(vec![origin]))
    }

    /// Whether `origin` (`scheme://host[:port]`) is this site: `TTA_PUBLIC_URL`'s origin, or the
    /// request's own `host` over http or https.
    pub fn allows(&self, origin: &str, host: Option<&str>) -> bool {
        let origin = origin.trim().to_lowercase();
        if self.0.contains(&origin) {
            return true;
        }
        let Some(host) = host.map(str::to_lowercase) else {
            return false;
        };
        origin == format!("http://{host}") || origin == format!("https://{host}")
    }
}

fn changes_state(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Whether a request with these headers may change state.
pub fn allowed(
    allowed: &AllowedOrigins,
    sec_fetch_site: Option<&str>,
    origin: Option<&str>,
    host: Option<&str>,
) -> bool {
    if sec_fetch_site.is_some_and(|site| site.eq_ignore_ascii_case("cross-site")) {
        return false;
    }
    let Some(origin) = origin else {
        return true;
    };
    allowed.allows(origin, host)
}

pub async fn refuse_cross_origin(
    State(origins): State<AllowedOrigins>,
    request: Request,
    next: Next,
) -> Response {
    if changes_state(request.method()) {
        let header = |name| {
            request
                .headers()
                .get(name)
                .and_then(|value: &axum::http::HeaderValue| value.to_str().ok())
        };
        if !allowed(
            &origins,
            header("sec-fetch-site"),
            header(ORIGIN.as_str()),
            header(HOST.as_str()),
        ) {
            tracing::warn!(
                method = %request.method(),
                path = request.uri().path(),
                "cross-origin request refused"
            );
            const REFUSED: &str = "This request came from another web site and was refused.";
            // A server function's caller reads errors in the server-function format.
            if request.uri().path().starts_with("/api/") {
                return crate::fn_errors::response(
                    StatusCode::FORBIDDEN,
                    request.uri().path(),
                    REFUSED,
                );
            }
            return (StatusCode::FORBIDDEN, REFUSED).into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decides_by_fetch_site_then_origin() {
        let origins = AllowedOrigins::from_public_url("https://TTA.example.gov/");
        let host = Some("127.0.0.1:3000");
        assert!(allowed(&origins, None, None, host));
        assert!(!allowed(&origins, Some("cross-site"), None, host));
        assert!(allowed(
            &origins,
            Some("same-origin"),
            Some("http://127.0.0.1:3000"),
            host
        ));
        assert!(allowed(
            &origins,
            None,
            Some("https://tta.example.gov"),
            host
        ));
        assert!(!allowed(
            &origins,
            Some("same-site"),
            Some("https://evil.example.gov"),
            host
        ));
        assert!(!allowed(&origins, None, Some("null"), host));
        assert!(!allowed(&origins, None, Some("http://attacker.test"), None));
    }
}
