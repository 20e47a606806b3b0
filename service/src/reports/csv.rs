//! CSV (RFC 4180) for a report table: comma-separated, CRLF line ends, fields with commas,
//! quotes or line breaks quoted, and a leading `=`, `+`, `-` or `@` neutralised so spreadsheets
//! never run a cell as a formula.

use super::table::Table;

/// The whole table as CSV, heading row first.
pub fn to_csv(table: &Table) -> String {
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let fields: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    line(&table.columns);
    for row in &table.rows {
        line(row);
    }
    out
}

fn field(text: &str) -> String {
    let neutral = if text.starts_with(['=', '+', '@'])
        || (text.starts_with('-') && text.parse::<f64>().is_err())
    {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if neutral.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_quoting_and_defuses_formulas() {
        let table = Table {
            title: "t".into(),
            columns: vec!["Site".into(), "Sessions".into()],
            rows: vec![
                vec!["Baton Rouge, LA".into(), "3".into()],
                vec!["Say \"hi\"".into(), "-2".into()],
                vec!["=HYPERLINK(\"x\")".into(), "0".into()],
            ],
            chart_column: Some(1),
        };
        assert_eq!(
            to_csv(&table),
            "Site,Sessions\r\n\"Baton Rouge, LA\",3\r\n\"Say \"\"hi\"\"\",-2\r\n\"'=HYPERLINK(\"\"x\"\")\",0\r\n"
        );
    }
}
