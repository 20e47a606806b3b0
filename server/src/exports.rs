//! CSV downloads of the coordinator's reports: `GET /exports/{kind}.csv?from=YYYY-MM-DD&to=…`.
//! Coordinators and admins only (401 / 403 otherwise); a bad period is a 400 with the reason.

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use service::ServiceError;
use service::accounts::{CurrentUser, Role};
use service::reports::{Period, ReportKind, report, to_csv};

use crate::routes::AppState;

#[derive(Debug, Deserialize)]
pub struct PeriodQuery {
    from: String,
    to: String,
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_owned(),
    )
        .into_response()
}

/// One report as a CSV file.
pub async fn report_csv(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(file): Path<String>,
    Query(period): Query<PeriodQuery>,
) -> Response {
    let Some(Extension(user)) = user else {
        return refuse(StatusCode::UNAUTHORIZED, "Log in to download reports.");
    };
    if !user.has_role(&[Role::Coordinator, Role::Admin]) {
        return refuse(
            StatusCode::FORBIDDEN,
            "Your role does not give access to reports.",
        );
    }
    let Some(kind) = file.strip_suffix(".csv").and_then(ReportKind::parse) else {
        return refuse(StatusCode::NOT_FOUND, "There is no such report.");
    };
    let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d");
    let (Ok(from), Ok(to)) = (date(&period.from), date(&period.to)) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Give the period as from=YYYY-MM-DD&to=YYYY-MM-DD.",
        );
    };
    let period = match Period::of_dates(from, to) {
        Ok(period) => period,
        Err(error) => return refuse(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    match report(&state.database, kind, period).await {
        Ok(table) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}-{from}-{to}.csv\"", kind.as_str()),
                ),
            ],
            to_csv(&table),
        )
            .into_response(),
        Err(error @ (ServiceError::Database(_) | ServiceError::Internal(_))) => {
            tracing::error!(%error, "report export failed");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The report could not be made; try again in a moment.",
            )
        }
        Err(error) => refuse(StatusCode::BAD_REQUEST, &error.to_string()),
    }
}
