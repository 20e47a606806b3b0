//! `GET /api/v1/proposals` and `/proposals/{id}`: the proposals the caller may see.

use axum::Json;
use axum::extract::{Extension, Path, RawQuery, State};
use service::api::proposals::{ProposalQuery, list_proposals, read_proposal};
use service::api::tokens::ApiCaller;

use super::Answer;
use crate::api_v1::ApiState;
use crate::api_v1::error::ErrorBody;
use crate::api_v1::query::{Params, id};
use crate::api_v1::schema::{Proposal, ProposalPage};

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
