//! Server functions of peer exchanges: the coordinator's "Arrange a peer exchange" (its choices
//! and the arranging), and the sites a site contact may name on the new-request form ("This is
//! a peer exchange with …"; submitted through `requests/submit`).

use leptos::prelude::*;

pub use contract::forms::PeerExchangeForm;
use contract::views::peer_exchange::{PeerExchangeChoices, SiteOption};

/// The sites and topics of the coordinator's form, the host chosen in advance when opened from
/// an engagement (`engagement`: its id, or empty). Coordinators and administrators.
#[server(endpoint = "peer-exchanges/choices")]
pub async fn arrange_choices(
    #[server(default)] engagement: Option<i32>,
) -> Result<PeerExchangeChoices, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::peer_exchanges::arrange_choices(&db, &actor, engagement)
        .await
        .map_err(to_server_error)
}

/// Arranges a peer exchange and goes to its request page; a form with mistakes is refused
/// (400) with every field's message. Coordinators and administrators.
#[server(endpoint = "peer-exchanges/arrange")]
pub async fn arrange_peer_exchange(form: PeerExchangeForm) -> Result<i32, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    let id = service::peer_exchanges::arrange(&db, &actor, &form, &notify_settings()?)
        .await
        .map_err(to_server_error)?;
    leptos_axum::redirect(&format!("/coordinator/requests/{id}?arranged=1"));
    Ok(id)
}

/// The other sites of the programme a site contact's site may host. Site contacts.
#[server(endpoint = "peer-exchanges/partner-sites")]
pub async fn partner_sites() -> Result<Vec<SiteOption>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::peer_exchanges::partner_sites(&db, &actor)
        .await
        .map_err(to_server_error)
}
