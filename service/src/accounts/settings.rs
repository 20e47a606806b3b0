//! What the accounts use cases need to know from the configuration.

use chrono::Duration;

use super::{SessionPolicy, ThrottlePolicy};

#[derive(Clone, Debug)]
pub struct AccountSettings {
    pub session: SessionPolicy,
    pub throttle: ThrottlePolicy,
    /// Base of the links in e-mails, e.g. `https://tta.example.gov` (no trailing slash).
    pub public_url: String,
    pub invitation_lifetime: Duration,
    pub password_reset_lifetime: Duration,
}

impl Default for AccountSettings {
    fn default() -> Self {
        Self {
            session: SessionPolicy::default(),
            throttle: ThrottlePolicy::default(),
            public_url: "http://127.0.0.1:3000".to_owned(),
            invitation_lifetime: Duration::days(7),
            password_reset_lifetime: Duration::hours(1),
        }
    }
}

impl AccountSettings {
    /// `public_url` + `path_and_query`.
    pub fn link(&self, path_and_query: &str) -> String {
        format!(
            "{}{}",
            self.public_url.trim_end_matches('/'),
            path_and_query
        )
    }
}
