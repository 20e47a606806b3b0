//! Server functions of an engagement's page beyond its card: the next sessions and the
//! three-year timeline (the page's readers), and opening the site's Operations engagement from a
//! Diagnostic's plan (staff). Each calls one use case, which checks role and record.

use contract::forms::OperationsFromPlanForm;
// Aliased: the server functions' own argument types take the plain names.
use contract::views::engagement as views;
use leptos::prelude::*;

/// The engagement's next sessions and its timeline of sessions delivered and planned.
#[server(endpoint = "engagements/timeline")]
pub async fn engagement_timeline(
    engagement_id: i32,
) -> Result<views::EngagementTimeline, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::engagement_timeline(&db, &actor, engagement_id, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// What a Diagnostic's page offers staff: the Operations engagement from its plan (`None` on an
/// Operations engagement).
#[server(endpoint = "engagements/operations-offer")]
pub async fn operations_offer(
    engagement_id: i32,
) -> Result<Option<views::OperationsOffer>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::operations_offer(&db, &actor, engagement_id, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// Opens the site's Operations engagement from the Diagnostic's plan; answers its id.
#[server(endpoint = "engagements/operations-from-plan")]
pub async fn open_operations_from_plan(form: OperationsFromPlanForm) -> Result<i32, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::open_operations_from_plan(&db, &actor, &form, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}
