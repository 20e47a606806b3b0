//! The certificate of completion as a one-page PDF (US Letter, landscape): the programme, the
//! participant's name, the event's title and kind, its date and time on the event's own clock,
//! the contact hours, who delivered it, and the verification code with the address to check it.

use crate::ServiceError;
use crate::pdf::{Document, Face, Paper};

/// The programme that issues certificates.
pub const PROGRAMME: &str = "Public Safety Partnership (PSP)";
/// What the programme delivers, printed under its name.
pub const PROGRAMME_LINE: &str = "Training and Technical Assistance";

/// Everything printed on one certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateContent {
    pub participant: String,
    pub agency: String,
    /// `Webinar`, `Training`, …
    pub kind_label: String,
    pub event_title: String,
    /// `Tue 9 Mar 2027, 10:00–11:30 CST`: on the event's clock.
    pub when: String,
    /// `1.5 contact hours`.
    pub hours: String,
    /// `Dana Whitfield, Southwest Violence Reduction Institute`, or empty.
    pub delivered_by: String,
    /// `Memphis, TN`.
    pub host_site: String,
    /// As printed: `K7QM-2XHD-9RTA-B4NW`.
    pub code: String,
    /// `https://tta.example.gov/certificates/verify/K7QM-2XHD-9RTA-B4NW`.
    pub verify_url: String,
    /// `Tue 9 Mar 2027`.
    pub issued_on: String,
}

/// The certificate's PDF bytes.
pub fn render(content: &CertificateContent) -> Result<Vec<u8>, ServiceError> {
    let mut doc = Document::new(
        &format!("Certificate of completion: {}", content.participant),
        Paper::LetterLandscape,
    )?;
    let (width, height) = doc.size();
    doc.frame(30.0, 30.0, width - 60.0, height - 60.0, 3.0);
    doc.frame(40.0, 40.0, width - 80.0, height - 80.0, 0.75);
    let inner = width - 160.0;

    doc.centred(height - 95.0, Face::Bold, 14.0, PROGRAMME);
    doc.centred(height - 113.0, Face::Regular, 11.0, PROGRAMME_LINE);
    doc.centred(
        height - 165.0,
        Face::Bold,
        34.0,
        "Certificate of Completion",
    );
    doc.centred(height - 205.0, Face::Italic, 14.0, "This certifies that");
    let name = doc.fit(Face::Bold, 28.0, &content.participant, inner);
    doc.centred(height - 245.0, Face::Bold, 28.0, &name);
    doc.line(
        (width / 2.0 - 200.0, height - 256.0),
        (width / 2.0 + 200.0, height - 256.0),
        0.75,
    );
    if !content.agency.is_empty() {
        let agency = doc.fit(Face::Regular, 12.0, &content.agency, inner);
        doc.centred(height - 274.0, Face::Regular, 12.0, &agency);
    }
    doc.centred(
        height - 305.0,
        Face::Italic,
        14.0,
        &format!(
            "attended and completed the {}",
            content.kind_label.to_lowercase()
        ),
    );
    let mut y = height - 338.0;
    for line in doc
        .wrap(Face::Bold, 20.0, &content.event_title, inner)
        .into_iter()
        .take(2)
    {
        doc.centred(y, Face::Bold, 20.0, &line);
        y -= 25.0;
    }
    y -= 4.0;
    doc.centred(y, Face::Regular, 12.0, &content.when);
    y -= 18.0;
    doc.centred(
        y,
        Face::Regular,
        12.0,
        &format!("{} · Hosted by {}", content.hours, content.host_site),
    );
    if !content.delivered_by.is_empty() {
        y -= 18.0;
        let by = doc.fit(
            Face::Regular,
            12.0,
            &format!("Delivered by {}", content.delivered_by),
            inner,
        );
        doc.centred(y, Face::Regular, 12.0, &by);
    }

    doc.line((80.0, 118.0), (width - 80.0, 118.0), 0.5);
    doc.text(
        80.0,
        98.0,
        Face::Bold,
        11.0,
        &format!("Verification code: {}", content.code),
    );
    let url = doc.fit(
        Face::Regular,
        10.0,
        &format!("Check it at {}", content.verify_url),
        inner,
    );
    doc.text(80.0, 82.0, Face::Regular, 10.0, &url);
    let issued = format!("Issued {}", content.issued_on);
    let issued_width = doc.width(Face::Regular, 10.0, &issued);
    doc.text(
        width - 80.0 - issued_width,
        98.0,
        Face::Regular,
        10.0,
        &issued,
    );
    Ok(doc.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_renders_as_a_pdf() {
        let bytes = render(&CertificateContent {
            participant: "Ana Ruiz".into(),
            agency: "Memphis Police Department".into(),
            kind_label: "Webinar".into(),
            event_title: "Crime gun intelligence 101".into(),
            when: "Tue 9 Mar 2027, 10:00–11:30 CST".into(),
            hours: "1.5 contact hours".into(),
            delivered_by: "Dana Whitfield, Southwest Violence Reduction Institute".into(),
            host_site: "Memphis, TN".into(),
            code: "K7QM-2XHD-9RTA-B4NW".into(),
            verify_url: "http://127.0.0.1:3000/certificates/verify/K7QM-2XHD-9RTA-B4NW".into(),
            issued_on: "Tue 9 Mar 2027".into(),
        })
        .unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
