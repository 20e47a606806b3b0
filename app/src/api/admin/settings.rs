//! Server functions of `/admin/settings`: the scheduling settings (buffers, minimum notice,
//! caps, tolerance, matching weights) as stored, and saving them. Administrators only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The settings form as typed (every field text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsFields {
    pub buffer_before_minutes: String,
    pub buffer_after_minutes: String,
    pub minimum_notice_hours: String,
    pub tolerance_business_days: String,
    pub granularity_minutes: String,
    pub max_sessions_per_day: String,
    pub max_hours_per_week: String,
    pub weight_expertise: String,
    pub weight_continuity: String,
    pub weight_time_zone: String,
    pub weight_load_balance: String,
    pub weight_availability: String,
}

#[cfg(feature = "ssr")]
impl From<service::admin::settings::SettingsForm> for SettingsFields {
    fn from(f: service::admin::settings::SettingsForm) -> Self {
        Self {
            buffer_before_minutes: f.buffer_before_minutes,
            buffer_after_minutes: f.buffer_after_minutes,
            minimum_notice_hours: f.minimum_notice_hours,
            tolerance_business_days: f.tolerance_business_days,
            granularity_minutes: f.granularity_minutes,
            max_sessions_per_day: f.max_sessions_per_day,
            max_hours_per_week: f.max_hours_per_week,
            weight_expertise: f.weight_expertise,
            weight_continuity: f.weight_continuity,
            weight_time_zone: f.weight_time_zone,
            weight_load_balance: f.weight_load_balance,
            weight_availability: f.weight_availability,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<SettingsFields> for service::admin::settings::SettingsForm {
    fn from(f: SettingsFields) -> Self {
        Self {
            buffer_before_minutes: f.buffer_before_minutes,
            buffer_after_minutes: f.buffer_after_minutes,
            minimum_notice_hours: f.minimum_notice_hours,
            tolerance_business_days: f.tolerance_business_days,
            granularity_minutes: f.granularity_minutes,
            max_sessions_per_day: f.max_sessions_per_day,
            max_hours_per_week: f.max_hours_per_week,
            weight_expertise: f.weight_expertise,
            weight_continuity: f.weight_continuity,
            weight_time_zone: f.weight_time_zone,
            weight_load_balance: f.weight_load_balance,
            weight_availability: f.weight_availability,
        }
    }
}

/// The stored settings (the defaults when none were saved).
#[server(endpoint = "admin/settings")]
pub async fn admin_settings() -> Result<SettingsFields, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    Ok(service::admin::settings::current_settings(&db, &actor)
        .await
        .map_err(to_server_error)?
        .into())
}

/// Checks and saves the settings; every later ranking and plan uses them. A form with mistakes
/// is refused (400) with a `field: message` line per mistake.
#[server(endpoint = "admin/settings/save")]
pub async fn save_settings(form: SettingsFields) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::admin::settings::save_settings(&db, &actor, &client_info(), &form.into())
        .await
        .map_err(to_server_error)?;
    Ok("The settings are saved: matching and scheduling use them from now on.".to_owned())
}
