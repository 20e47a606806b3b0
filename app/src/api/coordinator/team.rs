//! Sessions with several providers: the common plan of the providers ticked, sending the request
//! to them as a team, and the request's team proposals (issue 16).

use contract::views::team::{TeamPlanView, TeamView};
use leptos::prelude::*;

/// The series planned for every provider of `providers` (comma-separated ids) at once.
#[server(endpoint = "coordinator/team_plan")]
pub async fn coordinator_team_plan(
    id: i32,
    providers: String,
) -> Result<TeamPlanView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::teams::team_plan_page(&db, &actor, id, &providers, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// Sends the request to the team `providers` (comma-separated ids) with their common plan.
#[server(endpoint = "coordinator/send_team")]
pub async fn send_team(id: i32, providers: String) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let notify = notify_settings()?;
    service::teams::propose_team(&db, &actor, id, &providers, &notify, chrono::Utc::now())
        .await
        .map(|_| ())
        .map_err(to_server_error)
}

/// The request's team proposals, newest first, with every provider's answer.
#[server(endpoint = "coordinator/teams")]
pub async fn coordinator_teams(id: i32) -> Result<Vec<TeamView>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::teams::request_teams(&db, &actor, id)
        .await
        .map_err(to_server_error)
}
