//! Server functions for inviting people and accepting invitations.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One pending invitation in the admin list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: i32,
    pub email: String,
    pub role_label: String,
    pub site: Option<String>,
    pub invited_by: String,
    /// e.g. `2026-12-06 14:05 UTC`.
    pub expires: String,
}

/// A site to choose for a site contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteChoice {
    pub id: i32,
    pub name: String,
}

/// What the acceptance page shows about an invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub email: String,
    pub role_label: String,
}

/// Invites `email` with `role` (and `site_id` for a site contact); the e-mail is queued.
#[server(endpoint = "invitations/create")]
pub async fn create_invitation(
    email: String,
    role: String,
    site_id: Option<String>,
) -> Result<String, ServerFnError> {
    use super::context::{account_settings, database, to_server_error};
    use super::login_session::{acting_person, client_info};
    use service::accounts::invitations::{self, InvitationForm};

    let actor = acting_person()?;
    let db = database()?;
    let settings = account_settings()?;
    let form = InvitationForm {
        email,
        role,
        site_id: site_id.unwrap_or_default(),
    };
    let created = invitations::invite(&db, &actor, &form, &client_info(), &settings)
        .await
        .map_err(to_server_error)?;
    Ok(format!("Invitation sent to {}.", created.email))
}

/// Sends pending invitation `id` again with a new link; the old link stops working.
#[server(endpoint = "invitations/resend")]
pub async fn resend_invitation(id: i32) -> Result<String, ServerFnError> {
    use super::context::{account_settings, database, to_server_error};
    use super::login_session::{acting_person, client_info};
    use service::accounts::invitations;

    let actor = acting_person()?;
    let db = database()?;
    let settings = account_settings()?;
    invitations::resend(&db, &actor, id, &client_info(), &settings)
        .await
        .map_err(to_server_error)?;
    Ok("The invitation was sent again with a new link; the old link no longer works.".to_owned())
}

/// Withdraws pending invitation `id`: its link stops working.
#[server(endpoint = "invitations/revoke")]
pub async fn revoke_invitation(id: i32) -> Result<String, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::{acting_person, client_info};
    use service::accounts::invitations;

    let actor = acting_person()?;
    let db = database()?;
    invitations::revoke(&db, &actor, id, &client_info())
        .await
        .map_err(to_server_error)?;
    Ok("The invitation was withdrawn; its link no longer works.".to_owned())
}

/// Invitations neither accepted nor expired.
#[server(endpoint = "invitations/pending")]
pub async fn pending_invitations() -> Result<Vec<InvitationRow>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;
    use service::accounts::invitations;

    let actor = acting_person()?;
    let db = database()?;
    let rows = invitations::list_pending(&db, &actor)
        .await
        .map_err(to_server_error)?;
    Ok(rows
        .into_iter()
        .map(|row| InvitationRow {
            id: row.id,
            email: row.email,
            role_label: row.role.label().to_owned(),
            site: row.site_name,
            invited_by: row.invited_by,
            expires: row.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect())
}

/// Sites a site contact can be invited for.
#[server(endpoint = "invitations/sites")]
pub async fn invitation_sites() -> Result<Vec<SiteChoice>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;
    use service::accounts::invitations;

    let actor = acting_person()?;
    let db = database()?;
    let sites = invitations::site_choices(&db, &actor)
        .await
        .map_err(to_server_error)?;
    Ok(sites
        .into_iter()
        .map(|site| SiteChoice {
            id: site.id,
            name: format!("{}, {}", site.name, site.state),
        })
        .collect())
}

/// The e-mail and role of a usable invitation token (400 with a reason otherwise).
#[server(endpoint = "invitations/details")]
pub async fn invitation_details(token: String) -> Result<InvitationInfo, ServerFnError> {
    use super::context::{database, to_server_error};
    use service::accounts::invitations;

    let db = database()?;
    let (email, role) = invitations::check_token(&db, &token)
        .await
        .map_err(|e| to_server_error(e.on_field("token")))?;
    Ok(InvitationInfo {
        email,
        role_label: role.label().to_owned(),
    })
}

/// Creates the account of an invitation; the person then logs in.
#[server(endpoint = "invitations/accept")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    time_zone: String,
    password: String,
    password_confirm: String,
) -> Result<(), ServerFnError> {
    use super::context::{database, passwords_match, to_server_error};
    use super::login_session::client_info;
    use service::accounts::invitations::{self, Acceptance};

    passwords_match(&password, &password_confirm)?;
    let db = database()?;
    let acceptance = Acceptance {
        token: &token,
        display_name: &display_name,
        time_zone: &time_zone,
        password: &password,
    };
    invitations::accept(&db, acceptance, &client_info())
        .await
        .map_err(to_server_error)?;
    leptos_axum::redirect("/login?welcome=1");
    Ok(())
}
