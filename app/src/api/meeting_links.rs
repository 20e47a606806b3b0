//! Server functions of meeting links (issue 18): a provider's own setting (their profile page),
//! an engagement's (its page, coordinators), and one session's link. Each calls one use case in
//! `service::meeting`, which checks the role and the record.

use contract::meeting::{MeetingLinkForm, MeetingLinkView};
use leptos::prelude::*;

/// The provider's own setting.
#[server(endpoint = "provider/meeting-link")]
pub async fn my_meeting_link() -> Result<MeetingLinkView, ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::meeting::provider_meeting_setting(&db, &actor, &notify_settings()?)
        .await
        .map_err(to_server_error)
}

/// Saves the provider's setting; answers how many future sessions got a new link (everyone
/// invited to them receives the updated invite).
#[server(endpoint = "provider/meeting-link/save")]
pub async fn save_my_meeting_link(form: MeetingLinkForm) -> Result<usize, ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::meeting::save_provider_meeting_setting(&db, &actor, &form, &notify_settings()?)
        .await
        .map_err(to_server_error)
}

/// An engagement's setting (coordinators and administrators).
#[server(endpoint = "engagements/meeting-link")]
pub async fn engagement_meeting_link(engagement_id: i32) -> Result<MeetingLinkView, ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::meeting::engagement_meeting_setting(&db, &actor, engagement_id, &notify_settings()?)
        .await
        .map_err(to_server_error)
}

/// Saves an engagement's setting; answers how many future sessions got a new link.
#[server(endpoint = "engagements/meeting-link/save")]
pub async fn save_engagement_meeting_link(
    engagement_id: i32,
    form: MeetingLinkForm,
) -> Result<usize, ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::meeting::save_engagement_meeting_setting(
        &db,
        &actor,
        engagement_id,
        &form,
        &notify_settings()?,
    )
    .await
    .map_err(to_server_error)
}

/// Replaces one session's link (its provider, coordinators, administrators); answers whether it
/// changed.
#[server(endpoint = "sessions/meeting-link")]
pub async fn set_session_meeting_link(
    session_id: i32,
    meeting_url: String,
) -> Result<bool, ServerFnError> {
    use crate::api::context::{database, notify_settings, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::meeting::set_session_meeting_link(
        &db,
        &actor,
        session_id,
        &meeting_url,
        &notify_settings()?,
    )
    .await
    .map_err(to_server_error)
}
