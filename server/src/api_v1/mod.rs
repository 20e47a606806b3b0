//! The JSON API, `/api/v1`: personal access tokens (`Authorization: Bearer tta_pat_…`, see
//! [`auth`]) reach the use cases of `service::api` as their owner, with the pages' roles and
//! record rules; the token's scopes decide whether it may write. Lists are keyset-paginated
//! (`cursor`, `limit`), instants are UTC with the IANA zone beside them, and every refusal is
//! one body, `{"error": {"code", "message", "field"?}}` ([`error`]). Each token is rate limited
//! ([`rate_limit`]). The OpenAPI 3.1 document is generated from these handlers
//! ([`openapi`]) and served, without a token, at `/api/v1/openapi.json`.
//!
//! Leptos server functions also live under `/api/`, each at its own path; this router is nested
//! at `/api/v1` and the server-function argument layer (`crate::arguments`) leaves it alone.

pub mod auth;
pub mod error;
pub mod handlers;
pub mod openapi;
pub mod query;
pub mod rate_limit;
pub mod schema;

use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use service::Database;
use service::notify::NotifySettings;

pub use rate_limit::RateLimit;

use crate::routes::AppState;

/// What the API's handlers share.
#[derive(Clone)]
pub struct ApiState {
    pub database: Database,
    pub notify: NotifySettings,
    pub buckets: rate_limit::Buckets,
}

/// The `/api/v1` router (to nest at that path), with this instance's rate-limit buckets.
pub fn router(state: &AppState) -> Router<AppState> {
    let api = ApiState {
        database: state.database.clone(),
        notify: state.accounts.notify.clone(),
        buckets: rate_limit::Buckets::new(state.api_rate),
    };
    let authenticated = Router::new()
        .route("/me", get(handlers::me))
        .route("/sessions", get(handlers::sessions))
        .route("/sessions/{id}", get(handlers::session))
        .route("/requests", get(handlers::requests).post(handlers::create))
        .route("/requests/{id}", get(handlers::request))
        .route("/requests/{id}/providers", get(handlers::candidates))
        .route(
            "/requests/{id}/providers/{provider_id}/free-time",
            get(handlers::free_time),
        )
        .route("/engagements", get(handlers::engagements))
        .route("/engagements/{id}", get(handlers::engagement))
        .route("/proposals", get(handlers::proposals))
        .route("/proposals/{id}", get(handlers::proposal))
        .route_layer(axum::middleware::from_fn_with_state(
            api.clone(),
            auth::authenticate,
        ));
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .merge(authenticated)
        .fallback(no_such_address)
        .with_state(api)
}

async fn no_such_address() -> Response {
    error::ApiError::not_found("This API address").into_response()
}
