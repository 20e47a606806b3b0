//! Server functions of `/admin/phases`: the programme's phase templates per engagement type.
//! Administrators only; every change answers both types' phases as they now stand.

use contract::forms::PhaseTemplateForm;
use contract::views::engagement::PhaseTemplatesView;
use leptos::prelude::*;

/// Both types' phases in order.
#[server(endpoint = "admin/phases")]
pub async fn admin_phases() -> Result<PhaseTemplatesView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::admin::phases::phase_templates(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Adds a phase at the end of its type.
#[server(endpoint = "admin/phases/add")]
pub async fn add_phase(form: PhaseTemplateForm) -> Result<PhaseTemplatesView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::phases::add_phase_template(&db, &actor, &client_info(), &form)
        .await
        .map_err(to_server_error)
}

/// Renames phase `id` and sets its start and length.
#[server(endpoint = "admin/phases/update")]
pub async fn update_phase(
    id: i32,
    form: PhaseTemplateForm,
) -> Result<PhaseTemplatesView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::phases::update_phase_template(&db, &actor, &client_info(), id, &form)
        .await
        .map_err(to_server_error)
}

/// Removes phase `id`.
#[server(endpoint = "admin/phases/remove")]
pub async fn remove_phase(id: i32) -> Result<PhaseTemplatesView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::phases::remove_phase_template(&db, &actor, &client_info(), id)
        .await
        .map_err(to_server_error)
}

/// Moves phase `id` one place `up` or `down`.
#[server(endpoint = "admin/phases/move")]
pub async fn move_phase(id: i32, direction: String) -> Result<PhaseTemplatesView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::phases::move_phase_template(&db, &actor, &client_info(), id, &direction)
        .await
        .map_err(to_server_error)
}
