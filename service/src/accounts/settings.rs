//! What the accounts use cases need to know from the configuration.

use chrono::Duration;

use super::{ResetPolicy, SessionPolicy, ThrottlePolicy};
use crate::notify::NotifySettings;

#[derive(Clone, Debug)]
pub struct AccountSettings {
    pub session: SessionPolicy,
    pub throttle: ThrottlePolicy,
    /// Public URL (links in e-mails), sender and contact: shared with every notification.
    pub notify: NotifySettings,
    pub invitation_lifetime: Duration,
    pub password_reset_lifetime: Duration,
    /// How often reset links may be asked for, and when the answer comes.
    pub password_reset: ResetPolicy,
    /// OpenID Connect providers, and the roles that must sign in through one.
    pub oidc: std::sync::Arc<super::oidc::OidcSettings>,
}

impl Default for AccountSettings {
    fn default() -> Self {
        Self {
            session: SessionPolicy::default(),
            throttle: ThrottlePolicy::default(),
            notify: NotifySettings::default(),
            invitation_lifetime: Duration::days(7),
            password_reset_lifetime: Duration::hours(1),
            password_reset: ResetPolicy::default(),
            oidc: std::sync::Arc::default(),
        }
    }
}

impl AccountSettings {
    /// `public_url` + `path_and_query`.
    pub fn link(&self, path_and_query: &str) -> String {
        self.notify.link(path_and_query)
    }

    /// Base address people use, e.g. `https://tta.example.gov`.
    pub fn public_url(&self) -> &str {
        &self.notify.public_url
    }
}
