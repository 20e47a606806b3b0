//! Reports for the coordinator's reports page.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub kind: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// `(label, value)` for the bar chart.
    pub bars: Vec<(String, f64)>,
    pub bar_label: String,
    pub from: String,
    pub to: String,
}

/// Report `kind` over `from..=to` (`YYYY-MM-DD`; empty: the last 90 days and next 180).
#[server(endpoint = "coordinator/report")]
pub async fn coordinator_report(
    kind: String,
    from: String,
    to: String,
) -> Result<ReportView, ServerFnError> {
    use crate::api::context::{database, to_server_error};
    use crate::api::login_session::acting_person;
    use chrono::{Duration, NaiveDate, Utc};
    use service::ServiceError;
    use service::reports::{Period, ReportKind, report};

    let actor = acting_person()?;
    let kind = if kind.trim().is_empty() {
        ReportKind::SessionsBySite
    } else {
        ReportKind::parse(kind.trim()).ok_or_else(|| {
            to_server_error(ServiceError::field("kind", "There is no such report."))
        })?
    };
    let today = Utc::now().date_naive();
    let date = |field: &str, text: &str, default: NaiveDate| -> Result<NaiveDate, ServerFnError> {
        if text.trim().is_empty() {
            return Ok(default);
        }
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            to_server_error(ServiceError::field(
                field,
                "Enter dates, for example 15 March 2027.",
            ))
        })
    };
    let from = date("from", &from, today - Duration::days(90))?;
    let to = date("to", &to, today + Duration::days(180))?;
    let period = Period::of_dates(from, to).map_err(|e| to_server_error(e.on_field("to")))?;
    let db = database()?;
    let table = report(&db, &actor, kind, period)
        .await
        .map_err(to_server_error)?;
    let bars = table
        .chart_column
        .map(|c| {
            table
                .rows
                .iter()
                .map(|r| {
                    (
                        r[0].clone(),
                        r.get(c).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let bar_label = table
        .chart_column
        .and_then(|c| table.columns.get(c).cloned())
        .unwrap_or_default();
    Ok(ReportView {
        kind: kind.as_str().to_owned(),
        title: table.title,
        columns: table.columns,
        rows: table.rows,
        bars,
        bar_label,
        from: from.to_string(),
        to: to.to_string(),
    })
}
