//! The provider's sessions as a list (upcoming or past) or a week or month calendar, every time
//! in the provider's zone with the site's wall clock beside it (built by
//! `service::views::provider::sessions_page`).

use contract::views::provider::SessionsView;
use leptos::prelude::*;

/// The provider's sessions for `view` (`list`, `week`, `month`; empty means `list`) around
/// `date` (`YYYY-MM-DD`; empty means today). `past` lists past sessions instead of upcoming
/// ones (list view only); the list's page starts `after` or ends `before` the position a page
/// link gave (both empty: the first page).
#[server(endpoint = "provider/sessions")]
pub async fn my_sessions(
    view: String,
    date: String,
    past: bool,
    #[server(default)] after: String,
    #[server(default)] before: String,
) -> Result<SessionsView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let now = chrono::Utc::now();
    service::views::provider::sessions_page(&db, &actor, &view, &date, past, &after, &before, now)
        .await
        .map_err(to_server_error)
}
