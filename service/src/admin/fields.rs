//! Collecting every field's mistake of a form at once, as one `field: message` line each.

use crate::ServiceError;

/// The mistakes found in a form, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `message` for `field`.
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `(field, message)` pairs.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.0
    }

    /// `Ok(value)` when nothing was recorded, else every mistake as one
    /// [`ServiceError::Invalid`] with a `field: message` line each.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, ServiceError> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.into_error())
        }
    }

    /// One mistake as an error.
    pub fn single(field: &'static str, message: impl Into<String>) -> ServiceError {
        let mut errors = Self::new();
        errors.add(field, message);
        errors.into_error()
    }

    /// Every recorded mistake as one [`ServiceError::Invalid`].
    pub fn into_error(self) -> ServiceError {
        ServiceError::Invalid(
            self.0
                .into_iter()
                .map(|(field, message)| format!("{field}: {message}"))
                .collect::<Vec<_>>()
                .join("\n"),
        )
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
        assert_eq!(
            error.to_string(),
            "name: Enter a name.\ntime_zone: Choose a zone."
        );
        assert_eq!(FieldErrors::new().finish(|| 7).unwrap(), 7);
    }
}
