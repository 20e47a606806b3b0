//! The API's endpoints: each reads its parameters, calls one use case of `service::api` with the
//! token's actor, and answers the resource's JSON shape ([`super::schema`]) or the one error
//! body ([`super::error`]). The `#[utoipa::path]` beside each is its part of the OpenAPI document.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::StatusCode;
use service::api::engagements::{EngagementQuery, list_engagements, read_engagement};
use service::api::proposals::{ProposalQuery, list_proposals, read_proposal};
use service::api::providers::{provider_free_time, request_candidates};
use service::api::requests::{RequestQuery, create_request, list_requests, read_request};
use service::api::sessions::{SessionQuery, list_sessions, read_session};
use service::api::tokens::ApiCaller;

use super::ApiState;
use super::error::{ApiError, ErrorBody};
use super::query::{Params, id};
use super::schema::{
    Candidate, Engagement, EngagementPage, FreeTime, Me, NewRequest, Proposal, ProposalPage,
    Request, RequestPage, Session, SessionPage,
};

type Answer<T> = Result<Json<T>, ApiError>;

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

/// The person and token behind the call.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses(
        (status = 200, body = Me),
        (status = 401, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn me(Extension(caller): Extension<ApiCaller>) -> Answer<Me> {
    let user = caller.actor.user();
    let mut scopes = vec!["read".to_owned()];
    if caller.scopes.can_write() {
        scopes.push("write".to_owned());
    }
    Ok(Json(Me {
        user_id: user.id,
        name: user.display_name.clone(),
        role: user.role.as_str().to_owned(),
        time_zone: user.time_zone.clone(),
        site_ids: user.site_ids.clone(),
        token_id: caller.token_id,
        scopes,
    }))
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

/// Statuses an engagement may be in.
#[derive(utoipa::ToSchema)]
#[schema(as = EngagementStatus)]
#[allow(dead_code)]
pub enum EngagementStatusParam {
    #[schema(rename = "planned")]
    Planned,
    #[schema(rename = "active")]
    Active,
    #[schema(rename = "closing")]
    Closing,
    #[schema(rename = "closed")]
    Closed,
}

/// Engagements the caller may see, oldest first: every one for coordinators and
/// administrators, a site contact's sites', those a provider serves on.
#[utoipa::path(get, path = "/api/v1/engagements", tag = "engagements",
    params(
        ("site_id" = Option<i32>, Query, minimum = 1),
        ("status" = Option<EngagementStatusParam>, Query),
        ("cursor" = Option<String>, Query, description = "next_cursor of the previous page."),
        ("limit" = Option<i32>, Query, minimum = 1, maximum = 100),
    ),
    responses(
        (status = 200, body = EngagementPage),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn engagements(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    RawQuery(query): RawQuery,
) -> Answer<EngagementPage> {
    let params = Params::parse(query.as_deref());
    let query = EngagementQuery {
        site_id: params.get("site_id"),
        status: params.get("status"),
        cursor: params.get("cursor"),
        limit: params.get("limit"),
    };
    Ok(Json(
        list_engagements(&state.database, &caller.actor, &query)
            .await?
            .into(),
    ))
}

/// One engagement.
#[utoipa::path(get, path = "/api/v1/engagements/{id}", tag = "engagements",
    params(("id" = i32, Path, minimum = 1)),
    responses(
        (status = 200, body = Engagement),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn engagement(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    Path(engagement_id): Path<String>,
) -> Answer<Engagement> {
    let engagement_id = id(&engagement_id, "Engagement")?;
    Ok(Json(
        read_engagement(&state.database, &caller.actor, engagement_id)
            .await?
            .into(),
    ))
}

/// Statuses a proposal may be in.
#[derive(utoipa::ToSchema)]
#[schema(as = ProposalStatus)]
#[allow(dead_code)]
pub enum ProposalStatusParam {
    #[schema(rename = "sent")]
    Sent,
    #[schema(rename = "accepted")]
    Accepted,
    #[schema(rename = "declined")]
    Declined,
    #[schema(rename = "withdrawn")]
    Withdrawn,
}

/// Proposals and their state, oldest first: every one for coordinators and administrators, a
/// provider's own. Site contacts are refused.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "proposals",
    params(
        ("request_id" = Option<i32>, Query, minimum = 1),
        ("status" = Option<ProposalStatusParam>, Query),
        ("cursor" = Option<String>, Query, description = "next_cursor of the previous page."),
        ("limit" = Option<i32>, Query, minimum = 1, maximum = 100),
    ),
    responses(
        (status = 200, body = ProposalPage),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn proposals(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    RawQuery(query): RawQuery,
) -> Answer<ProposalPage> {
    let params = Params::parse(query.as_deref());
    let query = ProposalQuery {
        request_id: params.get("request_id"),
        status: params.get("status"),
        cursor: params.get("cursor"),
        limit: params.get("limit"),
    };
    Ok(Json(
        list_proposals(&state.database, &caller.actor, &query)
            .await?
            .into(),
    ))
}

/// One proposal and its state.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "proposals",
    params(("id" = i32, Path, minimum = 1)),
    responses(
        (status = 200, body = Proposal),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = [])))]
pub async fn proposal(
    State(state): State<ApiState>,
    Extension(caller): Extension<ApiCaller>,
    Path(proposal_id): Path<String>,
) -> Answer<Proposal> {
    let proposal_id = id(&proposal_id, "Proposal")?;
    Ok(Json(
        read_proposal(&state.database, &caller.actor, proposal_id)
            .await?
            .into(),
    ))
}
