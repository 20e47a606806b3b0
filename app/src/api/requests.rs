//! Server functions of the site contact's request pages: the intake form (its choices, the live
//! summary, submission), the list of the contact's requests, and one request's page.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use contract::forms::IntakeForm;
use contract::views::site::{RequestInfo, RequestRow};

/// A site the contact may request for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteChoice {
    pub id: i32,
    pub name: String,
    /// e.g. `Central (America/Chicago)`.
    pub zone_label: String,
}

/// A topic offered on the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicChoice {
    pub id: i32,
    pub name: String,
    pub description: String,
}

/// The choices of the intake form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeOptions {
    pub sites: Vec<SiteChoice>,
    pub topics: Vec<TopicChoice>,
}

/// Sites the contact speaks for, and the topics.
#[server(endpoint = "requests/choices")]
pub async fn intake_choices() -> Result<IntakeOptions, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let choices = service::requests::intake_choices(&db, &actor)
        .await
        .map_err(to_server_error)?;
    Ok(IntakeOptions {
        sites: choices
            .sites
            .into_iter()
            .map(|s| SiteChoice {
                zone_label: format!(
                    "{} ({})",
                    service::intake::zone_common_name(&s.time_zone),
                    s.time_zone
                ),
                id: s.id,
                name: format!("{}, {}", s.name, s.state),
            })
            .collect(),
        topics: choices
            .topics
            .into_iter()
            .map(|t| TopicChoice {
                id: t.id,
                name: t.name,
                description: t.description,
            })
            .collect(),
    })
}

/// The one-sentence summary of the form as typed, or `None` while it is incomplete or invalid.
#[server(endpoint = "requests/describe")]
pub async fn describe_request(
    site_id: i32,
    form: IntakeForm,
) -> Result<Option<String>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::requests::describe_form(&db, &actor, site_id, &form)
        .await
        .map_err(to_server_error)
}

/// Submits the request for `site_id` and goes to its page; a form with mistakes is refused
/// (400) with every field's message. With `visiting_site_id`, a peer exchange hosted by
/// `site_id` ("This is a peer exchange with …").
#[server(endpoint = "requests/submit")]
pub async fn submit_request(
    site_id: i32,
    form: IntakeForm,
    #[server(default)] visiting_site_id: String,
) -> Result<i32, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let settings = notify_settings()?;
    let id = service::peer_exchanges::submit_request(
        &db,
        &actor,
        site_id,
        &form,
        &visiting_site_id,
        &settings,
    )
    .await
    .map_err(to_server_error)?;
    leptos_axum::redirect(&format!("/requests/{id}?submitted=1"));
    Ok(id)
}

/// The requests of every site the contact speaks for, newest first.
#[server(endpoint = "requests/mine")]
pub async fn my_requests() -> Result<Vec<RequestRow>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::site::requests_page(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// One request as its site sees it: in words, with its history and sessions in the site's zone.
#[server(endpoint = "requests/detail")]
pub async fn request_detail(id: i32) -> Result<RequestInfo, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::site::request_page(&db, &actor, id, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}
