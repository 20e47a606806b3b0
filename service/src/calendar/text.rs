//! Content-line helpers of RFC 5545: TEXT escaping (§3.3.11) and folding at 75 octets (§3.1).

/// Escapes a TEXT value: backslash, semicolon, comma and newlines; carriage returns and other
/// control characters (forbidden in TEXT) are dropped.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (e.g. `CN`), always quoted; double quotes and control characters, which a
/// quoted parameter cannot hold, are dropped.
pub(crate) fn quote_param(value: &str) -> String {
    let inner: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{inner}\"")
}

/// Folds one content line into physical lines of at most 75 octets, each ended by CRLF;
/// continuation lines start with a space. Never splits a UTF-8 character.
pub fn fold_line(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_specials() {
        assert_eq!(
            escape_text("a\\b;c,d\r\ne\u{7}"),
            "a\\\\b\\;c\\,d\\ne".to_owned()
        );
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold_line(&line);
        assert!(folded.ends_with("\r\n"));
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(fold_line("BEGIN:VEVENT"), "BEGIN:VEVENT\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(fold_line(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn quoted_parameters_lose_quotes() {
        assert_eq!(quote_param("Dana \"DJ\" Lee"), "\"Dana DJ Lee\"");
    }
}
