//! The error type of every use case.
//!
//! Error policy: variants that describe a mistake of the caller (`Invalid` and `InvalidFields` 400, `NotFound` 404,
//! `Conflict` 409, `Forbidden` 403) carry a message meant for the person and become 4xx responses; `Database` and `Internal` carry
//! diagnostic text for the log only and become a generic 5xx message in the UI.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ServiceError {
    /// The input was understood but is not acceptable; the message is shown to the person.
    #[error("{0}")]
    Invalid(String),
    /// A form was refused: every field's mistake at once, for the page to show beside each field
    /// (travels as [`FieldErrors::encode`](contract::FieldErrors::encode)'s text).
    #[error("{0}")]
    InvalidFields(contract::FieldErrors),
    /// The record does not exist (or is not visible to the caller).
    #[error("{0} was not found")]
    NotFound(String),
    /// The change collides with the current state (a double booking, an illegal transition, a
    /// concurrent change); the message says with what.
    #[error("{0}")]
    Conflict(String),
    /// The caller may not do this to this record.
    #[error("{0}")]
    Forbidden(String),
    /// The database failed; the text is for the log, never for the browser.
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// Stored data broke an invariant (e.g. an unknown time zone in a row).
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    /// The HTTP status every entry point answers this error with: the one place the policy above
    /// becomes numbers (400 invalid, 403 forbidden, 404 not found, 409 conflict, 500 otherwise).
    pub fn http_status(&self) -> u16 {
        match self {
            Self::Invalid(_) | Self::InvalidFields(_) => 400,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::Conflict(_) => 409,
            Self::Database(_) | Self::Internal(_) => 500,
        }
    }

    /// What the person may read: the message of a caller's mistake, `None` for a server failure
    /// (whose text is for the log only; entry points show a generic sentence instead).
    pub fn public_message(&self) -> Option<String> {
        self.is_client_error().then(|| self.to_string())
    }

    /// Whether the error is the caller's doing (a 4xx) rather than the server's (a 5xx).
    pub fn is_client_error(&self) -> bool {
        matches!(
            self,
            Self::Invalid(_)
                | Self::InvalidFields(_)
                | Self::NotFound(_)
                | Self::Conflict(_)
                | Self::Forbidden(_)
        )
    }
}

impl From<crate::status::IllegalTransition> for ServiceError {
    fn from(error: crate::status::IllegalTransition) -> Self {
        Self::Conflict(capitalise(&error.to_string()))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl From<contract::FieldErrors> for ServiceError {
    fn from(errors: contract::FieldErrors) -> Self {
        Self::InvalidFields(errors)
    }
}
