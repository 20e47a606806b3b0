//! Server functions for a site contact's asks about a session: reschedule, cancel it, cancel the
//! rest of the series (stored for the coordinator), and feedback after it.

use leptos::prelude::*;

/// Asks the coordinator to reschedule or cancel a session (`kind`: `reschedule`, `cancel_one`,
/// `cancel_rest`), with a reason; for a reschedule, `wanted` says when would suit instead.
#[server(endpoint = "sessions/ask-change")]
pub async fn ask_change(
    session_id: i32,
    kind: String,
    reason: String,
    #[server(default)] wanted: String,
) -> Result<(), ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;
    use service::change_requests::{ChangeKind, NewChangeRequest, ask_for_change};

    let actor = acting_person()?;
    let db = database()?;
    let kind = ChangeKind::parse(&kind).map_err(|e| to_server_error(e.on_field("kind")))?;
    let ask = NewChangeRequest {
        session_id,
        kind,
        reason: &reason,
        wanted: &wanted,
    };
    let notify = crate::api::context::notify_settings()?;
    ask_for_change(&db, &actor, &ask, chrono::Utc::now(), &notify)
        .await
        .map(|_| ())
        .map_err(to_server_error)
}

/// Rates a session that is over: usefulness 1–5 and comments, once.
#[server(endpoint = "sessions/feedback")]
pub async fn session_feedback(
    session_id: i32,
    #[server(default)] usefulness: String,
    #[server(default)] comments: String,
) -> Result<(), ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;
    use service::ServiceError;

    let actor = acting_person()?;
    let db = database()?;
    let usefulness = usefulness.trim().parse::<i16>().map_err(|_| {
        to_server_error(ServiceError::field(
            "usefulness",
            "Choose how useful the session was, from 1 to 5.",
        ))
    })?;
    service::feedback::give_feedback(
        &db,
        &actor,
        session_id,
        usefulness,
        &comments,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)
}
