//! The free times each booked session of a request may move to, for the move forms.

use contract::views::move_times::SessionMoveTimesView;
use leptos::prelude::*;

/// The free times of every session of request `id` that may still move (coordinators and
/// administrators only).
#[server(endpoint = "coordinator/move_times")]
pub async fn coordinator_move_times(id: i32) -> Result<Vec<SessionMoveTimesView>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::coordinator::move_times_page(&db, &actor, id, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}
