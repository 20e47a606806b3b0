//! PDF documents drawn with printpdf and the PDF standard fonts (Helvetica), so no font file
//! ships with the application: certificates of completion and printable sign-in sheets.
//!
//! [`Document`] is a small drawing surface in points (1/72 inch) with its origin at the bottom
//! left, as PDF has it: text at a place, centred or cut to a width, lines and rectangles, and
//! new pages. Widths are measured with the standard fonts' own glyph widths, so centring and
//! cutting are exact. Text is written in WinAnsi (Windows-1252), the standard fonts' encoding:
//! letters outside it (e.g. Vietnamese ễ) print as `?`, which is why names are also kept in
//! the verification page.

use printpdf::{
    BuiltinFont, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use crate::ServiceError;

/// A finished PDF with the name it is downloaded under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfFile {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// A paper size and orientation, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Paper {
    /// US Letter, 11 × 8.5 inches.
    LetterLandscape,
    /// US Letter, 8.5 × 11 inches.
    LetterPortrait,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Self::LetterLandscape => (792.0, 612.0),
            Self::LetterPortrait => (612.0, 792.0),
        }
    }
}

/// The faces a document uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    fn builtin(self) -> BuiltinFont {
        match self {
            Self::Regular => BuiltinFont::Helvetica,
            Self::Bold => BuiltinFont::HelveticaBold,
            Self::Italic => BuiltinFont::HelveticaOblique,
        }
    }

    fn index(self) -> usize {
        match self {
            Self::Regular => 0,
            Self::Bold => 1,
            Self::Italic => 2,
        }
    }
}

/// A document being drawn, page by page.
pub struct Document {
    title: String,
    paper: Paper,
    metrics: [ParsedFont; 3],
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
}

fn metrics_of(face: Face) -> Result<ParsedFont, ServiceError> {
    face.builtin().get_parsed_font().ok_or_else(|| {
        ServiceError::Internal(format!("the standard font {face:?} could not be read"))
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

impl Document {
    /// A document of one empty page.
    pub fn new(title: &str, paper: Paper) -> Result<Self, ServiceError> {
        Ok(Self {
            title: title.to_owned(),
            paper,
            metrics: [
                metrics_of(Face::Regular)?,
                metrics_of(Face::Bold)?,
                metrics_of(Face::Italic)?,
            ],
            pages: Vec::new(),
            ops: Vec::new(),
        })
    }

    /// Width and height of the page in points.
    pub fn size(&self) -> (f32, f32) {
        self.paper.size()
    }

    /// The width of `text` in `face` at `size` points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let font = &self.metrics[face.index()];
        let em = f32::from(font.units_per_em.max(1));
        let units: f32 = text
            .chars()
            .map(|c| {
                font.lookup_glyph_index(u32::from(c))
                    .and_then(|glyph| font.get_glyph_width(glyph))
                    .map_or(em / 2.0, f32::from)
            })
            .sum();
        units * size / em
    }

    /// `text` cut to `width` with an ellipsis when it is wider.
    pub fn fit(&self, face: Face, size: f32, text: &str, width: f32) -> String {
        if self.width(face, size, text) <= width {
            return text.to_owned();
        }
        let mut kept: String = text.to_owned();
        while !kept.is_empty() && self.width(face, size, &format!("{kept}…")) > width {
            kept.pop();
        }
        format!("{}…", kept.trim_end())
    }

    /// `text` broken into lines no wider than `width` at spaces (a word wider than the line is
    /// cut).
    pub fn wrap(&self, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(face, size, &candidate) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_owned();
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
            .into_iter()
            .map(|l| self.fit(face, size, &l, width))
            .collect()
    }

    /// `text` with its baseline starting at (`x`, `y`).
    pub fn text(&mut self, x: f32, y: f32, face: Face, size: f32, text: &str) {
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::Builtin(face.builtin()),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// `text` centred on the page with its baseline at `y`.
    pub fn centred(&mut self, y: f32, face: Face, size: f32, text: &str) {
        let (page_width, _) = self.size();
        let x = (page_width - self.width(face, size, text)) / 2.0;
        self.text(x.max(0.0), y, face, size, text);
    }

    /// A straight line `thickness` points wide.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32) {
        self.ops.extend([
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(from.0, from.1), point(to.0, to.1)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// The outline of a rectangle whose lower left corner is (`x`, `y`).
    pub fn frame(&mut self, x: f32, y: f32, width: f32, height: f32, thickness: f32) {
        self.ops.extend([
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        point(x, y),
                        point(x + width, y),
                        point(x + width, y + height),
                        point(x, y + height),
                    ],
                    is_closed: true,
                },
            },
        ]);
    }

    /// A filled light-grey band (a table's heading row), behind what is drawn after it.
    pub fn band(&mut self, x: f32, y: f32, width: f32, height: f32) {
        let grey = printpdf::Color::Greyscale(printpdf::Greyscale {
            percent: 0.9,
            icc_profile: None,
        });
        let black = printpdf::Color::Greyscale(printpdf::Greyscale {
            percent: 0.0,
            icc_profile: None,
        });
        self.ops.extend([
            Op::SetFillColor { col: grey },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(width),
                    height: Pt(height),
                    mode: Some(printpdf::PaintMode::Fill),
                    winding_order: None,
                },
            },
            Op::SetFillColor { col: black },
        ]);
    }

    /// Ends the current page and starts a new one.
    pub fn new_page(&mut self) {
        let (width, height) = self.size();
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(PdfPage::new(mm(width), mm(height), ops));
    }

    /// The finished document's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        self.new_page();
        let mut warnings = Vec::new();
        let mut document = PdfDocument::new(&self.title);
        document
            .with_pages(std::mem::take(&mut self.pages))
            .save(&PdfSaveOptions::default(), &mut warnings)
    }
}

fn mm(points: f32) -> Mm {
    Mm(points * 25.4 / 72.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size_and_fit_cuts_with_an_ellipsis() {
        let doc = Document::new("t", Paper::LetterPortrait).unwrap();
        let short = doc.width(Face::Regular, 12.0, "Hello");
        assert!(short > 20.0 && short < 35.0, "{short}");
        assert!(doc.width(Face::Regular, 24.0, "Hello") > short * 1.9);
        assert!(doc.width(Face::Bold, 12.0, "Hello") > short);
        let cut = doc.fit(Face::Regular, 12.0, "A rather long title for a cell", 60.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(doc.width(Face::Regular, 12.0, &cut) <= 60.0);
        let lines = doc.wrap(Face::Regular, 12.0, "one two three four five six", 60.0);
        assert!(lines.len() > 1, "{lines:?}");
    }

    #[test]
    fn a_document_is_a_pdf_with_a_page_per_new_page() {
        let mut doc = Document::new("Test", Paper::LetterLandscape).unwrap();
        doc.centred(300.0, Face::Bold, 20.0, "Certificate");
        doc.frame(36.0, 36.0, 720.0, 540.0, 2.0);
        doc.new_page();
        doc.text(72.0, 700.0, Face::Regular, 12.0, "Second");
        let bytes = doc.finish();
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
