//! The API's credential: `Authorization: Bearer tta_pat_…`, a personal access token resolved by
//! [`service::api::tokens::resolve_api_token`] to its person (the pages' roles and record rules
//! apply) and scopes. No token, or an unknown, revoked or expired one, is 401; log-in cookies
//! are not read here. Each call then takes one from the token's bucket ([`super::rate_limit`]).

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use service::api::tokens::resolve_api_token;

use super::ApiState;
use super::error::ApiError;

/// The token's secret from the `Authorization` header.
fn bearer(request: &Request) -> Option<&str> {
    let value = request.headers().get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, secret) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(secret.trim())
}

/// Resolves the token, applies its rate limit and hands the caller to the handler.
pub async fn authenticate(
    State(state): State<ApiState>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(secret) = bearer(&request) else {
        return ApiError::unauthorized().into_response();
    };
    let caller = match resolve_api_token(&state.database, secret).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return ApiError::unauthorized().into_response(),
        Err(error) => return ApiError::from(error).into_response(),
    };
    if let Err(wait) = state.buckets.take(caller.token_id) {
        return ApiError::rate_limited(wait).into_response();
    }
    request.extensions_mut().insert(caller);
    next.run(request).await
}
