//! Server functions of planning an engagement's cadence in one step (coordinators and
//! administrators): the form's choices, the engine's preview, and sending every line's proposal.
//! Each calls one use case in `service::engagements`, which checks role and record and parses
//! the form. The form travels as JSON (its lines are a list of records).

use contract::forms::CadenceForm;
use contract::views::cadence::{CadenceChoices, CadencePreview, CadenceSent};
use leptos::prelude::*;

/// The TTA team's roles and the form's defaults.
#[server(endpoint = "engagements/cadence/choices")]
pub async fn engagement_cadence_choices(
    engagement_id: i32,
) -> Result<CadenceChoices, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::cadence_choices(&db, &actor, engagement_id, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// Where the engine places every line's sessions now; nothing is written.
#[server(endpoint = "engagements/cadence/preview", input = leptos::server_fn::codec::Json)]
pub async fn preview_cadence(
    engagement_id: i32,
    form: CadenceForm,
) -> Result<CadencePreview, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::preview_cadence(&db, &actor, engagement_id, &form, chrono::Utc::now())
        .await
        .map_err(to_server_error)
}

/// A request and a proposal per line, the sessions booked tentatively and each provider
/// e-mailed, in one transaction.
#[server(endpoint = "engagements/cadence/send", input = leptos::server_fn::codec::Json)]
pub async fn send_cadence(
    engagement_id: i32,
    form: CadenceForm,
) -> Result<CadenceSent, ServerFnError> {
    use super::context::{database, notify_settings, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::engagements::send_cadence(
        &db,
        &actor,
        engagement_id,
        &form,
        &notify_settings()?,
        chrono::Utc::now(),
    )
    .await
    .map_err(to_server_error)
}
