//! `/api/v1/requests`: list, read and create requests for training or coaching.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::StatusCode;
use service::api::requests::{RequestQuery, create_request, list_requests, read_request};
use service::api::tokens::ApiCaller;

use super::Answer;
use crate::api_v1::ApiState;
use crate::api_v1::error::{ApiError, ErrorBody};
use crate::api_v1::query::{Params, id};
use crate::api_v1::schema::{NewRequest, Request, RequestPage};

/// Statuses a request may be in.
#[derive(utoipa::ToSchema)]
#[schema(as = RequestStatus)]
#[allow(dead_code)]
pub enum RequestStatusParam {
    #[schema(rename = "submitted")]
    Submitted,
    #[schema(rename = "matching")]
    Matching,
    #[schema(rename = "proposed")]
    Proposed,
    #[schema(rename = "approved")]
    Approved,
    #[schema(rename = "scheduled")]
    Scheduled,
    #[schema(rename = "completed")]
    Completed,
    #[schema(rename = "returned")]
    Returned,
    #[schema(rename = "rejected")]
    Rejected,
    #[schema(rename = "cancelled")]
    Cancelled,
}

/// Requests the caller may see, oldest first: coordinators and administrators every site's,
/// a site contact their sites'. Providers are refused.
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests",
    params(
        ("site_id" = Option<i32>, Query, minimum = 1),
        ("engagement_id" = Option<i32>, Query, minimum = 1),
        ("status" = Option<RequestStatusParam>, Query),
        ("cursor" = Option<String>, Query, description = "next_cursor of the previous page."),
        ("limit" = Option<i32>, Query, minimum = 1, maximum = 100),
    ),
    responses(
        (status = 200, body = RequestPage),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn requests(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    RawQuery(query): RawQuery,
) -> Answer<RequestPage> {
    let params = Params::parse(query.as_deref());
    let query = RequestQuery {
        site_id: params.get("site_id"),
        engagement_id: params.get("engagement_id"),
        status: params.get("status"),
        cursor: params.get("cursor"),
        limit: params.get("limit"),
    };
    Ok(Json(
        list_requests(&state.database, &caller.actor, &query)
            .await?
            .into(),
    ))
}

/// One request.
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests",
    params(("id" = i32, Path, minimum = 1)),
    responses(
        (status = 200, body = Request),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn request(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    Path(request_id): Path<String>,
) -> Answer<Request> {
    let request_id = id(&request_id, "Request")?;
    Ok(Json(
        read_request(&state.database, &caller.actor, request_id)
            .await?
            .into(),
    ))
}

/// Submits a request on behalf of a site, as its contact would on the new-request page (a
/// token with the write scope, of a contact of that site).
#[utoipa::path(post, path = "/api/v1/requests", tag = "requests",
    request_body = NewRequest,
    responses(
        (status = 201, body = Request),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    body: Bytes,
) -> Result<(StatusCode, Json<Request>), ApiError> {
    let actor = caller.require_write()?;
    let new: NewRequest = read_json(&body)?;
    let created = create_request(
        &state.database,
        actor,
        new.site_id,
        &new.form(),
        &state.notify,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// The JSON body, or 400 naming the field that could not be read (missing, of the wrong type,
/// or not one this API knows), or saying what is wrong with the body as a whole (`body`).
/// A value holding a NUL character is refused too: no field takes one, and PostgreSQL cannot
/// store one in text.
fn read_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if let Some(problem) = crate::arguments::diagnose::nul(body) {
        return Err(ApiError::field(
            problem.field.as_deref().unwrap_or("body"),
            problem.message(),
        ));
    }
    serde_json::from_slice(body).map_err(|_| {
        let problem = crate::arguments::diagnose::json::<T>(body).unwrap_or(
            crate::arguments::diagnose::Problem {
                field: None,
                what: "it is not valid JSON",
            },
        );
        ApiError::field(
            problem.field.as_deref().unwrap_or("body"),
            problem.message(),
        )
    })
}
