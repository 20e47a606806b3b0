//! `/api/v1/requests/{id}/providers…`: providers ranked for a request, and one provider's free
//! time for its series (coordinators and administrators).

use axum::Json;
use axum::extract::{Extension, Path, State};
use service::api::providers::{provider_free_time, request_candidates};
use service::api::tokens::ApiCaller;

use super::Answer;
use crate::api_v1::ApiState;
use crate::api_v1::error::ErrorBody;
use crate::api_v1::query::id;
use crate::api_v1::schema::{Candidate, FreeTime};

/// Providers ranked for a request (coordinators and administrators): eligible ones best first
/// with their score, then excluded ones with the rules they break.
#[utoipa::path(get, path = "/api/v1/requests/{id}/providers", tag = "providers",
    params(("id" = i32, Path, minimum = 1)),
    responses(
        (status = 200, body = Vec<Candidate>),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn candidates(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    Path(request_id): Path<String>,
) -> Answer<Vec<Candidate>> {
    let request_id = id(&request_id, "Request")?;
    let ranked = request_candidates(
        &state.database,
        &caller.actor,
        request_id,
        chrono::Utc::now(),
    )
    .await?;
    Ok(Json(ranked.into_iter().map(Candidate::from).collect()))
}

/// One provider's free time for a request's series: each occurrence placed as the engine would
/// book it now (coordinators and administrators).
#[utoipa::path(get, path = "/api/v1/requests/{id}/providers/{provider_id}/free-time", tag = "providers",
    params(("id" = i32, Path, minimum = 1), ("provider_id" = i32, Path, minimum = 1)),
    responses(
        (status = 200, body = FreeTime),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn free_time(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    Path((request_id, provider_id)): Path<(String, String)>,
) -> Answer<FreeTime> {
    let request_id = id(&request_id, "Request")?;
    let provider_id = id(&provider_id, "Provider")?;
    let free = provider_free_time(
        &state.database,
        &caller.actor,
        request_id,
        provider_id,
        chrono::Utc::now(),
    )
    .await?;
    Ok(Json(FreeTime::of(request_id, free)))
}
