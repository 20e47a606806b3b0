//! Server functions for logging in and out, the current user, and password reset.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The logged-in person as the browser sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub display_name: String,
    pub email: String,
    /// `admin`, `coordinator`, `provider` or `site_contact`.
    pub role: String,
    /// e.g. `Site contact`.
    pub role_label: String,
}

impl SessionUser {
    /// Whether the person may invite others and see the invitation list.
    pub fn can_invite(&self) -> bool {
        matches!(self.role.as_str(), "admin" | "coordinator")
    }
}

/// Who is logged in on this browser (`None` when nobody is).
#[server(endpoint = "auth/whoami")]
pub async fn whoami() -> Result<Option<SessionUser>, ServerFnError> {
    Ok(
        super::login_session::current_user().map(|user| SessionUser {
            display_name: user.display_name,
            email: user.email,
            role: user.role.as_str().to_owned(),
            role_label: user.role.label().to_owned(),
        }),
    )
}

/// Checks the credentials, starts a new session (new id), sets the session cookie and sends the
/// person to `next` — the page they asked for before logging in — when it is a path of this site
/// (else to the home page; see [`crate::return_to`]).
#[server(endpoint = "auth/login")]
pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), ServerFnError> {
    use super::context::{account_settings, database, to_server_error};
    use super::login_session::{client_info, session_token, set_session_cookie};
    use service::accounts::{LoginAttempt, LoginError, LoginOutcome, log_in, login::log_out};

    let db = database()?;
    let settings = account_settings()?;
    let client = client_info();
    // A session already open in this browser ends: every login gets a new id.
    if let Some(old) = session_token() {
        log_out(&db, &old, &client).await.map_err(to_server_error)?;
    }
    let attempt = LoginAttempt {
        email: &email,
        password: &password,
    };
    match log_in(&db, attempt, &client, &settings).await {
        Ok(LoginOutcome::Complete(_user, session)) => {
            set_session_cookie(&session.token, settings.session.absolute.num_seconds());
            leptos_axum::redirect(crate::return_to::after_login(next.as_deref()));
            Ok(())
        }
        Ok(LoginOutcome::SecondFactor(pending)) => {
            use super::second_step::{pending_cookie, second_step_page};
            let seconds = (pending.expires_at - chrono::Utc::now())
                .num_seconds()
                .max(1);
            pending_cookie::set(&pending.token, seconds);
            leptos_axum::redirect(&second_step_page(next.as_deref()));
            Ok(())
        }
        Err(LoginError::Service(error)) => Err(to_server_error(error)),
        Err(error) => {
            let status = match error {
                LoginError::Locked(_) => http::StatusCode::TOO_MANY_REQUESTS,
                _ => http::StatusCode::UNAUTHORIZED,
            };
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(status);
            }
            Err(ServerFnError::ServerError(error.to_string()))
        }
    }
}

/// Deletes the session on the server and clears the cookie.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::{clear_session_cookie, client_info, session_token};

    if let Some(token) = session_token() {
        let db = database()?;
        service::accounts::login::log_out(&db, &token, &client_info())
            .await
            .map_err(to_server_error)?;
    }
    clear_session_cookie();
    leptos_axum::redirect("/login?logged_out=1");
    Ok(())
}

/// Queues a reset link when the address has an account; the answer is the same either way, and
/// comes after the same time (see `password_reset::request_reset`). Too many requests from one
/// client address get 429 with the time to try again.
#[server(endpoint = "auth/forgot")]
pub async fn forgot_password(email: String) -> Result<String, ServerFnError> {
    use super::context::{account_settings, database, to_server_error};
    use super::login_session::client_info;
    use service::accounts::{EmailAddress, ResetError, password_reset};

    let email = EmailAddress::parse(&email).map_err(|e| to_server_error(e.on_field("email")))?;
    let db = database()?;
    let settings = account_settings()?;
    match password_reset::request_reset(&db, &email, &client_info(), &settings).await {
        Ok(()) => Ok(password_reset::REQUESTED.to_owned()),
        Err(ResetError::Service(error)) => Err(to_server_error(error)),
        Err(ResetError::Throttled(message)) => {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::TOO_MANY_REQUESTS);
            }
            Err(ServerFnError::ServerError(message))
        }
    }
}

/// Sets a new password from a reset link; then the person logs in with it.
#[server(endpoint = "auth/reset")]
pub async fn reset_password(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<(), ServerFnError> {
    use super::context::{database, passwords_match, to_server_error};
    use super::login_session::client_info;
    use service::accounts::password_reset;

    passwords_match(&password, &password_confirm)?;
    let db = database()?;
    password_reset::complete_reset(&db, &token, &password, &client_info())
        .await
        .map_err(to_server_error)?;
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}
