//! The sign-in sheet as a printable PDF (US Letter, portrait): the event's heading, then every
//! participant with a seat by name with their agency, job role and an empty signature column,
//! the heading row repeated on each page, and a few blank rows for walk-ins. For the event's
//! coordinator and provider, who run the sign-in.

use super::access::roster_event;
use crate::ServiceError;
use crate::access::Actor;
use crate::accounts::Role;
use crate::pdf::{Document, Face, Paper, PdfFile};
use crate::{Database, events::sign_in_sheet};

/// Blank rows after the last name, for people who come without registering.
const WALK_IN_ROWS: usize = 5;
const MARGIN: f32 = 40.0;
const ROW: f32 = 26.0;
/// Column starts (from the left margin) and the page's text size.
const COLUMNS: [(&str, f32); 4] = [
    ("Name", 0.0),
    ("Agency", 150.0),
    ("Job role", 300.0),
    ("Signature", 410.0),
];
const SIZE: f32 = 10.0;

/// The sheet of `event_id` as a PDF. The event's coordinator or provider; a host site's
/// contact (who sees the HTML sheet) gets 403, anyone else 404.
pub async fn sign_in_sheet_pdf(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<PdfFile, ServiceError> {
    actor.require(&[Role::Coordinator, Role::Admin, Role::Provider])?;
    let (event, reach) = roster_event(db, actor, event_id).await?;
    if !reach.attendance {
        return Err(ServiceError::Forbidden(
            "Only the event's coordinator or provider can print its sign-in sheet.".to_owned(),
        ));
    }
    let sheet = sign_in_sheet(db, actor, event_id).await?;
    let mut doc = Document::new(
        &format!("Sign-in sheet: {}", sheet.title),
        Paper::LetterPortrait,
    )?;
    let (width, height) = doc.size();
    let table_width = width - 2.0 * MARGIN;

    let title = doc.fit(
        Face::Bold,
        16.0,
        &format!("Sign-in sheet: {}", sheet.title),
        table_width,
    );
    doc.text(MARGIN, height - 56.0, Face::Bold, 16.0, &title);
    let line = doc.fit(
        Face::Regular,
        SIZE,
        &format!(
            "{} · {} · {}",
            sheet.kind_label, sheet.when, sheet.host_site
        ),
        table_width,
    );
    doc.text(MARGIN, height - 74.0, Face::Regular, SIZE, &line);
    let mut top = height - 88.0;
    if !sheet.location.is_empty() {
        let place = doc.fit(Face::Regular, SIZE, &sheet.location, table_width);
        doc.text(MARGIN, top, Face::Regular, SIZE, &place);
        top -= 14.0;
    }
    top -= 8.0;

    let rows = sheet.lines.len() + WALK_IN_ROWS;
    let mut y = heading(&mut doc, top, table_width);
    let mut page = 1;
    for index in 0..rows {
        if y - ROW < MARGIN + 20.0 {
            footer(&mut doc, page, &event.title);
            doc.new_page();
            page += 1;
            y = heading(&mut doc, height - MARGIN, table_width);
        }
        if let Some(person) = sheet.lines.get(index) {
            let cells = [&person.name, &person.agency, &person.job_role];
            for (n, cell) in cells.into_iter().enumerate() {
                let room = COLUMNS[n + 1].1 - COLUMNS[n].1 - 8.0;
                let text = doc.fit(Face::Regular, SIZE, cell, room);
                doc.text(
                    MARGIN + COLUMNS[n].1 + 4.0,
                    y - 16.0,
                    Face::Regular,
                    SIZE,
                    &text,
                );
            }
            if !person.note.is_empty() {
                doc.text(
                    MARGIN + COLUMNS[3].1 + 4.0,
                    y - 16.0,
                    Face::Italic,
                    8.0,
                    &person.note,
                );
            }
        }
        y -= ROW;
        doc.line((MARGIN, y), (MARGIN + table_width, y), 0.5);
    }
    footer(&mut doc, page, &event.title);
    Ok(PdfFile {
        filename: format!("sign-in-sheet-event-{}.pdf", event.id),
        bytes: doc.finish(),
    })
}

/// The table's heading row with its top at `top`; returns where the first row starts.
fn heading(doc: &mut Document, top: f32, table_width: f32) -> f32 {
    doc.band(MARGIN, top - ROW, table_width, ROW);
    for (label, x) in COLUMNS {
        doc.text(MARGIN + x + 4.0, top - 17.0, Face::Bold, SIZE, label);
    }
    doc.line((MARGIN, top), (MARGIN + table_width, top), 0.75);
    doc.line((MARGIN, top - ROW), (MARGIN + table_width, top - ROW), 0.75);
    top - ROW
}

fn footer(doc: &mut Document, page: usize, title: &str) {
    let text = doc.fit(Face::Regular, 8.0, &format!("{title} · page {page}"), 400.0);
    doc.text(MARGIN, MARGIN - 10.0, Face::Regular, 8.0, &text);
}
