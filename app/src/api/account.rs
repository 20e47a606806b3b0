//! Server functions of "My account" (`/account`), for every logged-in person about their own
//! account, and the e-mail change's confirmation link (public: the link is the credential).
//! Changes that end the person's sessions (password, second factor) set this browser's new
//! session cookie.

use contract::account::{AccountView, EnrolmentView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn renew_session_cookie(session: &service::accounts::login_sessions::NewLoginSession) {
    if let Ok(settings) = crate::api::context::account_settings() {
        crate::api::login_session::set_session_cookie(
            &session.token,
            settings.session.absolute.num_seconds(),
        );
    }
}

/// The reader's account: details, second factor, live sessions.
#[server(endpoint = "account/overview")]
pub async fn account_overview() -> Result<AccountView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, session_token};

    let actor = acting_person()?;
    let db = database()?;
    service::accounts::my_account::overview::account_view(&db, &actor, session_token().as_ref())
        .await
        .map_err(to_server_error)
}

/// Saves the reader's name and time zone.
#[server(endpoint = "account/profile")]
pub async fn save_profile(
    display_name: String,
    time_zone: String,
) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::accounts::my_account::profile::save_profile(
        &db,
        &actor,
        &client_info(),
        &display_name,
        &time_zone,
    )
    .await
    .map_err(to_server_error)?;
    Ok("Your name and time zone are saved.".to_owned())
}

/// Changes the reader's password (current one required); every other session ends and this
/// browser gets a new session id.
#[server(endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    password: String,
    password_confirm: String,
) -> Result<String, ServerFnError> {
    use crate::api::context::{account_settings, database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};
    use service::ServiceError;

    let actor = acting_person()?;
    if password != password_confirm {
        return Err(to_server_error(ServiceError::field(
            "password_confirm",
            "The two new passwords are different: type the same password in both fields.",
        )));
    }
    let db = database()?;
    let settings = account_settings()?;
    let session = service::accounts::my_account::password_change::change_password(
        &db,
        &actor,
        &client_info(),
        &current_password,
        &password,
        &settings,
    )
    .await
    .map_err(to_server_error)?;
    renew_session_cookie(&session);
    Ok("Your password is changed. You were logged out everywhere else.".to_owned())
}

/// Asks to change the reader's e-mail address: a link goes to the new address, a notice to the
/// old one.
#[server(endpoint = "account/email")]
pub async fn change_email(
    email: String,
    current_password: String,
) -> Result<String, ServerFnError> {
    use crate::api::context::{account_settings, database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};
    use service::accounts::my_account::email_change;

    let actor = acting_person()?;
    let db = database()?;
    let settings = account_settings()?;
    email_change::request_email_change(
        &db,
        &actor,
        &client_info(),
        &email,
        &current_password,
        &settings,
    )
    .await
    .map_err(to_server_error)?;
    Ok(email_change::SENT.to_owned())
}

/// Uses an e-mail change's confirmation link (public: the link reached the new address).
#[server(endpoint = "account/email/confirm")]
pub async fn confirm_email(token: String) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::client_info;

    let db = database()?;
    let email = service::accounts::my_account::email_change::confirm_email_change(
        &db,
        &client_info(),
        &token,
    )
    .await
    .map_err(to_server_error)?;
    Ok(format!(
        "Your e-mail address is now {email}. Use it the next time you log in."
    ))
}

/// Ends one of the reader's log-in sessions (by the handle the list shows).
#[server(endpoint = "account/sessions/end")]
pub async fn end_session(session: String) -> Result<String, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    service::accounts::my_account::sessions::end(&db, &actor, &client_info(), &session)
        .await
        .map_err(to_server_error)?;
    Ok("That session has ended.".to_owned())
}

/// Starts setting up two-factor authentication: the secret and its QR code.
#[server(endpoint = "account/two-factor/start")]
pub async fn start_two_factor() -> Result<EnrolmentView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::accounts::my_account::second_factor::start(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Confirms the set-up with the app's code; returns the recovery codes (shown once). Every
/// other session ends; this browser gets a new session id.
#[server(endpoint = "account/two-factor/confirm")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, ServerFnError> {
    use crate::api::context::{account_settings, database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let settings = account_settings()?;
    let (codes, session) = service::accounts::my_account::second_factor::confirm(
        &db,
        &actor,
        &client_info(),
        &code,
        &settings,
    )
    .await
    .map_err(to_server_error)?;
    renew_session_cookie(&session);
    Ok(codes)
}

/// Switches two-factor authentication off (current password required).
#[server(endpoint = "account/two-factor/off")]
pub async fn turn_off_two_factor(current_password: String) -> Result<String, ServerFnError> {
    use crate::api::context::{account_settings, database, to_server_error};
    use crate::api::login_session::{acting_person, client_info};

    let actor = acting_person()?;
    let db = database()?;
    let settings = account_settings()?;
    let session = service::accounts::my_account::second_factor::turn_off(
        &db,
        &actor,
        &client_info(),
        &current_password,
        &settings,
    )
    .await
    .map_err(to_server_error)?;
    renew_session_cookie(&session);
    Ok("Two-factor authentication is off. You were logged out everywhere else.".to_owned())
}
