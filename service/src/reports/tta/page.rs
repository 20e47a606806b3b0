//! The printable summary's read model ([`contract::views::tta_report::TtaReportView`]).

use contract::views::tta_report::{TotalLineView, TotalsSection, TtaLine, TtaReportView};

use super::totals::TotalLine;
use super::{TtaReport, tta_report};
use crate::access::Actor;
use crate::{Database, ServiceError};

/// The summary of the report over `from..=to` (see [`tta_report`]: coordinators and
/// administrators only; a period's mistakes named by field).
pub async fn tta_report_page(
    db: &Database,
    actor: &Actor,
    from: &str,
    to: &str,
) -> Result<TtaReportView, ServiceError> {
    let report = tta_report(db, actor, from, to).await?;
    Ok(view_of(&report))
}

fn line(total: &TotalLine) -> TotalLineView {
    TotalLineView {
        label: total.label.clone(),
        deliveries: total.deliveries,
        participants: total.participants,
        hours: format!("{:.1}", total.hours),
    }
}

fn view_of(report: &TtaReport) -> TtaReportView {
    let totals = &report.totals;
    TtaReportView {
        from: report.period.first().to_string(),
        to: report.period.last().to_string(),
        period_label: report.period.label(),
        deliveries: totals.overall.deliveries,
        participants: totals.overall.participants,
        hours: format!("{:.1}", totals.overall.hours),
        sections: totals
            .sections()
            .into_iter()
            .map(|(title, lines)| TotalsSection {
                title: title.to_owned(),
                lines: lines.iter().map(line).collect(),
            })
            .collect(),
        rows: report
            .rows
            .iter()
            .map(|row| {
                let end = if row.end.date() == row.start.date() {
                    row.end.format("%H:%M").to_string()
                } else {
                    row.end.format("%a %-d %b %Y, %H:%M").to_string()
                };
                TtaLine {
                    id: row.id.clone(),
                    kind: row.kind.clone(),
                    title: row.title.clone(),
                    when: format!(
                        "{}–{} {} ({})",
                        row.start.format("%a %-d %b %Y, %H:%M"),
                        end,
                        row.zone_abbreviation,
                        row.zone
                    ),
                    sites: row.sites.join("; "),
                    participants: row.participants(),
                    providers: row.providers.join("; "),
                    rating: row
                        .mean_rating
                        .map(|m| format!("{m:.2} ({})", row.evaluations))
                        .unwrap_or_default(),
                }
            })
            .collect(),
    }
}
