//! Adding a person to an engagement's team, as a coordinator chooses them.

use serde::{Deserialize, Serialize};

/// The person (an `app_user` id as the select sends it) and their role's stored text
/// (`strategic_site_liaison` … for a provider, `lead` or `member` for a site contact).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamMemberForm {
    pub user_id: String,
    pub role: String,
}
