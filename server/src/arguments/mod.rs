//! Malformed server-function arguments are the caller's mistake: 400 (413 for a body over the
//! limit) with a message naming the field, in the server-function error format
//! ([`crate::fn_errors`]), for every server function, in this one place.
//!
//! `server_fn` decodes the arguments before the function body runs and answers a failure with
//! 500 and its decoder's wording (`Args|invalid digit found in string`, `MissingArg|…`,
//! `Deserialization|length limit exceeded`): in the body, and for a plain form post also in the
//! `__err` parameter of its redirect. This layer reads the request body first, so that a body over
//! [`BODY_LIMIT`] is refused with 413 before anything else and the body can be decoded again
//! into the function's own argument type to name the field ([`registry`], [`diagnose`]); then it
//! rewrites such answers. Kinds that are not the caller's fault (an answer that could not be
//! serialised, …) become the generic 500 message, their text going to the log. Errors of the
//! `ServerError` kind (the use cases' messages, see `app::api::context::to_server_error`) pass
//! unchanged.

pub mod diagnose;
pub mod plain;
pub mod registry;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header::{ACCEPT, CONTENT_LENGTH, LOCATION, REFERER};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

use crate::fn_errors::{self, GENERIC_FAILURE, SERVER_ERROR};
use crate::form_errors::location;

/// The largest request body a server function accepts (what `server_fn` allows by default).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// How much of a body over [`BODY_LIMIT`] is read and dropped before the 413 is answered
/// ([`read_limited`]); a body declared larger is answered at once.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

/// How long reading a body over the limit may take before the 413 is answered anyway.
const DRAIN_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// Shown with 413.
pub const TOO_LARGE: &str = "The request is too large: at most 2 MB can be sent at once.";

/// The longest error answer read back. A decoder's message quotes the value it could not
/// decode (`Args|invalid type: string "…"`), so a refusal can be as long as the body it was
/// given (at most [`BODY_LIMIT`]), with some escaping.
const ERROR_BODY_LIMIT: usize = 4 * BODY_LIMIT;

/// How much of a decoder's message goes to the log.
const LOGGED_DETAIL: usize = 300;

/// The start of `detail`, for the log: a message quoting a 1 MB value stays one short line.
fn short(detail: &str) -> &str {
    let mut end = detail.len().min(LOGGED_DETAIL);
    while !detail.is_char_boundary(end) {
        end -= 1;
    }
    &detail[..end]
}

/// The middleware (on every path; it acts on `/api/…`).
pub async fn explain_bad_arguments(request: Request, next: Next) -> Response {
    // The JSON API (`/api/v1`) answers its own errors (crate::api_v1::error).
    if !request.uri().path().starts_with("/api/") || request.uri().path().starts_with("/api/v1/") {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    let (parts, body) = request.into_parts();
    let body = match read_limited(&parts.headers, body).await {
        Ok(body) => body,
        Err(status) => {
            tracing::info!(
                path,
                %status,
                "server-function arguments refused: the body is over the limit or broke off"
            );
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                TOO_LARGE.to_owned()
            } else {
                diagnose::unreadable()
            };
            return refuse(&parts, &path, status, &message);
        }
    };
    // No field takes a NUL character, and PostgreSQL cannot store one in text.
    if let Some(problem) = diagnose::nul(&body) {
        tracing::info!(
            path,
            "server-function arguments refused: a value holds a NUL character"
        );
        return refuse(&parts, &path, StatusCode::BAD_REQUEST, &problem.message());
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(body.clone())))
        .await;
    explain(response, &path, &body).await
}

/// The body, or 413 when it is over [`BODY_LIMIT`] (400 when it breaks off).
///
/// A body over the limit is still read to its end (up to [`DRAIN_LIMIT`], for at most
/// [`DRAIN_TIME`]) and dropped before the 413 is sent. Answering while the caller is still
/// sending would close the connection with unread data in it, which the kernel answers with a
/// reset that can destroy the 413 before the caller reads it: the person would see a dropped
/// connection instead of the reason.
async fn read_limited(headers: &HeaderMap, mut body: Body) -> Result<Bytes, StatusCode> {
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > DRAIN_LIMIT as u64) {
        return Err(StatusCode::PAYLOAD_TOO_LARGE);
    }
    let mut collected = Vec::new();
    let mut over = declared.is_some_and(|length| length > BODY_LIMIT as u64);
    while !over {
        match body.frame().await {
            None => return Ok(Bytes::from(collected)),
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    if collected.len() + data.len() > BODY_LIMIT {
                        over = true;
                    } else {
                        collected.extend_from_slice(&data);
                    }
                }
            }
            Some(Err(error)) => {
                tracing::info!(%error, "a request body broke off");
                return Err(StatusCode::BAD_REQUEST);
            }
        }
    }
    drop(collected);
    let _ = tokio::time::timeout(DRAIN_TIME, drain(body, DRAIN_LIMIT)).await;
    Err(StatusCode::PAYLOAD_TOO_LARGE)
}

/// Reads and drops `body` until its end, an error, or `limit` bytes.
async fn drain(mut body: Body, limit: usize) {
    let mut read = 0usize;
    while let Some(Ok(frame)) = body.frame().await {
        if let Ok(data) = frame.into_data() {
            read += data.len();
            if read > limit {
                return;
            }
        }
    }
}

/// Whether the request is a plain form post (the browser without JavaScript), answered with a
/// redirect back to the form.
fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("text/html"))
}

/// Refuses the request before the server function runs: an error answer, or for a plain form
/// post the redirect back to the form with the error, as `server_fn` does.
fn refuse(parts: &Parts, path: &str, status: StatusCode, message: &str) -> Response {
    if accepts_html(&parts.headers) {
        let back = parts
            .headers
            .get(REFERER)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("/");
        let target = location::with_error(back, path, &fn_errors::server_error(message));
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::SEE_OTHER;
        if let Ok(target) = HeaderValue::from_str(&target) {
            response.headers_mut().insert(LOCATION, target);
        }
        return response;
    }
    fn_errors::response(status, path, message)
}

/// What an error answer of the kind `Kind|text` becomes: `None` to keep it.
fn rewrite(encoded: &str, path: &str, body: &[u8]) -> Option<(StatusCode, String)> {
    match fn_errors::split(encoded) {
        None | Some((SERVER_ERROR, _)) => None,
        Some(("Args" | "MissingArg" | "Deserialization", detail)) => {
            if detail.contains("length limit exceeded") {
                return Some((StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE.to_owned()));
            }
            let detail = short(detail);
            tracing::info!(path, detail, "malformed server-function arguments");
            let problem =
                registry::problem(path, body).unwrap_or_else(|| diagnose::classify(None, detail));
            Some((StatusCode::BAD_REQUEST, problem.message()))
        }
        Some(("Request", detail)) => {
            let detail = short(detail);
            tracing::info!(path, detail, "unreadable server-function request");
            Some((StatusCode::BAD_REQUEST, diagnose::unreadable()))
        }
        Some((kind, detail)) => {
            let detail = short(detail);
            tracing::error!(path, kind, detail, "server function failed");
            Some((
                StatusCode::INTERNAL_SERVER_ERROR,
                GENERIC_FAILURE.to_owned(),
            ))
        }
    }
}

/// Rewrites `response` (the server function's answer) where it carries a decoder's wording.
async fn explain(response: Response, path: &str, body: &[u8]) -> Response {
    let (mut parts, response_body) = response.into_parts();
    if let Some(target) = parts
        .headers
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|target| {
            location::map_errors(target, |encoded| {
                rewrite(encoded, path, body).map(|(_, message)| fn_errors::server_error(&message))
            })
        })
        .and_then(|target| HeaderValue::from_str(&target).ok())
    {
        parts.headers.insert(LOCATION, target);
    }
    let is_error = parts.headers.contains_key(SERVER_FN_ERROR_HEADER);
    let unknown_function = !is_error && parts.status == StatusCode::BAD_REQUEST;
    if !is_error && !unknown_function {
        return Response::from_parts(parts, response_body);
    }
    let Ok(bytes) = axum::body::to_bytes(response_body, ERROR_BODY_LIMIT).await else {
        // Still the caller's mistake when the arguments do not decode.
        if let Some(problem) = registry::problem(path, body) {
            tracing::info!(
                path,
                "malformed server-function arguments (the decoder's message is too long to read)"
            );
            return fn_errors::response(StatusCode::BAD_REQUEST, path, &problem.message());
        }
        tracing::error!(path, "a server function's error answer could not be read");
        return fn_errors::response(StatusCode::INTERNAL_SERVER_ERROR, path, GENERIC_FAILURE);
    };
    let text = String::from_utf8_lossy(&bytes);
    let replacement = if is_error {
        rewrite(&text, path, body)
    } else if text.starts_with("Could not find a server function") {
        Some((
            StatusCode::NOT_FOUND,
            "There is no such server function.".to_owned(),
        ))
    } else {
        None
    };
    let Some((status, message)) = replacement else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    // A plain form post keeps its redirect back to the form (the error travels in `__err`).
    if !parts.status.is_redirection() {
        parts.status = status;
    }
    let mut response = Response::from_parts(parts, Body::from(fn_errors::server_error(&message)));
    fn_errors::replace_body_headers(&mut response);
    if let Ok(path) = HeaderValue::from_str(path) {
        response.headers_mut().insert(SERVER_FN_ERROR_HEADER, path);
    }
    response
}
