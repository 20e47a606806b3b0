//! The log-in session (not a coaching session): its cookie, and the acting person the server's
//! middleware attached to the request (server only).
//!
//! `server` resolves the `tta_session` cookie once per request in a middleware and puts the
//! [`CurrentUser`] and [`ClientInfo`] into the request's extensions; Leptos gives every page
//! render and server function the request [`Parts`], so both read the same values here.

use http::HeaderMap;
use http::header::{COOKIE, HeaderValue, SET_COOKIE};
use http::request::Parts;
use leptos::prelude::use_context;
use service::access::Actor;
use service::accounts::{ClientInfo, CurrentUser, SessionToken};

/// Shown with 401: the one log-in check of every entry point (see [`acting_person`]).
pub const NOT_LOGGED_IN: &str =
    "You are not logged in, or your session has ended. Log in and try again.";

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "tta_session";

/// Whether cookies carry `Secure`; provided by the server as context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CookieSettings {
    pub secure: bool,
}

/// The value of the cookie `name` in `headers`, when the browser sent one.
pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value)
}

/// The session token of the `tta_session` cookie in `headers`.
pub fn session_token_from(headers: &HeaderMap) -> Option<SessionToken> {
    cookie_value(headers, SESSION_COOKIE)
        .filter(|value| !value.is_empty())
        .map(SessionToken::new)
}

/// The acting person of this request, as use cases take it: the one log-in check of every
/// entry point. 401 with a sentence for the person when nobody is logged in; the role and record
/// checks are the use case's own.
pub fn acting_person() -> Result<Actor, leptos::prelude::ServerFnError> {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<Actor>().cloned())
        .ok_or_else(|| {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::UNAUTHORIZED);
            }
            leptos::prelude::ServerFnError::ServerError(NOT_LOGGED_IN.to_owned())
        })
}

/// The person logged in on this request, if any.
pub fn current_user() -> Option<CurrentUser> {
    use_context::<Parts>().and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
}

/// The session token the browser sent with this request.
pub fn session_token() -> Option<SessionToken> {
    use_context::<Parts>().and_then(|parts| session_token_from(&parts.headers))
}

/// Address and user agent of this request.
pub fn client_info() -> ClientInfo {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<ClientInfo>().cloned())
        .unwrap_or_default()
}

fn cookie_settings() -> CookieSettings {
    use_context::<CookieSettings>().unwrap_or(CookieSettings { secure: true })
}

fn set_cookie(value: String) {
    match (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        (Some(response), Ok(value)) => response.append_header(SET_COOKIE, value),
        _ => tracing::error!("cannot set the session cookie on this response"),
    }
}

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Lax, Path=/, Secure when configured.
pub fn set_session_cookie(token: &SessionToken, max_age_seconds: i64) {
    let secure = if cookie_settings().secure {
        "; Secure"
    } else {
        ""
    };
    set_cookie(format!(
        "{SESSION_COOKIE}={}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age_seconds}{secure}",
        token.expose()
    ));
}

/// `Set-Cookie` that makes the browser forget the session.
pub fn clear_session_cookie() {
    let secure = if cookie_settings().secure {
        "; Secure"
    } else {
        ""
    };
    set_cookie(format!(
        "{SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}"
    ));
}
