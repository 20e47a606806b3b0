//! A provider who leaves: the providers with their booked work, one provider's remaining
//! engagements with suggested replacements, handing an engagement over, and marking the
//! provider as leaving (no longer ranked).

use leptos::prelude::*;

use contract::views::coordinator::{ProviderRowView, ReassignView};

/// Every provider with their future sessions and engagements counted.
#[server(endpoint = "coordinator/providers")]
pub async fn coordinator_providers() -> Result<Vec<ProviderRowView>, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::coordinator::providers_page(&db, &actor, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// The provider's remaining engagements (future tentative and confirmed sessions by request),
/// and for each confirmed one the providers who could take over its sessions at their times.
#[server(endpoint = "coordinator/provider_engagements")]
pub async fn provider_engagements(provider_id: i32) -> Result<ReassignView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::views::coordinator::reassign_page(&db, &actor, provider_id, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// Hands the remaining confirmed sessions of request `request_id` from `from_provider` to
/// `to_provider`, all or none, with the e-mails to both providers and the site.
#[server(endpoint = "coordinator/reassign")]
pub async fn reassign_engagement(
    request_id: i32,
    from_provider: i32,
    to_provider: i32,
    #[server(default)] reason: String,
) -> Result<(), ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;
    use service::sessions::Handover;

    let actor = acting_person()?;
    let db = database()?;
    service::sessions::reassign_engagement(
        &db,
        &actor,
        &Handover {
            request_id,
            from_provider,
            to_provider,
            reason: &reason,
        },
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)?;
    Ok(())
}

/// Marks the provider as leaving (`departed` = `true`: no longer ranked for requests) or takes
/// them back (`false`).
#[server(endpoint = "coordinator/provider_departure")]
pub async fn provider_departure(provider_id: i32, departed: String) -> Result<(), ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::providers::set_departed_as_chosen(
        &db,
        &actor,
        provider_id,
        &departed,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)
}
