//! The coordinator's queue.

use contract::views::coordinator::QueueView;
use leptos::prelude::*;

/// The waiting requests, filtered; each filter is empty for "any".
#[server(endpoint = "coordinator/queue")]
pub async fn coordinator_queue(
    status: String,
    site: String,
    topic: String,
    engagement: String,
    min_age_days: String,
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
    };
    queue_page(&db, &actor, &query, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}
