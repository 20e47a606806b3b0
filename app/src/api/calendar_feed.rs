//! Server functions for a provider's calendar feed: make (or renew) the secret address, revoke
//! it, and say whether one exists.

use leptos::prelude::*;

/// When the current feed address was made (in the provider's zone), if there is one.
#[server(endpoint = "provider/calendar/status")]
pub async fn calendar_feed_status() -> Result<Option<String>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::coordinator::user_zone;
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let zone = user_zone(actor.user())?;
    let db = database()?;
    Ok(service::calendar_feed::feed_created_at(&db, &actor)
        .await
        .map_err(to_server_error)?
        .map(|at| service::timefmt::instant(at, zone)))
}

/// Makes a new secret address (the old one stops working) and returns it, once.
#[server(endpoint = "provider/calendar/renew")]
pub async fn renew_calendar_feed() -> Result<String, ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let token = service::calendar_feed::renew_feed(&db, &actor)
        .await
        .map_err(to_server_error)?;
    Ok(format!(
        "{}/calendar/{token}.ics",
        notify_settings()?.public_url
    ))
}

/// Revokes the address.
#[server(endpoint = "provider/calendar/revoke")]
pub async fn revoke_calendar_feed() -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::calendar_feed::revoke_feed(&db, &actor)
        .await
        .map_err(to_server_error)
}
