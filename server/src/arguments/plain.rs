//! The query of a plain axum route (CSV exports) read the way server-function arguments are:
//! a query that does not decode is a 400 naming the field ([`super::diagnose`]), never axum's
//! rejection text (`Failed to deserialize query string: missing field `from``), and the reason
//! goes to the log.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::diagnose;

/// A route's query decoded into `T`, or a 400 naming the field at fault.
pub struct QueryFields<T>(pub T);

impl<T, S> FromRequestParts<S> for QueryFields<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        decode(query.as_bytes()).map(Self).map_err(|message| {
            tracing::info!(path = parts.uri.path(), %message, "unreadable query refused");
            (
                StatusCode::BAD_REQUEST,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                message,
            )
                .into_response()
        })
    }
}

/// `query` as `T` (decoded as `server_fn` decodes URL-encoded arguments), or the message
/// naming the field.
pub fn decode<T: DeserializeOwned>(query: &[u8]) -> Result<T, String> {
    let config = serde_qs::Config::new(5, false);
    match config.deserialize_bytes::<T>(query) {
        Ok(value) => Ok(value),
        Err(_) => Err(diagnose::form::<T>(query)
            .map(|problem| problem.message())
            .unwrap_or_else(diagnose::unreadable)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Period {
        from: String,
        to: String,
    }

    #[test]
    fn a_query_that_does_not_decode_names_the_field() {
        assert!(decode::<Period>(b"from=2027-01-01&to=2027-02-01").is_ok());
        assert_eq!(
            decode::<Period>(b"from=2027-01-01").err().as_deref(),
            Some("The request could not be read: field 'to' is missing.")
        );
        assert_eq!(
            decode::<Period>(b"from=a&from=b&to=c").err().as_deref(),
            Some("The request could not be read: field 'from' is given more than once.")
        );
        assert_eq!(
            decode::<Period>(b"from[]=a&to=c").err().as_deref(),
            Some("The request could not be read: field 'from' must be a single value, not a list.")
        );
        // Bytes that are not UTF-8 are read as U+FFFD, as `server_fn` reads them; the handler's
        // own check (a date) refuses the value.
        assert!(decode::<Period>(b"from=%ff&to=c").is_ok());
    }
}
