//! The semiannual TTA report for the funder (issue 17): every TTA delivered in a period — coaching
//! sessions, on-site visits, peer exchanges and group events (trainings, webinars, workshops,
//! summits) — one row each, shaped like the BJA TTA Reporting Portal's fields: type, dates and
//! times on the host site's clock with its zone, audience and location, participants,
//! engagement and phase, PSP core areas, providers and the evaluation summary.
//!
//! - [`tta_report`] builds it for coordinators and administrators only (anyone else: 403). It
//!   counts every site's work, so no record rule narrows it; a site contact or a provider sees
//!   none of it (their own pages show their own TTA).
//! - It is downloaded as CSV ([`tta_csv`], through the reports' CSV writer) and as an Excel
//!   workbook ([`xlsx::to_xlsx`]); [`tta_report_page`] is the printable summary's read model.
//! - Delivered means: a coaching session completed, or confirmed and over by now; a group event
//!   not cancelled and over by now. A delivery belongs to the period by its start date on the
//!   host site's clock. The columns and their meanings are [`row::COLUMNS`] (the README's table).

mod context;
mod evaluation;
mod events;
mod page;
mod period;
pub mod row;
mod sessions;
mod totals;
mod xlsx;

use chrono::{DateTime, Utc};

pub use page::tta_report_page;
pub use period::ReportPeriod;
pub use row::{COLUMNS, Cell, TtaRow};
pub use totals::{NO_CORE_AREA, TotalLine, Totals};
pub use xlsx::to_xlsx;

use super::table::Table;
use crate::access::{Actor, STAFF};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// One report: its period, every delivery in start order, and the totals.
#[derive(Clone, Debug, PartialEq)]
pub struct TtaReport {
    pub period: ReportPeriod,
    pub rows: Vec<TtaRow>,
    pub totals: Totals,
}

/// The report over `from..=to` as typed (`YYYY-MM-DD`; both empty: the current half year on the
/// reader's clock), for coordinators and administrators. A period's mistakes are 400s naming
/// `from` or `to`.
pub async fn tta_report(
    db: &Database,
    actor: &Actor,
    from: &str,
    to: &str,
) -> Result<TtaReport, ServiceError> {
    actor.require(STAFF)?;
    let now = Utc::now();
    let today = TimeZone::parse(&actor.user().time_zone)
        .map_or(now.date_naive(), |zone| zone.local(now).date());
    let period = ReportPeriod::parse(from, to, today)?;
    build(db, period, now).await
}

/// The report for `period` as of `now` (below the door: the caller has checked the actor).
async fn build(
    db: &Database,
    period: ReportPeriod,
    now: DateTime<Utc>,
) -> Result<TtaReport, ServiceError> {
    let lookups = context::Lookups::load(db, now).await?;
    let mut rows = sessions::session_rows(db, &lookups, period, now).await?;
    rows.extend(events::event_rows(db, &lookups, period, now).await?);
    // In start order on the host's clock, then by site and id, so the file reads as a log.
    rows.sort_by(|a, b| (a.start, &a.host_site, &a.id).cmp(&(b.start, &b.host_site, &b.id)));
    let totals = Totals::of(&rows);
    Ok(TtaReport {
        period,
        rows,
        totals,
    })
}

/// The report as a table of text cells, for the reports' CSV writer.
pub fn tta_table(report: &TtaReport) -> Table {
    Table {
        title: format!("Semiannual TTA report, {}", report.period.label()),
        columns: COLUMNS.iter().map(|c| c.name.to_owned()).collect(),
        rows: report
            .rows
            .iter()
            .map(|row| row.cells().iter().map(Cell::text).collect())
            .collect(),
        chart_column: None,
    }
}

/// The report as CSV (RFC 4180, formulas defused).
pub fn tta_csv(report: &TtaReport) -> String {
    super::to_csv(&tta_table(report))
}

/// The download's file name: `tta-report-2027-01-01-2027-06-30.<extension>`.
pub fn file_name(report: &TtaReport, extension: &str) -> String {
    format!(
        "tta-report-{}-{}.{extension}",
        report.period.first(),
        report.period.last()
    )
}
