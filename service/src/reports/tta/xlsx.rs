//! The TTA report as an Excel workbook (rust_xlsxwriter): a "TTA delivered" sheet with one row
//! per delivery and typed cells — dates as dates (`yyyy-mm-dd`), times as times (`hh:mm`),
//! counts and hours as numbers, text as text (never run as a formula) — with a frozen heading
//! row and a filter; and a "Totals" sheet with the period and the totals per type, site and core
//! area.

use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::TtaReport;
use super::row::{COLUMNS, Cell};
use crate::ServiceError;

/// The workbook's bytes.
pub fn to_xlsx(report: &TtaReport) -> Result<Vec<u8>, ServiceError> {
    build(report).map_err(|e| ServiceError::Internal(format!("spreadsheet: {e}")))
}

fn build(report: &TtaReport) -> Result<Vec<u8>, XlsxError> {
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("hh:mm");
    let decimal = Format::new().set_num_format("0.00");
    let mut workbook = Workbook::new();

    let data = workbook.add_worksheet();
    data.set_name("TTA delivered")?;
    for (c, column) in COLUMNS.iter().enumerate() {
        data.write_string_with_format(0, col(c), column.name, &bold)?;
        data.set_column_width(col(c), (column.name.len() as f64).max(12.0))?;
    }
    for (r, row) in report.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.cells().into_iter().enumerate() {
            let c = col(c);
            match cell {
                Cell::Text(text) => {
                    data.write_string(r, c, text)?;
                }
                Cell::Date(day) => {
                    let value = ExcelDateTime::from_ymd(
                        u16::try_from(day.year()).unwrap_or(1900),
                        day.month() as u8,
                        day.day() as u8,
                    )?;
                    data.write_datetime_with_format(r, c, &value, &date)?;
                }
                Cell::Time(at) => {
                    let value = ExcelDateTime::from_hms(at.hour() as u16, at.minute() as u8, 0)?;
                    data.write_datetime_with_format(r, c, &value, &time)?;
                }
                Cell::Number(n) => {
                    data.write_number_with_format(r, c, n, &decimal)?;
                }
                Cell::Count(n) => {
                    data.write_number(r, c, n as f64)?;
                }
                Cell::Empty => {}
            }
        }
    }
    data.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(report.rows.len()).unwrap_or(u32::MAX);
    data.autofilter(0, 0, last_row, col(COLUMNS.len() - 1))?;

    let totals = workbook.add_worksheet();
    totals.set_name("Totals")?;
    write_totals(totals, report, &bold, &decimal)?;
    workbook.save_to_buffer()
}

fn write_totals(
    sheet: &mut Worksheet,
    report: &TtaReport,
    bold: &Format,
    decimal: &Format,
) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 14)?;
    sheet.set_column_width(3, 14)?;
    sheet.write_string_with_format(0, 0, "Semiannual TTA report", bold)?;
    sheet.write_string(1, 0, format!("Period: {}", report.period.label()))?;
    let mut r = 3;
    let overall = std::slice::from_ref(&report.totals.overall);
    let sections = std::iter::once(("Overall", overall)).chain(report.totals.sections());
    for (title, lines) in sections {
        sheet.write_string_with_format(r, 0, title, bold)?;
        sheet.write_string_with_format(r, 1, "Deliveries", bold)?;
        sheet.write_string_with_format(r, 2, "Participants", bold)?;
        sheet.write_string_with_format(r, 3, "Hours", bold)?;
        r += 1;
        for line in lines {
            sheet.write_string(r, 0, &line.label)?;
            sheet.write_number(r, 1, line.deliveries as f64)?;
            sheet.write_number(r, 2, line.participants as f64)?;
            sheet.write_number_with_format(r, 3, line.hours, decimal)?;
            r += 1;
        }
        r += 1;
    }
    Ok(())
}

fn col(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}
