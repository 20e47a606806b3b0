//! Free text on its way into a header (a display name, a subject built from a request's title or
//! a site's name): always one line.
//!
//! Names are refused with line breaks where they enter ([`crate::accounts::DisplayName`]), but
//! titles, site and topic names, and rows written before that rule come from many places. A
//! line break in a header would end the header and start another (`Bcc: …`); lettre refuses to
//! format a display name containing one (it panicked inside `Mailbox`'s `Display`). So every
//! text is flattened here, both when a message is built and again when it is composed.

/// `text` on one line: every control character (line breaks and tabs among them), Unicode line
/// or paragraph separator and bidirectional override becomes a space; runs of white space
/// become one space; the ends are trimmed.
pub(crate) fn header_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() || is_unsafe(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_line_breaks_and_controls_to_single_spaces() {
        assert_eq!(
            header_text("Probe \"><img>\r\nBcc: x@evil.example"),
            "Probe \"><img> Bcc: x@evil.example"
        );
        assert_eq!(
            header_text("  a\t\tb\u{2028}c\u{0}d\u{202E}e  "),
            "a b c d e"
        );
        assert_eq!(header_text("\r\n"), "");
    }

    #[test]
    fn keeps_ordinary_text() {
        for text in [
            "Gun violence coaching — Memphis, TN",
            "Zoë O'Brien",
            "李小龙",
        ] {
            assert_eq!(header_text(text), text);
        }
    }
}
