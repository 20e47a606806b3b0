//! The coordinator answers a site's ask to change a session: does it (a new time on the site's
//! clock for a reschedule, or the cancellation asked for), marks it resolved, or declines it
//! with a note. The site sees the outcome on its request page and gets an e-mail.

use leptos::prelude::*;

/// Answers change request `id`. `answer`: `reschedule` (with `date` `YYYY-MM-DD` and `time`
/// `HH:MM` on the site's clock, and `scope` `one` or `rest` for this and every later session;
/// sessions keep their length), `cancel`, `resolved` or `decline` (with a `note`, which the
/// site reads).
#[server(endpoint = "coordinator/answer_change")]
pub async fn answer_change(
    id: i32,
    answer: String,
    #[server(default)] date: String,
    #[server(default)] time: String,
    #[server(default)] note: String,
    #[server(default)] scope: String,
) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;
    use service::ServiceError;
    use service::change_requests::{ChangeAnswer, answer_change_request};
    use service::sessions::MoveScope;

    let actor = acting_person()?;
    let db = database()?;
    let answer = match answer.trim() {
        "reschedule" => ChangeAnswer::Reschedule {
            to: super::actions::site_clock(&date, &time)?,
            scope: MoveScope::parse(&scope).map_err(to_server_error)?,
        },
        "cancel" => ChangeAnswer::Cancel,
        "resolved" => ChangeAnswer::Resolved,
        "decline" => ChangeAnswer::Decline,
        _ => {
            return Err(to_server_error(ServiceError::Invalid(
                "Choose to move the session, cancel, mark it resolved or decline.".to_owned(),
            )));
        }
    };
    answer_change_request(
        &db,
        &actor,
        id,
        answer,
        &note,
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)?;
    Ok(())
}
