//! Ending a form's checks: every field's mistake is collected in a [`FieldErrors`] (the
//! contract's type, which the page reads back field by field), and the use case finishes with
//! the parsed value or all the mistakes at once as [`ServiceError::InvalidFields`].

pub use contract::FieldErrors;

use crate::ServiceError;

/// `Ok(value)` when no mistake was recorded, else every mistake as one 400.
pub trait FinishFields {
    fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, ServiceError>;
}

impl FinishFields for FieldErrors {
    fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, ServiceError> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(ServiceError::InvalidFields(self))
        }
    }
}

impl ServiceError {
    /// One field's mistake as a 400 that the page shows beside the field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::InvalidFields(FieldErrors::single(field, message))
    }

    /// This error with its message placed on `field` when it is a plain [`Self::Invalid`] (a
    /// parser's refusal whose input came from that field); any other error unchanged.
    pub fn on_field(self, field: &str) -> Self {
        match self {
            Self::Invalid(message) => Self::field(field, message),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mistake_becomes_a_field_line() {
        let mut errors = FieldErrors::new();
        errors.add("name", "Enter a name.");
        errors.add("time_zone", "Choose a zone.");
        let error = errors.finish(|| ()).unwrap_err();
        assert_eq!(error.http_status(), 400);
        assert_eq!(
            error.to_string(),
            "name: Enter a name.\ntime_zone: Choose a zone."
        );
        assert_eq!(FieldErrors::new().finish(|| 7).unwrap(), 7);
        assert_eq!(
            ServiceError::field("role", "Choose a role.").to_string(),
            "role: Choose a role."
        );
    }
}
