//! A NUL character in the address of any request — a page's query (`/coordinator?status=%00`),
//! a server function called with `GET`, an export's or the JSON API's query, or a path segment
//! (`/events/join/%00`) — is refused with a 400 naming the field, before anything reads it.
//!
//! No field takes one, and PostgreSQL cannot even compare one with text: a statement given one
//! fails (`invalid byte sequence for encoding "UTF8": 0x00`), which would be logged as a
//! database error and answered 500. Request bodies are checked the same way by the
//! server-function layer (`crate::arguments`, [`crate::arguments::diagnose::nul`]).

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::arguments::diagnose;

/// The middleware (every path).
pub async fn refuse_nul_in_address(request: Request, next: Next) -> Response {
    let Some(message) = nul_in(request.uri()) else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_owned();
    tracing::info!(path, %message, "request refused: its address holds a NUL character");
    if path.starts_with("/api/v1/") {
        let field = message
            .field
            .clone()
            .unwrap_or_else(|| "address".to_owned());
        return crate::api_v1::error::ApiError::field(&field, message.text).into_response();
    }
    if path.starts_with("/api/") {
        return crate::fn_errors::response(StatusCode::BAD_REQUEST, &path, &message.text);
    }
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.text,
    )
        .into_response()
}

/// What is refused: the field named (`None` for the path) and the sentence.
#[derive(Debug, PartialEq, Eq)]
struct Refusal {
    field: Option<String>,
    text: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// The refusal for `uri`, when its path or query holds a NUL character (raw or `%00`).
fn nul_in(uri: &axum::http::Uri) -> Option<Refusal> {
    // A URI cannot carry a raw NUL; encoded, it is `%00`.
    if uri.path().contains("%00") {
        return Some(Refusal {
            field: None,
            text: "The address could not be read: it contains a NUL character.".to_owned(),
        });
    }
    let query = uri.query()?;
    let problem = diagnose::nul(query.as_bytes())?;
    Some(Refusal {
        field: problem.field.clone(),
        text: problem.message(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(address: &str) -> Option<Refusal> {
        nul_in(&address.parse().unwrap())
    }

    #[test]
    fn a_nul_character_in_the_address_is_refused_naming_the_field() {
        assert_eq!(refusal("/coordinator?status=open&site=3"), None);
        assert_eq!(refusal("/events/join/abc"), None);
        let query = refusal("/coordinator?status=%00open").unwrap();
        assert_eq!(query.field.as_deref(), Some("status"));
        assert!(query.text.contains("'status'"), "{}", query.text);
        assert!(query.text.contains("NUL"), "{}", query.text);
        let nested = refusal("/api/x?form[title]=a%00b").unwrap();
        assert_eq!(nested.field.as_deref(), Some("form.title"));
        let path = refusal("/events/join/ab%00cd").unwrap();
        assert_eq!(path.field, None);
        assert!(path.text.contains("NUL"));
    }
}
