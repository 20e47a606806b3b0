//! The programme-wide scheduling settings as an administrator types them.

use serde::{Deserialize, Serialize};

/// The settings form exactly as typed (every field text); the stored settings are shown in it
/// the same way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
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
