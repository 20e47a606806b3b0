//! Server functions: the only door from the browser to the `service` crate.
//!
//! Each server function is thin: it reads its context, calls one use case and maps the result
//! into a serialisable view type. Errors follow the policy in [`service::ServiceError`]: a
//! caller's mistake is reported with its message; anything else is logged on the server and the
//! browser only learns that something went wrong.

pub mod account;
pub mod admin;
pub mod api_tokens;
pub mod auth;
pub mod calendar_feed;
pub mod certificates;
pub mod changes;
pub mod coordinator;
pub mod engagement_cadence;
pub mod engagement_lifecycle;
pub mod engagement_timeline;
pub mod engagements;
pub mod evaluations;
pub mod events;
pub mod home;
pub mod invitations;
#[cfg(feature = "ssr")]
pub mod login_session;
pub mod meeting_links;
pub mod peer_exchanges;
pub mod proposals;
pub mod provider;
pub mod provider_calendars;
pub mod requests;
pub mod second_step;
pub mod sign_in_options;
pub mod sites;

use leptos::prelude::ServerFnError;

/// The message to show a person for a failed server call.
///
/// The server answers every failure as `ServerFnError::ServerError` with a message for a person
/// (malformed arguments too: `server/src/arguments` rewrites them as 400/413 with the field
/// named). The other kinds arise in the browser: no connection (`Request`), or an answer that is
/// not one of ours (e.g. a proxy's error page), whose text is never shown. A refused form's
/// `field: message` lines are shown as their messages (a page that places them beside each
/// field reads [`field_errors`] instead).
pub fn error_message(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(message) => contract::FieldErrors::decode(message)
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        ServerFnError::Request(_) => {
            "The server could not be reached. Check your connection and try again.".to_owned()
        }
        _ => "The server's answer could not be read. Reload the page and try again.".to_owned(),
    }
}

/// A refused form's mistakes, field by field, read from the server's answer (an answer that
/// carries no field names gives its message as one general mistake).
pub fn field_errors(error: &ServerFnError) -> contract::FieldErrors {
    match error {
        ServerFnError::ServerError(message) => contract::FieldErrors::decode(message),
        other => contract::FieldErrors::decode(&error_message(other)),
    }
}

/// What server functions read from the request's context: the database, the mail and account
/// settings, and the one mapping of use-case errors to what the browser may see.
#[cfg(feature = "ssr")]
pub(crate) mod context {
    use leptos::prelude::*;
    use service::{Database, ServiceError};

    /// Message shown for failures that are not the caller's fault.
    const GENERIC_FAILURE: &str = "Something went wrong on our side. Please try again in a moment.";

    /// The database handle the server provides to every request.
    pub fn database() -> Result<Database, ServerFnError> {
        use_context::<Database>().ok_or_else(|| {
            tracing::error!("no Database in the server-function context");
            ServerFnError::ServerError(GENERIC_FAILURE.to_owned())
        })
    }

    /// Who e-mails come from and the links they carry, as the server provides them.
    pub fn notify_settings() -> Result<service::notify::NotifySettings, ServerFnError> {
        use_context::<service::notify::NotifySettings>().ok_or_else(|| {
            tracing::error!("no NotifySettings in the server-function context");
            ServerFnError::ServerError(GENERIC_FAILURE.to_owned())
        })
    }

    /// The installation key that seals saved secrets (a CalDAV password), as the server
    /// provides it.
    pub fn secret_key() -> Result<service::secrets::SecretKey, ServerFnError> {
        use_context::<service::secrets::SecretKey>().ok_or_else(|| {
            tracing::error!("no SecretKey in the server-function context");
            ServerFnError::ServerError(GENERIC_FAILURE.to_owned())
        })
    }

    /// The accounts configuration the server provides.
    pub fn account_settings() -> Result<service::accounts::AccountSettings, ServerFnError> {
        use_context::<service::accounts::AccountSettings>().ok_or_else(|| {
            tracing::error!("no AccountSettings in the server-function context");
            ServerFnError::ServerError(GENERIC_FAILURE.to_owned())
        })
    }

    /// 400 unless the password was typed the same twice.
    pub fn passwords_match(password: &str, confirm: &str) -> Result<(), ServerFnError> {
        if password == confirm {
            Ok(())
        } else {
            Err(to_server_error(ServiceError::field(
                "password_confirm",
                "The two passwords are different: type the same password in both fields.",
            )))
        }
    }

    /// Converts a use-case error into what the browser may see: the caller's mistakes with their
    /// message and a 4xx status (400 invalid, 403 forbidden, 404 not found, 409 conflict),
    /// anything else as a generic message with 500 (the details go to the log).
    pub fn to_server_error(error: ServiceError) -> ServerFnError {
        let Some(message) = error.public_message() else {
            tracing::error!(%error, "server function failed");
            return ServerFnError::ServerError(GENERIC_FAILURE.to_owned());
        };
        if !error.is_client_error() {
            // A 503 (database unreachable): its public text is fixed, the cause goes to the log.
            tracing::warn!(%error, "server function failed");
        } else if matches!(error, ServiceError::Database(_)) {
            // A collision with a change made meanwhile (409): which constraint, for the log.
            tracing::info!(%error, "server function's change collided with another");
        }
        let status = http::StatusCode::from_u16(error.http_status())
            .unwrap_or(http::StatusCode::BAD_REQUEST);
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(status);
        }
        ServerFnError::ServerError(message)
    }
}
