//! Server functions of `/admin/webhooks` (administrators only): the page, register an endpoint
//! (its secret answered once), enable or disable it, rotate its secret, replay a delivery.

use contract::forms::WebhookEndpointForm;
use contract::views::webhooks::{NewWebhookSecret, WebhooksPage};
use leptos::prelude::*;

/// The endpoints with their recent deliveries and attempts, and the events to choose from.
#[server(endpoint = "admin/webhooks")]
pub async fn admin_webhooks() -> Result<WebhooksPage, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::webhooks::endpoints::webhooks_page(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Registers an endpoint; the answer holds its signing secret, shown once.
#[server(endpoint = "admin/webhooks/register")]
pub async fn register_webhook(
    form: WebhookEndpointForm,
) -> Result<NewWebhookSecret, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let typed = service::webhooks::endpoints::EndpointForm {
        url: &form.url,
        description: &form.description,
        events: &form.events,
    };
    service::webhooks::endpoints::register(&db, &actor, &typed, client_info().ip.as_deref())
        .await
        .map_err(to_server_error)
}

/// Enables or disables an endpoint.
#[server(endpoint = "admin/webhooks/enabled")]
pub async fn set_webhook_enabled(endpoint_id: i32, enabled: bool) -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::webhooks::endpoints::set_enabled(
        &db,
        &actor,
        endpoint_id,
        enabled,
        client_info().ip.as_deref(),
    )
    .await
    .map_err(to_server_error)
}

/// Gives an endpoint a new secret; the answer holds it, shown once.
#[server(endpoint = "admin/webhooks/rotate")]
pub async fn rotate_webhook_secret(endpoint_id: i32) -> Result<NewWebhookSecret, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::webhooks::endpoints::rotate_secret(
        &db,
        &actor,
        endpoint_id,
        client_info().ip.as_deref(),
    )
    .await
    .map_err(to_server_error)
}

/// Sends a delivery again, with the same `webhook-id` and body.
#[server(endpoint = "admin/webhooks/replay")]
pub async fn replay_webhook(delivery_id: i64) -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::webhooks::deliveries::replay(&db, &actor, delivery_id, client_info().ip.as_deref())
        .await
        .map_err(to_server_error)
}
