//! `GET /api/v1/engagements` and `/engagements/{id}`: the engagements the caller may see.

use axum::Json;
use axum::extract::{Extension, Path, RawQuery, State};
use service::api::engagements::{EngagementQuery, list_engagements, read_engagement};
use service::api::tokens::ApiCaller;

use super::Answer;
use crate::api_v1::ApiState;
use crate::api_v1::error::ErrorBody;
use crate::api_v1::query::{Params, id};
use crate::api_v1::schema::{Engagement, EngagementPage};

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
