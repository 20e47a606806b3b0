//! Server functions of the engagement pages: the coordinators' portfolio, a site contact's
//! engagements, and one engagement. Each calls one use case, which checks role and record.

use contract::views::engagement::{EngagementPage, PortfolioRow};
use leptos::prelude::*;

/// Every engagement with its health at a glance (coordinators and administrators).
#[server(endpoint = "engagements/portfolio")]
pub async fn engagement_portfolio() -> Result<Vec<PortfolioRow>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::portfolio(&db, &actor)
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
