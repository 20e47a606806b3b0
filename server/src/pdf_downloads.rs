//! PDF downloads of group events (issue 17):
//!
//! - `GET /events/registration/{token}/certificate.pdf`: a participant's certificate of
//!   completion. No log-in: the personal link's token is the credential (unknown: 404); before
//!   the certificate is released, 403 with the reason.
//! - `GET /coordinator/events/{id}/certificates/{registration}.pdf`: an attendee's certificate,
//!   for the event's coordinator or provider.
//! - `GET /coordinator/events/{id}/sign-in.pdf`: the printable sign-in sheet, for the event's
//!   coordinator or provider.
//!
//! The logged-in ones answer 401 without a log-in (a person's browser is sent to log in by
//! `return_to`); the role and record rules are the use cases' own, and errors map to statuses
//! by the one error policy ([`crate::exports::service_error`]). Every answer is `no-store`: the
//! files carry participants' names.

use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use service::access::Actor;
use service::pdf::PdfFile;

use crate::exports::service_error;
use crate::routes::AppState;

fn plain(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_owned(),
    )
        .into_response()
}

fn pdf(file: PdfFile) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.filename),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response()
}

fn answer(outcome: Result<PdfFile, service::ServiceError>) -> Response {
    match outcome {
        Ok(file) => pdf(file),
        Err(error) => {
            let mut response = service_error(&error);
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            response
        }
    }
}

/// The participant's certificate behind their personal link.
pub async fn participant_certificate(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
) -> Response {
    let Ok(Path(token)) = token else {
        return plain(
            StatusCode::NOT_FOUND,
            "There is no registration at this address.",
        );
    };
    answer(
        service::certificates::participant_certificate(
            &state.database,
            &token,
            state.accounts.public_url(),
        )
        .await,
    )
}

/// An attendee's certificate for the event's coordinator or provider.
pub async fn attendee_certificate(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return plain(StatusCode::UNAUTHORIZED, "Log in to download certificates.");
    };
    let ids = path.ok().and_then(|Path((event, file))| {
        let registration = file.strip_suffix(".pdf")?.parse::<i32>().ok()?;
        Some((event.parse::<i32>().ok()?, registration))
    });
    let Some((event_id, registration_id)) = ids else {
        return plain(StatusCode::NOT_FOUND, "There is no such certificate.");
    };
    answer(
        service::certificates::attendee_certificate(
            &state.database,
            &actor,
            event_id,
            registration_id,
            state.accounts.public_url(),
        )
        .await,
    )
}

/// The sign-in sheet as a PDF, for the event's coordinator or provider.
pub async fn sign_in_sheet(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return plain(
            StatusCode::UNAUTHORIZED,
            "Log in to print the sign-in sheet.",
        );
    };
    let Some(event_id) = id.ok().and_then(|Path(id)| id.parse::<i32>().ok()) else {
        return plain(StatusCode::NOT_FOUND, "There is no such event.");
    };
    answer(service::events::sign_in_sheet_pdf(&state.database, &actor, event_id).await)
}
