//! A report table: a title, column headings and rows of text cells; the first numeric column
//! is what charts draw.

/// One report, ready to show or export.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Index of the column a bar chart draws (values parsed as numbers).
    pub chart_column: Option<usize>,
}
