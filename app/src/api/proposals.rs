//! Server functions of the provider's proposals inbox: the list, accept, decline with a reason.

use contract::views::provider::ProposalCard;
use leptos::prelude::*;

/// The provider's proposals, newest first.
#[server(endpoint = "proposals/mine")]
pub async fn my_proposals() -> Result<Vec<ProposalCard>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::provider::proposals_page(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// The provider accepts their proposal.
#[server(endpoint = "proposals/accept")]
pub async fn accept_proposal(id: i32) -> Result<(), ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::proposals::accept_proposal_notifying(
        &db,
        &actor,
        id,
        &crate::api::context::notify_settings()?,
    )
    .await
    .map_err(to_server_error)
}

/// The provider declines their proposal, saying why.
#[server(endpoint = "proposals/decline")]
pub async fn decline_proposal(id: i32, reason: String) -> Result<(), ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::proposals::decline_proposal(
        &db,
        &actor,
        id,
        &reason,
        &crate::api::context::notify_settings()?,
    )
    .await
    .map_err(to_server_error)
}
