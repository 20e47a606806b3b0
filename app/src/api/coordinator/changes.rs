//! The coordinator answers a site's ask to change a session: does it (a new time on the site's
//! clock for a reschedule, or the cancellation asked for), marks it resolved, or declines it
//! with a note. The site sees the outcome on its request page and gets an e-mail.

use leptos::prelude::*;

/// Answers change request `id`. `answer`: `reschedule` (with the free time `choice` offered,
/// `YYYY-MM-DDTHH:MM`, or for `other` `date` `YYYY-MM-DD` and `time` `HH:MM`, on the site's
/// clock, and `scope` `one` or `rest` for this and every later session;
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
    #[server(default)] choice: String,
) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;
    use service::change_requests::{ChangeAnswerForm, answer_change_form};

    let actor = acting_person()?;
    let db = database()?;
    let (date, time) =
        service::sessions::chosen_date_time(&choice, &date, &time).map_err(to_server_error)?;
    let form = ChangeAnswerForm {
        answer,
        date,
        time,
        scope,
        note,
    };
    answer_change_form(
        &db,
        &actor,
        id,
        &form,
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)?;
    Ok(())
}
