//! Telling clients and load balancers when to come back: every 503 carries `Retry-After`
//! ([`add_retry_after`], one layer over the whole router), and [`Draining`] is the flag a
//! graceful stop raises so `/readyz` answers 503 while requests in flight finish.
//!
//! A 503 comes from a use case whose database could not be reached
//! (`ServiceError::Unavailable`, see `service::error::connection_lost`), from the log-in layer
//! when the session cannot be looked up for the same reason, or from `/readyz`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::Request;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use service::error::{RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE};

/// Raised once when the server starts stopping; never lowered.
#[derive(Clone, Debug, Default)]
pub struct Draining(Arc<AtomicBool>);

impl Draining {
    pub fn start(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Adds `Retry-After: 5` to every 503 that has none.
pub async fn add_retry_after(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if response.status() == StatusCode::SERVICE_UNAVAILABLE
        && !response.headers().contains_key(RETRY_AFTER)
    {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    }
    response
}

/// The 503 of a request that could not be served because the database is unreachable: the
/// fixed public sentence, never the driver's text.
pub fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (RETRY_AFTER, "5"),
        ],
        UNAVAILABLE_MESSAGE,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_answer_names_no_internals() {
        let response = unavailable();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[RETRY_AFTER], "5");
        assert_eq!(RETRY_AFTER_SECONDS, 5);
    }

    #[test]
    fn draining_is_raised_once_and_shared() {
        let draining = Draining::default();
        let seen_by_router = draining.clone();
        assert!(!seen_by_router.is_draining());
        draining.start();
        assert!(seen_by_router.is_draining());
    }
}
