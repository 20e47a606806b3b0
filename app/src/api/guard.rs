//! The one authorisation check every server function starts with, except the public ones
//! (log-in and log-out, who is logged in, the password-reset and invitation links, the site
//! list of the public home page): the README's "Public server functions, and why" lists them
//! and `server/tests/server_fn_access.rs` checks that no other function answers without a
//! session.

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use leptos::prelude::*;
    use service::accounts::{CurrentUser, Role};

    use crate::api::session::current_user;

    /// Shown with 401.
    pub const NOT_LOGGED_IN: &str =
        "You are not logged in, or your session has ended. Log in and try again.";

    fn refuse(status: http::StatusCode, message: String) -> ServerFnError {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(status);
        }
        ServerFnError::ServerError(message)
    }

    /// The current user when their role is one of `roles`; otherwise 401 (nobody logged in) or
    /// 403 (logged in with another role), each with a message for the person.
    pub fn require(roles: &[Role]) -> Result<CurrentUser, ServerFnError> {
        match current_user() {
            None => Err(refuse(
                http::StatusCode::UNAUTHORIZED,
                NOT_LOGGED_IN.to_owned(),
            )),
            Some(user) if !user.has_role(roles) => Err(refuse(
                http::StatusCode::FORBIDDEN,
                format!(
                    "Your role ({}) does not give access to this. Ask an administrator if you \
                     need it.",
                    user.role.label()
                ),
            )),
            Some(user) => Ok(user),
        }
    }

    /// Any logged-in user.
    pub fn require_login() -> Result<CurrentUser, ServerFnError> {
        require(&Role::ALL)
    }
}
