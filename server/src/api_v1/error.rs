//! The API's one error body, `{"error": {"code", "message", "field"?}}`, for every refusal:
//! the use cases' errors by the one policy ([`ServiceError::http_status`]; internal text goes to
//! the log, never to the caller), and the API's own (no token, wrong scope, too many calls).

use axum::Json;
use axum::http::header::{RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use service::ServiceError;
use utoipa::ToSchema;

/// What went wrong.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid`, `unauthorized`, `forbidden`, `not_found`,
    /// `conflict`, `rate_limited`, `unavailable` or `internal`.
    pub code: String,
    /// A sentence for a person.
    pub message: String,
    /// The field or query parameter at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The body of every error response.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// An error response of the API.
#[derive(Clone, Debug)]
pub struct ApiError {
    status: StatusCode,
    detail: ErrorDetail,
    retry_after: Option<u64>,
}

const GENERIC: &str = "Something went wrong on our side. Please try again in a moment.";

impl ApiError {
    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            detail: ErrorDetail {
                code: code.to_owned(),
                message: message.into(),
                field: None,
            },
            retry_after: None,
        }
    }

    /// 401: no token, or one that is unknown, revoked or expired.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Send a live personal access token as 'Authorization: Bearer tta_pat_…'.",
        )
    }

    /// 404 for an address the API does not have, or an id that is not a number.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} was not found"),
        )
    }

    /// 400 naming `field`.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut error = Self::new(StatusCode::BAD_REQUEST, "invalid", message);
        error.detail.field = Some(field.to_owned());
        error
    }

    /// 429 with the seconds until a call will be accepted again.
    pub fn rate_limited(retry_after: u64) -> Self {
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("Too many calls with this token: try again in {retry_after} s."),
        );
        error.retry_after = Some(retry_after);
        error
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        let status =
            StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let code = match status.as_u16() {
            400 => "invalid",
            403 => "forbidden",
            404 => "not_found",
            409 => "conflict",
            503 => "unavailable",
            _ => "internal",
        };
        if let ServiceError::InvalidFields(fields) = &error
            && let Some(first) = fields.iter().next()
        {
            let mut refused = Self::new(status, code, first.message.clone());
            refused.detail.field = Some(first.field.clone());
            return refused;
        }
        match error.public_message() {
            Some(message) => {
                let mut refused = Self::new(status, code, message);
                if status == StatusCode::SERVICE_UNAVAILABLE {
                    refused.retry_after = Some(5);
                }
                refused
            }
            None => {
                tracing::error!(%error, "API call failed");
                Self::new(status, code, GENERIC)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(ErrorBody { error: self.detail })).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
