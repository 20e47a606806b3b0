//! Ranked candidates for a request, and the series planned with one of them.

use contract::views::coordinator::{CandidatesView, PlanView, RequestCandidatesView};
use leptos::prelude::*;

/// Every provider for the request: the eligible ones best first with the parts of their score,
/// and the excluded ones with every rule they break.
#[server(endpoint = "coordinator/candidates")]
pub async fn coordinator_candidates(id: i32) -> Result<CandidatesView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::coordinator::candidates_page(&db, &actor, id, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// The providers as the request page shows them: the eligible ones as `coordinator/candidates`
/// has them, the excluded ones grouped by rule and each with their first rule in brief and how
/// many more, or with every rule when `every_reason` (the page's `?excluded=all`).
#[server(endpoint = "coordinator/request_candidates")]
pub async fn coordinator_request_candidates(
    id: i32,
    #[server(default)] every_reason: bool,
) -> Result<RequestCandidatesView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let now = chrono::Utc::now();
    service::views::coordinator::request_candidates_page(&db, &actor, id, every_reason, now)
        .await
        .map_err(to_server_error)
}

/// The request's series placed in `provider_id`'s free time, each occurrence in the site's and
/// the provider's zone, moved or unplaced ones with the reasons, with the coordinator's `moves`
/// applied (`occurrence@unix-seconds`, comma-separated; each checked against the slots the
/// engine offers) and the other times each occurrence may move to.
#[server(endpoint = "coordinator/plan")]
pub async fn coordinator_plan(
    id: i32,
    provider_id: i32,
    #[server(default)] moves: String,
) -> Result<PlanView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let now = chrono::Utc::now();
    service::views::coordinator::plan_page(&db, &actor, id, provider_id, &moves, now)
        .await
        .map_err(to_server_error)
}
