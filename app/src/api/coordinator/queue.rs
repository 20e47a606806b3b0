//! The coordinator's queue.

use contract::views::coordinator::QueueView;
use leptos::prelude::*;

/// The waiting requests, filtered; each filter is empty for "any". `waiting` (`accepted`,
/// `declined`, `change-asked`) keeps only the requests waiting on that for the coordinators.
/// `after` / `before` ask for the page after or before a position the queue gave (`next`,
/// `previous`); both empty is the first page.
#[server(endpoint = "coordinator/queue")]
// One argument per filter of the page's address, as the other list pages have.
#[allow(clippy::too_many_arguments)]
pub async fn coordinator_queue(
    status: String,
    site: String,
    topic: String,
    engagement: String,
    min_age_days: String,
    #[server(default)] waiting: String,
    #[server(default)] after: String,
    #[server(default)] before: String,
) -> Result<QueueView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use service::views::coordinator::{QueueQuery, queue_page};

    let actor = acting_person()?;
    let db = database()?;
    let query = QueueQuery {
        status,
        site,
        topic,
        engagement,
        min_age_days,
        waiting,
        after,
        before,
    };
    queue_page(&db, &actor, &query, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}
