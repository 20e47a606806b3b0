//! `GET /calendar/{token}.ics`: a provider's subscribed calendar. The token is the only
//! credential (calendar apps cannot log in); unknown or revoked tokens, and those of a
//! deactivated account or one that is no longer a provider, get 404.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::routes::AppState;

pub async fn feed(
    State(state): State<AppState>,
    file: Result<Path<String>, PathRejection>,
) -> Response {
    let not_found = || {
        (
            StatusCode::NOT_FOUND,
            "There is no calendar at this address.",
        )
            .into_response()
    };
    // An address that is not text (`%ff`) is no calendar either.
    let Ok(Path(file)) = file else {
        return not_found();
    };
    let Some(token) = file.strip_suffix(".ics") else {
        return not_found();
    };
    match service::calendar_feed::feed_ics(&state.database, token).await {
        Ok(Some(ics)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            ics,
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(error) => {
            tracing::error!(%error, "calendar feed failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The calendar could not be made; try again later.",
            )
                .into_response()
        }
    }
}
