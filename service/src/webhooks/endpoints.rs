//! The administrators' use cases of `/admin/webhooks`: the page's read model, registering an
//! endpoint (URL, description, events; its secret answered once), enabling or disabling it, and
//! rotating its secret (the new one answered once). Every change is audited. Administrators only.
//!
//! A URL must be `http` or `https` with a host and no user name or password in it (credentials
//! in a URL end up in logs; the signature is the receiver's proof of origin), and unless the
//! installation allows private addresses it may not be, or resolve to, a loopback, private,
//! link-local or other non-public address ([`crate::outbound`]; checked again at every delivery).

use chrono::Utc;
use contract::FieldErrors;
use contract::views::webhooks::{
    NewWebhookSecret, WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow, WebhooksPage,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::json;

use super::WebhookEvent;
use super::signature::new_secret;
use crate::access::Actor;
use crate::accounts::Role;
use crate::accounts::audit::{self, AuditEntry};
use crate::entities::{webhook_attempt, webhook_delivery, webhook_endpoint};
use crate::outbound::{Purpose, Refused};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Longest URL.
pub const MAX_URL_CHARS: usize = 2048;
/// Longest description.
pub const MAX_DESCRIPTION_CHARS: usize = 200;
/// Deliveries shown per endpoint.
const DELIVERIES_SHOWN: u64 = 25;

/// The registration form, as typed.
#[derive(Clone, Debug, Default)]
pub struct EndpointForm<'a> {
    pub url: &'a str,
    pub description: &'a str,
    /// The event names ticked.
    pub events: &'a [String],
}

/// A parsed URL, or the field's mistake.
pub fn parse_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(
            "Give the address the events are sent to, e.g. https://example.org/hooks.".to_owned(),
        );
    }
    if text.chars().count() > MAX_URL_CHARS {
        return Err(format!(
            "An address has at most {MAX_URL_CHARS} characters."
        ));
    }
    let url = reqwest::Url::parse(text).map_err(|_| {
        "This is not a web address; write it as https://example.org/hooks.".to_owned()
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("The address must start with https:// (or http://).".to_owned());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "Leave the user name and password out of the address: the signature proves each \
             delivery came from here."
                .to_owned(),
        );
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("The address needs a host name, e.g. https://example.org/hooks.".to_owned());
    }
    Ok(url.to_string())
}

/// Whether a parsed `url` may be called under the installation's outbound policy now.
async fn public_address(db: &Database, url: &str) -> Result<(), Refused> {
    match reqwest::Url::parse(url) {
        Ok(parsed) => {
            db.outbound_policy()
                .check_url(Purpose::Webhook, &parsed)
                .await
        }
        // `parse_url` answered it, so this does not happen.
        Err(_) => Ok(()),
    }
}

/// Registers an endpoint, enabled; the answer holds its secret, shown once.
pub async fn register(
    db: &Database,
    actor: &Actor,
    form: &EndpointForm<'_>,
    ip: Option<&str>,
) -> Result<NewWebhookSecret, ServiceError> {
    actor.require(&[Role::Admin])?;
    let mut errors = FieldErrors::new();
    let url = match parse_url(form.url) {
        Err(message) => {
            errors.add("url", message);
            None
        }
        Ok(url) => match public_address(db, &url).await {
            Err(refused) => {
                errors.add("url", refused.sentence());
                None
            }
            Ok(()) => Some(url),
        },
    };
    let description = form.description.trim().to_owned();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        errors.add(
            "description",
            format!("A description has at most {MAX_DESCRIPTION_CHARS} characters."),
        );
    }
    let mut events = Vec::new();
    for name in form.events.iter().flat_map(|text| text.split([',', ' '])) {
        if name.trim().is_empty() {
            continue;
        }
        match WebhookEvent::parse(name) {
            Some(event) if !events.contains(&event) => events.push(event),
            Some(_) => {}
            None => errors.add(
                "events",
                format!("There is no event called '{}'.", name.trim()),
            ),
        }
    }
    if events.is_empty() && errors.is_empty() {
        errors.add("events", "Choose at least one event to send.");
    }
    let Some(url) = url.filter(|_| errors.is_empty()) else {
        return Err(ServiceError::InvalidFields(errors));
    };
    let secret = new_secret()?;
    let names = events
        .iter()
        .map(|event| event.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let admin = actor.id();
    let now = Utc::now();
    let endpoint = db
        .transaction(async |txn| {
            let endpoint = webhook_endpoint::ActiveModel {
                url: Set(url.clone()),
                description: Set(description.clone()),
                events: Set(names.clone()),
                secret: Set(secret.clone()),
                enabled: Set(true),
                disabled_at: Set(None),
                disabled_reason: Set(None),
                consecutive_failures: Set(0),
                failing_since: Set(None),
                created_by: Set(Some(admin)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            audit::record(
                txn,
                AuditEntry {
                    actor_user_id: Some(admin),
                    action: "webhook.registered",
                    subject_type: "webhook_endpoint",
                    subject_id: Some(endpoint.id.to_string()),
                    detail: json!({ "url": url, "events": names }),
                    ip,
                },
            )
            .await?;
            Ok(endpoint)
        })
        .await?;
    Ok(NewWebhookSecret {
        endpoint_id: endpoint.id,
        url: endpoint.url,
        secret,
    })
}

/// Enables or disables an endpoint. Enabling clears the failure streak and the notice; its
/// deliveries still pending go out again. Disabling keeps them waiting.
pub async fn set_enabled(
    db: &Database,
    actor: &Actor,
    endpoint_id: i32,
    enabled: bool,
    ip: Option<&str>,
) -> Result<(), ServiceError> {
    actor.require(&[Role::Admin])?;
    let admin = actor.id();
    db.transaction(async |txn| {
        let endpoint = find(txn, endpoint_id).await?;
        if endpoint.enabled == enabled {
            return Ok(());
        }
        let now = Utc::now();
        let mut row: webhook_endpoint::ActiveModel = endpoint.clone().into();
        row.enabled = Set(enabled);
        row.updated_at = Set(now);
        if enabled {
            row.disabled_at = Set(None);
            row.disabled_reason = Set(None);
            row.consecutive_failures = Set(0);
            row.failing_since = Set(None);
        } else {
            row.disabled_at = Set(Some(now));
            row.disabled_reason = Set(Some("Disabled by an administrator.".to_owned()));
        }
        row.update(txn).await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(admin),
                action: if enabled {
                    "webhook.enabled"
                } else {
                    "webhook.disabled"
                },
                subject_type: "webhook_endpoint",
                subject_id: Some(endpoint_id.to_string()),
                detail: json!({ "url": endpoint.url }),
                ip,
            },
        )
        .await
    })
    .await
}

/// Gives an endpoint a new secret, answered once; deliveries from now on are signed with it.
pub async fn rotate_secret(
    db: &Database,
    actor: &Actor,
    endpoint_id: i32,
    ip: Option<&str>,
) -> Result<NewWebhookSecret, ServiceError> {
    actor.require(&[Role::Admin])?;
    let admin = actor.id();
    let secret = new_secret()?;
    let url = db
        .transaction(async |txn| {
            let endpoint = find(txn, endpoint_id).await?;
            webhook_endpoint::Entity::update_many()
                .col_expr(
                    webhook_endpoint::Column::Secret,
                    Expr::value(secret.clone()),
                )
                .col_expr(webhook_endpoint::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(webhook_endpoint::Column::Id.eq(endpoint_id))
                .exec(txn)
                .await?;
            audit::record(
                txn,
                AuditEntry {
                    actor_user_id: Some(admin),
                    action: "webhook.secret_rotated",
                    subject_type: "webhook_endpoint",
                    subject_id: Some(endpoint_id.to_string()),
                    detail: json!({ "url": endpoint.url }),
                    ip,
                },
            )
            .await?;
            Ok(endpoint.url)
        })
        .await?;
    Ok(NewWebhookSecret {
        endpoint_id,
        url,
        secret,
    })
}

pub(super) async fn find<C: sea_orm::ConnectionTrait>(
    conn: &C,
    endpoint_id: i32,
) -> Result<webhook_endpoint::Model, ServiceError> {
    webhook_endpoint::Entity::find_by_id(endpoint_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Webhook endpoint #{endpoint_id}")))
}

/// The page: every endpoint, newest first, with its newest deliveries and their attempts.
pub async fn webhooks_page(db: &Database, actor: &Actor) -> Result<WebhooksPage, ServiceError> {
    actor.require(&[Role::Admin])?;
    let zone = TimeZone::parse(&actor.user().time_zone)
        .map_err(|e| ServiceError::Internal(format!("user {}: {e}", actor.id())))?;
    let when = |at: chrono::DateTime<Utc>| crate::timefmt::instant(at, zone);
    let endpoints = webhook_endpoint::Entity::find()
        .order_by_desc(webhook_endpoint::Column::Id)
        .all(db.conn())
        .await?;
    let mut rows = Vec::with_capacity(endpoints.len());
    for endpoint in endpoints {
        let deliveries = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::EndpointId.eq(endpoint.id))
            .order_by_desc(webhook_delivery::Column::Id)
            .limit(DELIVERIES_SHOWN)
            .all(db.conn())
            .await?;
        let ids: Vec<i64> = deliveries.iter().map(|d| d.id).collect();
        let attempts = webhook_attempt::Entity::find()
            .filter(webhook_attempt::Column::DeliveryId.is_in(ids))
            .order_by_asc(webhook_attempt::Column::Id)
            .all(db.conn())
            .await?;
        let deliveries = deliveries
            .into_iter()
            .map(|delivery| WebhookDeliveryRow {
                attempt_log: attempts
                    .iter()
                    .filter(|a| a.delivery_id == delivery.id)
                    .map(|a| WebhookAttemptRow {
                        attempt: a.attempt,
                        started: when(a.started_at),
                        outcome: a.outcome.clone(),
                        status_code: a.status_code.map(|c| c.to_string()).unwrap_or_default(),
                        duration_ms: a.duration_ms,
                        response_excerpt: a.response_excerpt.clone().unwrap_or_default(),
                        error: a.error.clone().unwrap_or_default(),
                    })
                    .collect(),
                id: delivery.id,
                webhook_id: delivery.webhook_id,
                event: delivery.event,
                can_replay: matches!(delivery.status.as_str(), "delivered" | "failed")
                    && endpoint.enabled,
                next_attempt: if delivery.status == "pending" {
                    when(delivery.next_attempt_at)
                } else {
                    String::new()
                },
                status: delivery.status,
                attempts: delivery.attempts,
                created: when(delivery.created_at),
                delivered: delivery.delivered_at.map(when).unwrap_or_default(),
                last_error: delivery.last_error.unwrap_or_default(),
            })
            .collect();
        rows.push(WebhookEndpointRow {
            id: endpoint.id,
            url: endpoint.url,
            description: endpoint.description,
            events: endpoint
                .events
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            enabled: endpoint.enabled,
            disabled_notice: (!endpoint.enabled).then(|| {
                let since = endpoint.disabled_at.map(when).unwrap_or_default();
                let reason = endpoint.disabled_reason.clone().unwrap_or_default();
                format!("Disabled since {since}. {reason}")
                    .trim()
                    .to_owned()
            }),
            consecutive_failures: endpoint.consecutive_failures,
            created: when(endpoint.created_at),
            deliveries,
        });
    }
    Ok(WebhooksPage {
        events: WebhookEvent::ALL
            .into_iter()
            .map(|event| (event.as_str().to_owned(), event.label().to_owned()))
            .collect(),
        endpoints: rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_web_addresses_without_credentials() {
        assert!(parse_url("https://example.org/hooks").is_ok());
        assert!(parse_url("http://127.0.0.1:9000/in").is_ok());
        for bad in [
            "",
            "example.org/hooks",
            "ftp://example.org/x",
            "https://user:pw@example.org/x",
            "https://user@example.org/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }
}
