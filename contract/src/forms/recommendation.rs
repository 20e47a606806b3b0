//! A recommendation of an engagement's plan, as a coordinator types it.

use serde::{Deserialize, Serialize};

/// Core area and status as their stored text (`gun_violence`, `open` …); an empty status reads
/// as open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecommendationForm {
    pub core_area: String,
    pub text: String,
    /// The person at the site who owns it.
    pub owner: String,
    pub status: String,
}
