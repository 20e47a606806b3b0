//! Server functions of providers' own calendars (issue 18): the provider's connections on
//! `/provider/calendars` (list, connect, refresh now, remove: providers only, their own
//! connections, so none takes a provider id to reach another's), and every provider's
//! connection states for coordinators and administrators on `/coordinator/providers`.

use contract::views::provider_calendars::{CalendarConnectionRow, OwnCalendars, ProviderCalendars};
use leptos::prelude::*;

/// The acting provider's connected calendars.
#[server(endpoint = "provider/calendars")]
pub async fn my_calendars() -> Result<OwnCalendars, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::provider_calendars::my_calendars(&db, &actor, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// Connects a calendar (`kind`: `ics` or `caldav`) and refreshes it at once.
#[server(endpoint = "provider/calendars/connect")]
pub async fn connect_calendar(
    kind: String,
    #[server(default)] label: String,
    url: String,
    #[server(default)] username: String,
    #[server(default)] password: String,
) -> Result<CalendarConnectionRow, ServerFnError> {
    use crate::api::context::{database, secret_key, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let key = secret_key()?;
    let form = service::provider_calendars::CalendarForm {
        kind: &kind,
        label: &label,
        url: &url,
        username: &username,
        password: &password,
    };
    service::provider_calendars::connect_calendar(&db, &actor, &key, &form, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// Refreshes one of the acting provider's calendars now.
#[server(endpoint = "provider/calendars/refresh")]
pub async fn refresh_calendar(calendar_id: i32) -> Result<CalendarConnectionRow, ServerFnError> {
    use crate::api::context::{database, secret_key, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let key = secret_key()?;
    service::provider_calendars::refresh_calendar(
        &db,
        &actor,
        &key,
        calendar_id,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)
}

/// Removes one of the acting provider's calendars and its busy times.
#[server(endpoint = "provider/calendars/remove")]
pub async fn remove_calendar(calendar_id: i32) -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::provider_calendars::remove_calendar(&db, &actor, calendar_id)
        .await
        .map_err(to_server_error)
}

/// Every provider's connected calendars with their state, failing ones first (staff).
#[server(endpoint = "coordinator/provider_calendars")]
pub async fn provider_calendar_states() -> Result<Vec<ProviderCalendars>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::provider_calendars::provider_calendar_states(&db, &actor, None)
        .await
        .map_err(to_server_error)
}
