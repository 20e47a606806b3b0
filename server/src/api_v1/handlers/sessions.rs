//! `GET /api/v1/sessions` and `/sessions/{id}`: the sessions the caller may see.

use axum::Json;
use axum::extract::{Extension, Path, RawQuery, State};
use service::api::sessions::{SessionQuery, list_sessions, read_session};
use service::api::tokens::ApiCaller;

use super::Answer;
use crate::api_v1::ApiState;
use crate::api_v1::error::ErrorBody;
use crate::api_v1::query::{Params, id};
use crate::api_v1::schema::{Session, SessionPage};

/// Statuses a session may be in.
#[derive(utoipa::ToSchema)]
#[schema(as = SessionStatus)]
#[allow(dead_code)]
pub enum SessionStatusParam {
    #[schema(rename = "tentative")]
    Tentative,
    #[schema(rename = "confirmed")]
    Confirmed,
    #[schema(rename = "cancelled")]
    Cancelled,
    #[schema(rename = "completed")]
    Completed,
}

/// Sessions the caller may see, in time order (start, then id): a coordinator's or
/// administrator's every session, a provider's own, a site contact's sites'.
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions",
    params(
        ("from" = Option<String>, Query, description = "Sessions ending after this instant (RFC 3339) or date (YYYY-MM-DD, midnight in your own zone)."),
        ("to" = Option<String>, Query, description = "Sessions starting before this instant or date."),
        ("site_id" = Option<i32>, Query, minimum = 1, description = "Only this site's sessions."),
        ("provider_id" = Option<i32>, Query, minimum = 1, description = "Only this provider's sessions."),
        ("status" = Option<SessionStatusParam>, Query, description = "Only sessions in this status."),
        ("cursor" = Option<String>, Query, description = "next_cursor of the previous page."),
        ("limit" = Option<i32>, Query, minimum = 1, maximum = 100, description = "Rows per page (default 25)."),
    ),
    responses(
        (status = 200, body = SessionPage),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "A site or provider you may not see."),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn sessions(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    RawQuery(query): RawQuery,
) -> Answer<SessionPage> {
    let params = Params::parse(query.as_deref());
    let query = SessionQuery {
        from: params.get("from"),
        to: params.get("to"),
        site_id: params.get("site_id"),
        provider_id: params.get("provider_id"),
        status: params.get("status"),
        cursor: params.get("cursor"),
        limit: params.get("limit"),
    };
    Ok(Json(
        list_sessions(&state.database, &caller.actor, &query)
            .await?
            .into(),
    ))
}

/// One session.
#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions",
    params(("id" = i32, Path, minimum = 1)),
    responses(
        (status = 200, body = Session),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn session(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    Path(session_id): Path<String>,
) -> Answer<Session> {
    let session_id = id(&session_id, "Session")?;
    Ok(Json(
        read_session(&state.database, &caller.actor, session_id)
            .await?
            .into(),
    ))
}
