//! Server functions of the provider's own pages: profile, availability (editor and free-time
//! preview) and sessions. Every function starts with the guard (providers only) and works on the
//! logged-in provider's own records: none takes a provider id, so no one can reach another's.

mod availability;
mod profile;
mod sessions;

pub use availability::*;
pub use profile::*;
pub use sessions::*;

/// Splits a rejected form's message into `(field, message)` pairs: like
/// [`crate::api::requests::field_errors`], with row fields such as `range_12` (letters, digits
/// and `_`).
pub fn row_field_errors(message: &str) -> Vec<(String, String)> {
    message
        .lines()
        .map(
            |line| match line.split_once(crate::api::requests::FIELD_SEPARATOR) {
                Some((field, text))
                    if !field.is_empty()
                        && field.starts_with(|c: char| c.is_ascii_lowercase())
                        && field
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') =>
                {
                    (field.to_owned(), text.to_owned())
                }
                _ => (String::new(), line.to_owned()),
            },
        )
        .collect()
}

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use leptos::prelude::ServerFnError;
    use service::ServiceError;
    use service::providers::FieldError;

    use crate::api::context::to_server_error;

    /// Field errors as one 400 message, a `field: message` line each (lines without a field
    /// carry the message alone).
    pub fn invalid(errors: Vec<FieldError>) -> ServerFnError {
        let text = errors
            .into_iter()
            .map(|e| {
                if e.field.is_empty() {
                    e.message
                } else {
                    format!(
                        "{}{}{}",
                        e.field,
                        crate::api::requests::FIELD_SEPARATOR,
                        e.message
                    )
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        to_server_error(ServiceError::Invalid(text))
    }

    /// The provider's home zone from their profile, or `None` before the first save.
    pub async fn home_zone(
        db: &service::Database,
        actor: &service::access::Actor,
    ) -> Result<Option<service::zone::TimeZone>, ServerFnError> {
        service::providers::home_zone_of(db, actor)
            .await
            .map_err(to_server_error)
    }
}

#[cfg(test)]
mod tests {
    use super::row_field_errors;

    #[test]
    fn row_fields_keep_their_digits() {
        assert_eq!(
            row_field_errors("range_12: Monday: overlap\nAt most 400.\n2027-03-14: odd"),
            vec![
                ("range_12".to_owned(), "Monday: overlap".to_owned()),
                (String::new(), "At most 400.".to_owned()),
                (String::new(), "2027-03-14: odd".to_owned()),
            ]
        );
    }
}
