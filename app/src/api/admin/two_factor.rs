//! Server functions of `/admin/two-factor`: who must use a second factor (and the grace
//! period), who has one, and resetting a person's. Administrators only.

use contract::account::TwoFactorAdminView;
use leptos::prelude::*;

/// The policy and every active person's second-factor state.
#[server(endpoint = "admin/two-factor")]
pub async fn admin_two_factor() -> Result<TwoFactorAdminView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::accounts::two_factor::admin::overview(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Saves the policy: `required` (a ticked box) and `grace_days`.
#[server(endpoint = "admin/two-factor/policy")]
pub async fn save_two_factor_policy(
    required: Option<String>,
    grace_days: String,
) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let policy = service::accounts::two_factor::policy::save(
        &db,
        &actor,
        &client_info(),
        required.as_deref().unwrap_or_default(),
        &grace_days,
    )
    .await
    .map_err(to_server_error)?;
    Ok(if policy.required_for_staff {
        format!(
            "Saved: administrators and coordinators must use two-factor authentication, {} \
             days after their next log-in at the latest.",
            policy.grace_days
        )
    } else {
        "Saved: two-factor authentication is optional for everyone.".to_owned()
    })
}

/// Removes a person's second factor and ends their sessions (audited).
#[server(endpoint = "admin/two-factor/reset")]
pub async fn reset_two_factor(user_id: i32) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::accounts::two_factor::admin::reset(&db, &actor, &client_info(), user_id)
        .await
        .map_err(to_server_error)?;
    Ok("Their second factor is removed and they were logged out. They set it up again at their next log-in.".to_owned())
}
