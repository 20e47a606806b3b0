//! Downloads of the funder's semiannual TTA report: `GET /exports/tta-report.csv` and
//! `GET /exports/tta-report.xlsx`, each with `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both left out:
//! the current half year). 401 without a log-in; the role check is the use case's own
//! (coordinators and administrators; 403 for other roles); a bad period is a 400 naming the
//! field (`from: …`, `to: …`). Errors map to statuses by the one error policy.

use axum::Extension;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use service::access::Actor;
use service::reports::tta::{file_name, to_xlsx, tta_csv, tta_report};

use crate::arguments::plain::QueryFields;
use crate::exports::service_error;
use crate::routes::AppState;

/// The period as typed; both optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TtaPeriodQuery {
    from: String,
    to: String,
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn unauthorised() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Log in to download reports.",
    )
        .into_response()
}

fn download(content_type: &str, file: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The report as CSV.
pub async fn tta_report_csv(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    QueryFields(period): QueryFields<TtaPeriodQuery>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return unauthorised();
    };
    match tta_report(&state.database, &actor, &period.from, &period.to).await {
        Ok(report) => download(
            "text/csv; charset=utf-8",
            file_name(&report, "csv"),
            tta_csv(&report).into_bytes(),
        ),
        Err(error) => service_error(&error),
    }
}

/// The report as an Excel workbook (a data sheet and a totals sheet).
pub async fn tta_report_xlsx(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    QueryFields(period): QueryFields<TtaPeriodQuery>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return unauthorised();
    };
    let built = match tta_report(&state.database, &actor, &period.from, &period.to).await {
        Ok(report) => to_xlsx(&report).map(|bytes| (file_name(&report, "xlsx"), bytes)),
        Err(error) => Err(error),
    };
    match built {
        Ok((file, bytes)) => download(XLSX, file, bytes),
        Err(error) => service_error(&error),
    }
}
