//! The coordinator's brokering actions. Each returns nothing on success; the page reloads what
//! changed. Failures carry a message for the person (e.g. "conflicts with session #12 …").

use leptos::prelude::*;

/// Sends the request to `provider_id` with the series the engine places now, with the
/// coordinator's `moves` (`occurrence@unix-seconds`, comma-separated) applied. The times are
/// computed by `service::proposals::propose`, never taken from the browser: a move names an occurrence and the start of a
/// slot the engine offers for it, and is refused otherwise. Unplaceable occurrences are refused.
#[server(endpoint = "coordinator/send_proposal")]
pub async fn send_proposal(
    id: i32,
    provider_id: i32,
    #[server(default)] moves: String,
) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::proposals::propose(
        &db,
        &actor,
        id,
        provider_id,
        &moves,
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)?;
    Ok(())
}

/// Approves a proposal the provider accepted: every session confirmed at once.
#[server(endpoint = "coordinator/approve")]
pub async fn approve_proposal(proposal_id: i32) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::proposals::approve_proposal(&db, &actor, proposal_id, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    Ok(())
}

/// Withdraws a proposal: the provider's time is released, the request goes back to matching,
/// and the provider is told.
#[server(endpoint = "coordinator/withdraw")]
pub async fn withdraw_proposal(proposal_id: i32, reason: String) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::proposals::withdraw_proposal(&db, &actor, proposal_id, &reason, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    Ok(())
}

/// Returns the request to the site (`return`) or rejects it (`reject`), with a reason; the
/// site's contacts are told why.
#[server(endpoint = "coordinator/close")]
pub async fn return_or_reject(
    id: i32,
    decision: String,
    reason: String,
) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;
    use service::ServiceError;
    use service::notify::Closing;

    let actor = acting_person()?;
    let closing = match decision.as_str() {
        "return" => Closing::Returned,
        "reject" => Closing::Rejected,
        _ => {
            return Err(to_server_error(ServiceError::field(
                "decision",
                "Choose return or reject.",
            )));
        }
    };
    let db = database()?;
    service::requests::close_request(&db, &actor, id, closing, &reason, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    Ok(())
}

/// Moves one session (`scope` `one`), or it and every later session of its series (`rest`, each
/// by the same number of days), to start at the free time `choice` offered
/// (`YYYY-MM-DDTHH:MM`), or for `other` (or none) at `date` (`YYYY-MM-DD`) `time` (`HH:MM`),
/// on the site's wall clock, keeping their lengths. Refused with the reasons when a new time
/// breaks the engine's rules (notice, blackout dates, the provider's hours, time off, bookings,
/// caps).
#[server(endpoint = "coordinator/reschedule")]
pub async fn reschedule_session(
    session_id: i32,
    #[server(default)] date: String,
    #[server(default)] time: String,
    #[server(default)] scope: String,
    #[server(default)] choice: String,
) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;
    use service::sessions::{MoveScope, SessionMove, chosen_date_time, move_sessions};

    let actor = acting_person()?;
    let db = database()?;
    let scope = MoveScope::parse(&scope).map_err(to_server_error)?;
    let (date, time) = chosen_date_time(&choice, &date, &time).map_err(to_server_error)?;
    let to = service::timefmt::parse_wall_clock(&date, &time).map_err(to_server_error)?;
    let asked = SessionMove {
        session_id,
        scope,
        to,
    };
    move_sessions(&db, &actor, asked, &notify_settings()?, chrono::Utc::now())
        .await
        .map_err(to_server_error)?;
    Ok(())
}

/// Cancels one session (`one`) or it and every later one of its series (`rest`).
#[server(endpoint = "coordinator/cancel")]
pub async fn cancel_sessions(session_id: i32, scope: String) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;
    use service::ServiceError;

    let actor = acting_person()?;
    let db = database()?;
    match scope.as_str() {
        "one" => {
            service::sessions::cancel_session(&db, &actor, session_id, &notify_settings()?)
                .await
                .map_err(to_server_error)?;
        }
        "rest" => {
            service::sessions::cancel_rest_of_series(&db, &actor, session_id, &notify_settings()?)
                .await
                .map_err(to_server_error)?;
        }
        _ => {
            return Err(to_server_error(ServiceError::field(
                "scope",
                "Choose one session or the rest of the series.",
            )));
        }
    }
    Ok(())
}
