//! The wire format of server-function errors, as `server_fn` writes it and the browser reads it:
//! `Kind|text` (e.g. `ServerError|Request #3 was not found.`), sent as a `text/plain` body with
//! the `serverfnerror` header, or base64 (URL-safe) in the `__err` query parameter of the
//! redirect that answers a plain (no-JavaScript) form post.
//!
//! Only `ServerError` carries a message meant for a person (see `app::api::error_message`);
//! the other kinds carry a parser's or the framework's wording, which must not reach the browser.

use axum::body::Body;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

/// The kind of an error whose text is for a person.
pub const SERVER_ERROR: &str = "ServerError";

/// Shown for failures that are not the caller's fault (the details go to the log).
pub const GENERIC_FAILURE: &str = "Something went wrong on our side. Please try again in a moment.";

/// `ServerError|message`.
pub fn server_error(message: &str) -> String {
    format!("{SERVER_ERROR}|{message}")
}

/// `(kind, text)` of an encoded error, `None` when it is not in the `Kind|text` form.
pub fn split(encoded: &str) -> Option<(&str, &str)> {
    encoded
        .split_once('|')
        .filter(|(kind, _)| !kind.is_empty() && kind.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The error carried by an `__err` query value.
pub fn decode_param(value: &str) -> Option<String> {
    let bytes = URL_SAFE.decode(value.trim()).ok()?;
    String::from_utf8(bytes).ok()
}

/// The `__err` query value carrying `encoded`.
pub fn encode_param(encoded: &str) -> String {
    URL_SAFE.encode(encoded.as_bytes())
}

/// A server-function error response: `status`, `ServerError|message` as UTF-8 text, and the
/// `serverfnerror` header naming the function (`path`), as `server_fn` itself answers.
pub fn response(status: StatusCode, path: &str, message: &str) -> Response {
    let mut response = Response::new(Body::from(server_error(message)));
    *response.status_mut() = status;
    replace_body_headers(&mut response);
    if let Ok(path) = HeaderValue::from_str(path) {
        response.headers_mut().insert(SERVER_FN_ERROR_HEADER, path);
    }
    response
}

/// Marks `response`'s new body as UTF-8 text (its old length no longer holds).
pub fn replace_body_headers(response: &mut Response) {
    let headers = response.headers_mut();
    headers.remove(CONTENT_LENGTH);
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_round_trip_through_the_query_parameter() {
        let encoded = server_error("Field 'id' must be a whole number.");
        let param = encode_param(&encoded);
        assert_eq!(decode_param(&param).as_deref(), Some(encoded.as_str()));
        assert_eq!(
            split(&encoded),
            Some(("ServerError", "Field 'id' must be a whole number."))
        );
        assert_eq!(split("no delimiter"), None);
        assert_eq!(split("|text"), None);
        assert_eq!(decode_param("%%%"), None);
    }
}
