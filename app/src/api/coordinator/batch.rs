//! Batch matching: every open request assigned at once (exact optimum under each provider's
//! capacity), then the proposals of the rows the coordinator keeps sent in one action.

use leptos::prelude::*;

pub use contract::views::coordinator::{BatchOutcome, BatchRowView, BatchView, UnassignedView};

/// The optimal assignment of every open request.
#[server(endpoint = "coordinator/batch")]
pub async fn coordinator_batch() -> Result<BatchView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::coordinator::batch_page(&db, &actor, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// Sends the proposals of the kept rows, `pairs` = `request:provider,request:provider,…`. Each
/// row succeeds or fails on its own (e.g. two rows that would double-book one provider: the
/// second is refused with the reason); the outcome of every row is returned.
#[server(endpoint = "coordinator/batch_send")]
pub async fn send_batch(pairs: String) -> Result<Vec<BatchOutcome>, ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::coordinator::send_batch(
        &db,
        &actor,
        &pairs,
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)
}
