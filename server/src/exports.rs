//! CSV downloads of the coordinator's reports: `GET /exports/{kind}.csv?from=YYYY-MM-DD&to=…`,
//! and of the engagement portfolio: `GET /exports/portfolio.csv?status=…&kind=…&attention=…`.
//! 401 without a log-in; the role check is the report use case's own (403 for other roles); a
//! bad period is a 400 with the reason. Errors map to statuses by the one error policy
//! ([`ServiceError::http_status`]).

use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use service::ServiceError;
use service::access::Actor;
use service::reports::{Period, ReportKind, report, to_csv};

use crate::arguments::plain::QueryFields;
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
    actor: Option<Extension<Actor>>,
    file: Result<Path<String>, PathRejection>,
    QueryFields(period): QueryFields<PeriodQuery>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return refuse(StatusCode::UNAUTHORIZED, "Log in to download reports.");
    };
    // An address that is not text (`%ff`) names no report either.
    let file = file.map(|Path(file)| file).unwrap_or_default();
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
    match report(&state.database, &actor, kind, period).await {
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
        Err(error) => service_error(&error),
    }
}

/// The engagement portfolio, narrowed as on its page, as a CSV file.
pub async fn portfolio_csv(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    QueryFields(query): QueryFields<contract::forms::PortfolioQuery>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "Log in to download the portfolio.",
        );
    };
    match service::engagements::portfolio_csv(&state.database, &actor, &query).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"engagements.csv\"".to_owned(),
                ),
            ],
            csv,
        )
            .into_response(),
        Err(error) => service_error(&error),
    }
}

/// The response for a use case's refusal, by the one error policy: the caller's mistakes with
/// their message and status, anything else as a generic 500 (the detail goes to the log).
pub(crate) fn service_error(error: &ServiceError) -> Response {
    let status =
        StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match error.public_message() {
        Some(message) => refuse(status, &message),
        None => {
            tracing::error!(%error, "request failed");
            refuse(
                status,
                "Something went wrong on our side. Please try again in a moment.",
            )
        }
    }
}
