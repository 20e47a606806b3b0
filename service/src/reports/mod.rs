//! Reports for coordinators over a period: sessions delivered and scheduled per site, topic and
//! provider; request turnaround (submitted → approved); provider utilisation against weekly
//! capacity; feedback averages. Each report is a [`Table`] that pages render (with a chart) and
//! that exports as CSV. The funder's semiannual TTA report ([`tta`]) lists every TTA delivered,
//! as CSV and XLSX, with a printable summary.

mod csv;
mod queries;
mod table;
pub mod tta;

pub use csv::to_csv;
pub use queries::{Period, ReportKind, report};
pub use table::Table;
