//! The events an endpoint may subscribe to, and [`emit`]: queueing one inside the caller's
//! transaction for every enabled endpoint that chose it.
//!
//! The body follows Standard Webhooks: `{"type": "proposal.accepted", "timestamp": "<UTC
//! instant>", "data": {…}}`; `data` carries the records' stable ids and, for times, UTC
//! instants beside the IANA zone of the wall clock they belong to.

use chrono::{SecondsFormat, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::ServiceError;
use crate::entities::{webhook_delivery, webhook_endpoint};

/// One kind of event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhookEvent {
    RequestCreated,
    ProposalSent,
    ProposalAccepted,
    ProposalDeclined,
    SessionConfirmed,
    SessionRescheduled,
    SessionCancelled,
    EventRegistrationCreated,
    EventRegistrationCancelled,
}

impl WebhookEvent {
    /// Every event, in the page's order.
    pub const ALL: [Self; 9] = [
        Self::RequestCreated,
        Self::ProposalSent,
        Self::ProposalAccepted,
        Self::ProposalDeclined,
        Self::SessionConfirmed,
        Self::SessionRescheduled,
        Self::SessionCancelled,
        Self::EventRegistrationCreated,
        Self::EventRegistrationCancelled,
    ];

    /// The name receivers see in `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RequestCreated => "request.created",
            Self::ProposalSent => "proposal.sent",
            Self::ProposalAccepted => "proposal.accepted",
            Self::ProposalDeclined => "proposal.declined",
            Self::SessionConfirmed => "session.confirmed",
            Self::SessionRescheduled => "session.rescheduled",
            Self::SessionCancelled => "session.cancelled",
            Self::EventRegistrationCreated => "event.registration.created",
            Self::EventRegistrationCancelled => "event.registration.cancelled",
        }
    }

    /// What it means, for the page.
    pub fn label(self) -> &'static str {
        match self {
            Self::RequestCreated => "A site submitted a request",
            Self::ProposalSent => "A proposal was sent to a provider",
            Self::ProposalAccepted => "A provider accepted a proposal",
            Self::ProposalDeclined => "A provider declined a proposal",
            Self::SessionConfirmed => "Sessions were confirmed (a proposal approved)",
            Self::SessionRescheduled => "A session was rescheduled",
            Self::SessionCancelled => "A session was cancelled",
            Self::EventRegistrationCreated => "Someone registered for a group event",
            Self::EventRegistrationCancelled => "A group event registration was cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|event| event.as_str() == text.trim())
    }
}

/// Queues `event` with `data` for every enabled endpoint that chose it, through `conn` — pass
/// the transaction of the change that raised it, so both commit together or not at all. Each
/// delivery gets its own `webhook-id`. Returns how many were queued.
pub async fn emit<C: ConnectionTrait>(
    conn: &C,
    event: WebhookEvent,
    data: Value,
) -> Result<usize, ServiceError> {
    let endpoints = webhook_endpoint::Entity::find()
        .filter(webhook_endpoint::Column::Enabled.eq(true))
        .all(conn)
        .await?;
    let chosen: Vec<_> = endpoints
        .into_iter()
        .filter(|endpoint| {
            endpoint
                .events
                .split_whitespace()
                .any(|name| name == event.as_str())
        })
        .collect();
    if chosen.is_empty() {
        return Ok(0);
    }
    let now = Utc::now();
    let body = json!({
        "type": event.as_str(),
        "timestamp": now.to_rfc3339_opts(SecondsFormat::Secs, true),
        "data": data,
    })
    .to_string();
    let rows = chosen.iter().map(|endpoint| webhook_delivery::ActiveModel {
        endpoint_id: Set(endpoint.id),
        webhook_id: Set(format!("msg_{}", uuid::Uuid::new_v4().simple())),
        event: Set(event.as_str().to_owned()),
        payload: Set(body.clone()),
        status: Set("pending".to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_by: Set(None),
        claimed_until: Set(None),
        last_status_code: Set(None),
        last_error: Set(None),
        delivered_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    });
    webhook_delivery::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(chosen.len())
}

/// A UTC instant as the payloads write it (`2027-03-02T15:00:00Z`).
pub(crate) fn instant(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_reads_back_from_its_name() {
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::parse(event.as_str()), Some(event));
        }
        assert_eq!(WebhookEvent::parse("proposal.eaten"), None);
    }
}
