//! What the printable summary of the semiannual TTA report receives: the period, the overall
//! figures, the totals per TTA type, site and PSP core area (each drawn as a bar chart with the
//! same figures as a table), and one line per delivery. Figures are already written out; the
//! downloads (CSV, XLSX) carry every column.

use serde::{Deserialize, Serialize};

/// The summary page of one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TtaReportView {
    /// The period as typed back into the form (`YYYY-MM-DD`).
    pub from: String,
    pub to: String,
    /// `1 Jan 2027 – 30 Jun 2027`.
    pub period_label: String,
    pub deliveries: i64,
    pub participants: i64,
    /// Hours delivered, one decimal.
    pub hours: String,
    /// By TTA type, by site, by PSP core area.
    pub sections: Vec<TotalsSection>,
    pub rows: Vec<TtaLine>,
}

/// One table of totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotalsSection {
    pub title: String,
    pub lines: Vec<TotalLineView>,
}

/// One line of a totals table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotalLineView {
    pub label: String,
    pub deliveries: i64,
    pub participants: i64,
    pub hours: String,
}

/// One delivery, in short.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TtaLine {
    pub id: String,
    pub kind: String,
    pub title: String,
    /// `Tue 9 Mar 2027, 10:00–11:30 CST (America/Chicago)`, on the host site's clock.
    pub when: String,
    pub sites: String,
    pub participants: i64,
    pub providers: String,
    /// `4.50 (2)` or empty.
    pub rating: String,
}
