//! The webhooks page (`/admin/webhooks`): the endpoints administrators registered, the events
//! they may choose from, each endpoint's recent deliveries with every attempt, and the signing
//! secret of an endpoint just registered or rotated, once. Times are words in the reader's zone.

use serde::{Deserialize, Serialize};

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhooksPage {
    /// Every event an endpoint may choose: `(name, label)`, e.g. `("proposal.sent", "A proposal
    /// was sent to a provider")`.
    pub events: Vec<(String, String)>,
    pub endpoints: Vec<WebhookEndpointRow>,
}

/// One registered endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEndpointRow {
    pub id: i32,
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
    pub enabled: bool,
    /// Why and when it was disabled (automatically after repeated failures, or by a person).
    pub disabled_notice: Option<String>,
    pub consecutive_failures: i32,
    pub created: String,
    /// The newest deliveries first.
    pub deliveries: Vec<WebhookDeliveryRow>,
}

/// One event sent (or to be sent) to an endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookDeliveryRow {
    pub id: i64,
    /// The `webhook-id` header, the same on every attempt and replay.
    pub webhook_id: String,
    pub event: String,
    /// `pending`, `sending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i32,
    /// When it is tried next (pending deliveries), else empty.
    pub next_attempt: String,
    pub created: String,
    pub delivered: String,
    pub last_error: String,
    pub can_replay: bool,
    /// Every attempt, oldest first.
    pub attempt_log: Vec<WebhookAttemptRow>,
}

/// One attempt of a delivery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookAttemptRow {
    pub attempt: i32,
    pub started: String,
    /// `delivered`, `retry` or `failed`.
    pub outcome: String,
    /// The receiver's HTTP status, or empty when none came back.
    pub status_code: String,
    pub duration_ms: i64,
    pub response_excerpt: String,
    pub error: String,
}

/// An endpoint's signing secret, shown once: after registering it or rotating the secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWebhookSecret {
    pub endpoint_id: i32,
    pub url: String,
    /// `whsec_` and the base64 of the key.
    pub secret: String,
}
