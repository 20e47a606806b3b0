//! Server functions of the engagement pages: the coordinators' portfolio, a site contact's
//! engagements, one engagement, its teams and recommendations, and a provider's engagements.
//! Each calls one use case, which checks role and record.

use contract::forms::{RecommendationForm, TeamMemberForm};
use contract::views::engagement::{
    EngagementPage, PortfolioRow, RecommendationLine, ServingLine, TeamChoices, TeamLists,
};
use leptos::prelude::*;

/// Every engagement with its health at a glance, narrowed by `query` (coordinators and
/// administrators).
#[server(endpoint = "engagements/portfolio")]
pub async fn engagement_portfolio(
    #[server(default)] query: contract::forms::PortfolioQuery,
) -> Result<Vec<PortfolioRow>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::filtered_portfolio(&db, &actor, &query)
        .await
        .map_err(to_server_error)
}

/// The engagements of the sites the contact speaks for.
#[server(endpoint = "engagements/mine")]
pub async fn my_engagements() -> Result<Vec<EngagementPage>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::site_engagements(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// One engagement (staff, and the contacts of its site).
#[server(endpoint = "engagements/detail")]
pub async fn engagement_detail(id: i32) -> Result<EngagementPage, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::engagement_page(&db, &actor, id)
        .await
        .map_err(to_server_error)
}

/// The engagements the provider serves, their role in each and their next session there.
#[server(endpoint = "engagements/serving")]
pub async fn engagements_serving() -> Result<Vec<ServingLine>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::provider_engagements(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Whom a coordinator may add to the engagement's teams.
#[server(endpoint = "engagements/team/choices")]
pub async fn engagement_team_choices(engagement_id: i32) -> Result<TeamChoices, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::team_choices(&db, &actor, engagement_id)
        .await
        .map_err(to_server_error)
}

/// Adds a person to the engagement's team with a role (coordinators and administrators); a
/// refused form answers 400 with each field's message.
#[server(endpoint = "engagements/team/add")]
pub async fn add_team_member(
    engagement_id: i32,
    form: TeamMemberForm,
) -> Result<TeamLists, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::add_team_member(&db, &actor, engagement_id, &form)
        .await
        .map_err(to_server_error)
}

/// Takes a person off the engagement's team.
#[server(endpoint = "engagements/team/remove")]
pub async fn remove_team_member(
    engagement_id: i32,
    user_id: i32,
) -> Result<TeamLists, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::remove_team_member(&db, &actor, engagement_id, user_id)
        .await
        .map_err(to_server_error)
}

/// Makes a member of the site's team its lead.
#[server(endpoint = "engagements/team/lead")]
pub async fn set_site_lead(engagement_id: i32, user_id: i32) -> Result<TeamLists, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::set_site_lead(&db, &actor, engagement_id, user_id)
        .await
        .map_err(to_server_error)
}

/// Adds a recommendation to the engagement's plan. This and the other recommendation functions
/// answer the plan's recommendations as they now stand; the team functions answer the teams.
#[server(endpoint = "engagements/recommendations/add")]
pub async fn add_recommendation(
    engagement_id: i32,
    form: RecommendationForm,
) -> Result<Vec<RecommendationLine>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::add_recommendation(&db, &actor, engagement_id, &form)
        .await
        .map_err(to_server_error)
}

/// Rewrites a recommendation (coordinators and administrators).
#[server(endpoint = "engagements/recommendations/update")]
pub async fn update_recommendation(
    recommendation_id: i32,
    form: RecommendationForm,
) -> Result<Vec<RecommendationLine>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::update_recommendation(&db, &actor, recommendation_id, &form)
        .await
        .map_err(to_server_error)
}

/// Moves a recommendation to a status (staff, and the contacts of its site).
#[server(endpoint = "engagements/recommendations/status")]
pub async fn set_recommendation_status(
    recommendation_id: i32,
    status: String,
) -> Result<Vec<RecommendationLine>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::set_recommendation_status(&db, &actor, recommendation_id, &status)
        .await
        .map_err(to_server_error)
}

/// Records that a request of the same engagement answers the recommendation.
#[server(endpoint = "engagements/recommendations/link")]
pub async fn link_recommendation_request(
    recommendation_id: i32,
    request_id: i32,
) -> Result<Vec<RecommendationLine>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::link_request(&db, &actor, recommendation_id, request_id)
        .await
        .map_err(to_server_error)
}

/// Sets a measurable goal on the engagement (coordinators and administrators) and answers its
/// goals as they now stand; a form with mistakes is refused (400) with every field's message.
#[server(endpoint = "engagements/goals/add")]
pub async fn add_goal(
    engagement_id: i32,
    form: contract::forms::GoalForm,
) -> Result<Vec<contract::views::engagement::GoalView>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::add_goal(&db, &actor, engagement_id, &form)
        .await
        .map_err(to_server_error)
}

/// Records a goal's value for a day (the site's contacts, and staff) and answers the
/// engagement's goals as they now stand.
#[server(endpoint = "engagements/goals/progress")]
pub async fn record_goal_progress(
    goal_id: i32,
    form: contract::forms::ProgressForm,
) -> Result<Vec<contract::views::engagement::GoalView>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::record_progress(&db, &actor, goal_id, &form)
        .await
        .map_err(to_server_error)
}
