//! Server functions of group events (trainings, webinars, workshops, summits): the
//! coordinator's list, form and event page (capacity, cancelling, attendance, sign-in sheet),
//! and the public ones behind the shared link and a participant's personal link, where the
//! link's secret is the credential (no log-in).

use leptos::prelude::*;

pub use contract::forms::{GroupEventForm, RegistrationForm};
use contract::views::group_event::{
    EventChoices, EventPage, EventRow, MyRegistration, PublicEvent, RegistrationOutcome,
    SignInSheet,
};

/// The events the person may open. Every role (each sees their own).
/// Each row's registration link is made absolute (the public address), ready to share.
#[server(endpoint = "events/list")]
pub async fn list_events() -> Result<Vec<EventRow>, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let public_url = notify_settings()?.public_url;
    let mut rows = service::events::events_for(&db, &actor)
        .await
        .map_err(to_server_error)?;
    for row in &mut rows {
        row.share_path = format!("{}{}", public_url.trim_end_matches('/'), row.share_path);
    }
    Ok(rows)
}

/// The sites and providers of the "New group event" form. Staff.
#[server(endpoint = "events/choices")]
pub async fn event_form_choices() -> Result<EventChoices, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::event_choices(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Creates the event and goes to its page; mistakes are a 400 naming each field. Staff.
#[server(endpoint = "events/create")]
pub async fn create_event(form: GroupEventForm) -> Result<i32, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let rooms = notify_settings()?.meeting_room_base;
    let id = service::events::create_event_with_rooms(&db, &actor, &form, &rooms)
        .await
        .map_err(to_server_error)?;
    leptos_axum::redirect(&format!("/coordinator/events/{id}"));
    Ok(id)
}

/// One event's page (participants only for who may see them). Record rules in the use case.
#[server(endpoint = "events/page")]
pub async fn load_event_page(id: i32) -> Result<EventPage, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::event_page(&db, &actor, id)
        .await
        .map_err(to_server_error)
}

/// Sets the capacity, seating as many people waiting as there are new seats. The event's
/// coordinator.
#[server(endpoint = "events/capacity")]
pub async fn change_capacity(id: i32, capacity: String) -> Result<String, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let promoted =
        service::events::change_capacity(&db, &actor, id, &capacity, &notify_settings()?)
            .await
            .map_err(to_server_error)?;
    Ok(match promoted {
        0 => "Capacity saved.".to_owned(),
        1 => "Capacity saved; 1 person waiting has a seat now and was e-mailed.".to_owned(),
        n => format!("Capacity saved; {n} people waiting have a seat now and were e-mailed."),
    })
}

/// Cancels the event; every live registrant is e-mailed. The event's coordinator.
#[server(endpoint = "events/cancel")]
pub async fn cancel_event(id: i32) -> Result<String, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::cancel_event(&db, &actor, id, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    Ok("The event is cancelled; everyone registered or waiting was e-mailed.".to_owned())
}

/// Records a participant present or absent. The event's coordinator or provider.
#[server(endpoint = "events/attendance")]
pub async fn record_attendance(
    id: i32,
    registration: i32,
    attendance: String,
) -> Result<String, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::record_attendance(&db, &actor, id, registration, &attendance)
        .await
        .map_err(to_server_error)?;
    Ok("Attendance saved.".to_owned())
}

/// The printable sign-in sheet. Who may see the participants.
#[server(endpoint = "events/sheet")]
pub async fn load_sign_in_sheet(id: i32) -> Result<SignInSheet, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::sign_in_sheet(&db, &actor, id)
        .await
        .map_err(to_server_error)
}

/// The event behind a shared registration link. Public: the link is the credential.
#[server(endpoint = "events/public")]
pub async fn load_public_event(token: String) -> Result<PublicEvent, ServerFnError> {
    use super::context::{database, to_server_error};

    let db = database()?;
    service::events::public_event(&db, &token)
        .await
        .map_err(to_server_error)
}

/// Registers from the shared link (no account). Public: the link is the credential.
#[server(endpoint = "events/register")]
pub async fn register(
    token: String,
    form: RegistrationForm,
) -> Result<RegistrationOutcome, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};

    let db = database()?;
    service::events::register(&db, &token, &form, &notify_settings()?)
        .await
        .map_err(to_server_error)
}

/// A participant's own registration. Public: the personal link is the credential.
#[server(endpoint = "events/mine")]
pub async fn load_my_registration(token: String) -> Result<MyRegistration, ServerFnError> {
    use super::context::{database, to_server_error};

    let db = database()?;
    service::events::my_registration(&db, &token)
        .await
        .map_err(to_server_error)
}

/// Cancels the registration behind a personal link, once. Public: the link is the credential.
#[server(endpoint = "events/withdraw")]
pub async fn cancel_registration(token: String) -> Result<String, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};

    let db = database()?;
    service::events::cancel_registration(&db, &token, &notify_settings()?)
        .await
        .map_err(to_server_error)
}

/// Checks in with the code shown at the event. Public: the personal link is the credential.
#[server(endpoint = "events/check-in")]
pub async fn check_in(token: String, code: String) -> Result<String, ServerFnError> {
    use super::context::{database, to_server_error};

    let db = database()?;
    service::events::check_in(&db, &token, &code)
        .await
        .map_err(to_server_error)
}
