//! Server functions of `/admin/topics`: add, rename, retire and restore topics. Administrators
//! only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One topic in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRowView {
    pub id: i32,
    pub name: String,
    pub description: String,
    pub retired: bool,
}

/// Every topic, retired ones too, by name.
#[server(endpoint = "admin/topics")]
pub async fn admin_topics() -> Result<Vec<TopicRowView>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    Ok(service::admin::topics::all_topics(&db, &actor)
        .await
        .map_err(to_server_error)?
        .into_iter()
        .map(|t| TopicRowView {
            id: t.id,
            name: t.name,
            description: t.description,
            retired: t.retired_at.is_some(),
        })
        .collect())
}

/// Adds a topic, offered on the intake form at once.
#[server(endpoint = "admin/topics/create")]
pub async fn create_topic(
    name: String,
    #[server(default)] description: String,
) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let topic =
        service::admin::topics::create_topic(&db, &actor, &client_info(), &name, &description)
            .await
            .map_err(to_server_error)?;
    Ok(format!(
        "“{}” is added and offered on the request form.",
        topic.name
    ))
}

/// Renames topic `id` and replaces its description.
#[server(endpoint = "admin/topics/update")]
pub async fn update_topic(
    id: i32,
    name: String,
    #[server(default)] description: String,
) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let topic =
        service::admin::topics::update_topic(&db, &actor, &client_info(), id, &name, &description)
            .await
            .map_err(to_server_error)?;
    Ok(format!("The topic is now called “{}”.", topic.name))
}

/// Retires (`retired = true`) or restores topic `id`.
#[server(endpoint = "admin/topics/retire")]
pub async fn retire_topic(id: i32, retired: bool) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::topics::set_retired(&db, &actor, &client_info(), id, retired)
        .await
        .map_err(to_server_error)?;
    Ok(if retired {
        "The topic is retired: it is no longer offered, and stays on the requests that name it."
            .to_owned()
    } else {
        "The topic is offered again.".to_owned()
    })
}
