//! Server functions of `/admin/settings`: the scheduling settings (buffers, minimum notice,
//! caps, tolerance, matching weights) as stored, and saving them. Administrators only.

use leptos::prelude::*;

pub use contract::forms::SettingsForm;

/// The stored settings (the defaults when none were saved).
#[server(endpoint = "admin/settings")]
pub async fn admin_settings() -> Result<SettingsForm, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::admin::settings::current_settings(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Checks and saves the settings; every later ranking and plan uses them. A form with mistakes
/// is refused (400) with a `field: message` line per mistake.
#[server(endpoint = "admin/settings/save")]
pub async fn save_settings(form: SettingsForm) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::settings::save_settings(&db, &actor, &client_info(), &form)
        .await
        .map_err(to_server_error)?;
    Ok("The settings are saved: matching and scheduling use them from now on.".to_owned())
}
