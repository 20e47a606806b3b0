//! The "Register a webhook endpoint" form of `/admin/webhooks`, as typed.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhookEndpointForm {
    /// `https://…` (or `http://…`), without a user name or password.
    pub url: String,
    pub description: String,
    /// The event names ticked, e.g. `proposal.accepted`.
    pub events: Vec<String>,
}
