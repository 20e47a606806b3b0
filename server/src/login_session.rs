//! The log-in session of a request (not a coaching session: those are `service::sessions`).
//! Resolves the `tta_session` cookie once per request and attaches the verified
//! [`service::access::Actor`] and its [`service::accounts::CurrentUser`] (when the session is
//! live) and the [`ClientInfo`] to the request's extensions, where page renders and server
//! functions read them (see `app::api::login_session`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::USER_AGENT;
use axum::middleware::Next;
use axum::response::Response;
use service::access::resolve_actor;
use service::accounts::ClientInfo;

use crate::routes::AppState;

pub async fn resolve_user(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if path.starts_with("/pkg/") || path == "/healthz" || path == "/readyz" {
        return next.run(request).await;
    }
    let client = ClientInfo {
        ip: request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip().to_string()),
        user_agent: request
            .headers()
            .get(USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
    };
    if let Some(token) = app::api::login_session::session_token_from(request.headers()) {
        match resolve_actor(&state.database, &token, &state.accounts.session).await {
            Ok(Some(actor)) => {
                request.extensions_mut().insert(actor.user().clone());
                request.extensions_mut().insert(actor);
            }
            Ok(None) => {}
            // The database is unreachable: a 503 to retry, not an anonymous 401.
            Err(error) if error.http_status() == 503 => {
                tracing::warn!(%error, "cannot resolve the session");
                return crate::availability::unavailable();
            }
            Err(error) => tracing::error!(%error, "cannot resolve the session"),
        }
    }
    request.extensions_mut().insert(client);
    next.run(request).await
}
