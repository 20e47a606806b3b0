//! One request as the coordinator sees it: in words, with history, sessions and proposals.

use contract::views::coordinator::RequestDetailView;
use leptos::prelude::*;

#[server(endpoint = "coordinator/request")]
pub async fn coordinator_request(id: i32) -> Result<RequestDetailView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::coordinator::request_page(&db, &actor, id, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}
