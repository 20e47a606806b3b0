//! OpenID Connect sign-in over HTTP: `GET /auth/oidc/{provider}/start` sends the browser to the
//! provider (the `state` kept in a short-lived cookie that only these addresses receive), and
//! `GET /auth/oidc/{provider}/callback` finishes it through `service::accounts::oidc`: a new
//! log-in session and its cookie, then the page asked for. A refusal goes back to the log-in
//! page as `/login?oidc_error=<code>`, where the page shows its sentence.

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use service::accounts::ClientInfo;
use service::accounts::oidc::{self, Callback, SignInRefused};

use crate::routes::AppState;
use app::api::login_session::{SESSION_COOKIE, cookie_value, session_token_from};

/// Holds the attempt's `state` between the two requests.
pub const STATE_COOKIE: &str = "tta_oidc_state";

#[derive(Debug, Default, Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

fn secure(state: &AppState) -> &'static str {
    if state.cookie_secure { "; Secure" } else { "" }
}

fn see_other(location: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

fn clear_state_cookie(state: &AppState) -> String {
    format!(
        "{STATE_COOKIE}=; HttpOnly; SameSite=Lax; Path=/auth/oidc; Max-Age=0{}",
        secure(state)
    )
}

fn refused(state: &AppState, refusal: SignInRefused) -> Response {
    match refusal {
        SignInRefused::Refused(refusal) => see_other(
            &format!(
                "/login?{}={}",
                contract::sign_in::REFUSAL_PARAM,
                refusal.code()
            ),
            &[clear_state_cookie(state)],
        ),
        SignInRefused::Service(error) => {
            tracing::error!(%error, "OpenID Connect sign-in failed");
            let status = StatusCode::from_u16(error.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (
                status,
                "Signing in did not work because of a problem on our side. Try again in a few \
                 minutes.",
            )
                .into_response()
        }
    }
}

/// Starts a sign-in at the provider named in the path.
pub async fn start(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    Query(query): Query<StartQuery>,
    client: Option<Extension<ClientInfo>>,
) -> Response {
    let client = client.map(|Extension(c)| c).unwrap_or_default();
    let next = query
        .next
        .as_deref()
        .map(|n| app::return_to::after_login(Some(n)))
        .filter(|n| *n != "/");
    match oidc::begin_sign_in(&state.database, &state.accounts, &provider, next, &client).await {
        Ok(start) => see_other(
            &start.authorization_url,
            &[format!(
                "{STATE_COOKIE}={}; HttpOnly; SameSite=Lax; Path=/auth/oidc; Max-Age={}{}",
                start.state,
                oidc::attempts::LIFETIME_MINUTES * 60,
                secure(&state)
            )],
        ),
        Err(refusal) => refused(&state, refusal),
    }
}

/// Finishes a sign-in: the provider sent the browser back with a code (or an error).
pub async fn callback(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
    client: Option<Extension<ClientInfo>>,
) -> Response {
    let client = client.map(|Extension(c)| c).unwrap_or_default();
    let callback = Callback {
        code: query.code.as_deref(),
        state: query.state.as_deref(),
        error: query.error.as_deref(),
        cookie_state: cookie_value(&headers, STATE_COOKIE),
    };
    let signed_in = match oidc::complete_sign_in(
        &state.database,
        &state.accounts,
        &provider,
        callback,
        &client,
    )
    .await
    {
        Ok(signed_in) => signed_in,
        Err(refusal) => return refused(&state, refusal),
    };
    // A session already open in this browser ends: every sign-in gets a new id.
    if let Some(old) = session_token_from(&headers)
        && let Err(error) = service::accounts::login::log_out(&state.database, &old, &client).await
    {
        tracing::warn!(%error, "could not end the previous session");
    }
    let session_cookie = format!(
        "{SESSION_COOKIE}={}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{}",
        signed_in.session.token.expose(),
        state.accounts.session.absolute.num_seconds(),
        secure(&state)
    );
    see_other(
        app::return_to::after_login(signed_in.next_path.as_deref()),
        &[session_cookie, clear_state_cookie(&state)],
    )
}
