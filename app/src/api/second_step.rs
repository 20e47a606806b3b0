//! Server functions of the log-in's second step (`/login/two-factor`), after a correct password
//! for a person with a second factor, or who must set one up now. The pending log-in is its
//! own short-lived cookie (`tta_pending`), not a session: these functions are the only ones it
//! opens. Passing the step starts a session with a new id.

use contract::account::EnrolmentView;
use leptos::prelude::*;

/// Name of the pending log-in's cookie.
pub const PENDING_COOKIE: &str = "tta_pending";

/// The page of the second step, keeping the page asked for before logging in.
pub fn second_step_page(next: Option<&str>) -> String {
    match next.filter(|next| !next.is_empty()) {
        Some(next) => format!(
            "/login/two-factor?{}={}",
            crate::return_to::NEXT_PARAM,
            percent(next)
        ),
        None => "/login/two-factor".to_owned(),
    }
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(feature = "ssr")]
pub(crate) mod pending_cookie {
    //! The `tta_pending` cookie: HttpOnly, SameSite=Lax, Path=/, Secure when configured.

    use http::header::{HeaderValue, SET_COOKIE};
    use leptos::prelude::use_context;
    use service::accounts::SessionToken;

    use super::PENDING_COOKIE;
    use crate::api::login_session::{CookieSettings, cookie_value};

    fn write(value: &str, max_age: i64) {
        let secure = use_context::<CookieSettings>().is_none_or(|c| c.secure);
        let header = format!(
            "{PENDING_COOKIE}={value}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}{}",
            if secure { "; Secure" } else { "" }
        );
        match (
            use_context::<leptos_axum::ResponseOptions>(),
            HeaderValue::from_str(&header),
        ) {
            (Some(response), Ok(value)) => response.append_header(SET_COOKIE, value),
            _ => tracing::error!("cannot set the pending log-in cookie on this response"),
        }
    }

    pub fn set(token: &SessionToken, max_age: i64) {
        write(token.expose(), max_age);
    }

    pub fn clear() {
        write("", 0);
    }

    /// The pending log-in's token this browser sent.
    pub fn token() -> Option<SessionToken> {
        use_context::<http::request::Parts>().and_then(|parts| {
            cookie_value(&parts.headers, PENDING_COOKIE)
                .filter(|value| !value.is_empty())
                .map(SessionToken::new)
        })
    }
}

#[cfg(feature = "ssr")]
fn step_error(error: service::accounts::two_factor::SecondStepError) -> ServerFnError {
    use service::accounts::two_factor::SecondStepError;
    let status = match &error {
        SecondStepError::Service(_) => None,
        SecondStepError::Locked(_) => Some(http::StatusCode::TOO_MANY_REQUESTS),
        SecondStepError::Expired | SecondStepError::WrongCode => {
            Some(http::StatusCode::UNAUTHORIZED)
        }
    };
    match (error, status) {
        (SecondStepError::Service(error), _) => crate::api::context::to_server_error(error),
        (error, Some(status)) => {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(status);
            }
            ServerFnError::ServerError(error.to_string())
        }
        (error, None) => ServerFnError::ServerError(error.to_string()),
    }
}

#[cfg(feature = "ssr")]
fn expired() -> ServerFnError {
    step_error(service::accounts::two_factor::SecondStepError::Expired)
}

/// What the second step asks for: `verify` (a code), `enrol` (set a factor up), or `None` when
/// this browser has no pending log-in.
#[server(endpoint = "auth/second-step")]
pub async fn second_step_purpose() -> Result<Option<String>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    let Some(token) = pending_cookie::token() else {
        return Ok(None);
    };
    let db = database()?;
    Ok(
        service::accounts::two_factor::challenge::purpose_of(&db, &token)
            .await
            .map_err(to_server_error)?
            .map(|purpose| purpose.as_str().to_owned()),
    )
}

/// Checks the code (or a recovery code); on success starts the session (new id), ends the
/// pending log-in and sends the person to `next` (a path of this site) or home.
#[server(endpoint = "auth/second-step/verify")]
pub async fn verify_second_step(code: String, next: Option<String>) -> Result<(), ServerFnError> {
    use crate::api::context::{account_settings, database};
    use crate::api::login_session::{client_info, set_session_cookie};

    let token = pending_cookie::token().ok_or_else(expired)?;
    let db = database()?;
    let settings = account_settings()?;
    let (_user, session) = service::accounts::two_factor::challenge::verify(
        &db,
        &token,
        &code,
        &client_info(),
        &settings,
    )
    .await
    .map_err(step_error)?;
    pending_cookie::clear();
    set_session_cookie(&session.token, settings.session.absolute.num_seconds());
    leptos_axum::redirect(crate::return_to::after_login(next.as_deref()));
    Ok(())
}

/// For a person who must set up a second factor before signing in: a secret to scan.
#[server(endpoint = "auth/second-step/enrolment")]
pub async fn second_step_enrolment() -> Result<EnrolmentView, ServerFnError> {
    use crate::api::context::database;

    let token = pending_cookie::token().ok_or_else(expired)?;
    let db = database()?;
    service::accounts::two_factor::challenge::enrolment(&db, &token)
        .await
        .map_err(step_error)
}

/// Confirms the set-up with the app's code: the session starts (new id); the ten recovery
/// codes come back to be shown once.
#[server(endpoint = "auth/second-step/enrol")]
pub async fn enrol_second_step(code: String) -> Result<Vec<String>, ServerFnError> {
    use crate::api::context::{account_settings, database};
    use crate::api::login_session::{client_info, set_session_cookie};

    let token = pending_cookie::token().ok_or_else(expired)?;
    let db = database()?;
    let settings = account_settings()?;
    let (_user, session, codes) = service::accounts::two_factor::challenge::enrol(
        &db,
        &token,
        &code,
        &client_info(),
        &settings,
    )
    .await
    .map_err(step_error)?;
    pending_cookie::clear();
    set_session_cookie(&session.token, settings.session.absolute.num_seconds());
    Ok(codes)
}
