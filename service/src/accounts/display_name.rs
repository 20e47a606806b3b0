//! A person's display name as a parsed value: what greetings, lists, pages and the `To:` header
//! of every e-mail show.
//!
//! A name is one line of visible text. Line breaks and other control characters are refused where
//! a name enters (accepting an invitation, creating an account): in a header they would end the
//! line and start another (`Bcc: …`), and lettre refuses to format them at all. Names stored
//! before this rule existed are made safe again where a header is written (`mail::header_text`).

use std::fmt;

use crate::ServiceError;

/// A trimmed name of 1–200 characters without line breaks, control or bidirectional-override
/// characters.
#[derive(Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(text: &str) -> Result<Self, ServiceError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ServiceError::Invalid("Enter your name.".to_owned()));
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(ServiceError::Invalid(format!(
                "The name is too long: at most {} characters.",
                Self::MAX_CHARS
            )));
        }
        if text.chars().any(is_forbidden) {
            return Err(ServiceError::Invalid(
                "Type the name on one line, without line breaks, tabs or other control \
                 characters."
                    .to_owned(),
            ));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Control characters (C0, DEL, C1: line breaks and tabs among them), the Unicode line and
/// paragraph separators, and the bidirectional overrides and isolates that make text read
/// differently from how it is stored.
fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DisplayName({:?})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_keeps_ordinary_names() {
        for name in [
            "Ana López",
            "O'Brien-Smith, Jr.",
            "李小龙",
            "Zoë \"Z\" Okafor",
        ] {
            assert_eq!(
                DisplayName::parse(&format!("  {name} ")).unwrap().as_str(),
                name
            );
        }
    }

    #[test]
    fn refuses_header_injection_and_control_characters() {
        for name in [
            "Probe \"><img src=x>\r\nBcc: x@evil.example",
            "Line\nbreak",
            "Carriage\rreturn",
            "Tab\there",
            "Nul\0byte",
            "Next\u{85}line",
            "Line\u{2028}separator",
            "Bidi\u{202E}override",
        ] {
            let error = DisplayName::parse(name).unwrap_err();
            assert!(
                matches!(&error, ServiceError::Invalid(m) if m.contains("one line")),
                "{name:?}: {error}"
            );
        }
    }

    #[test]
    fn refuses_empty_and_overlong_names() {
        assert!(DisplayName::parse(" \t ").is_err());
        assert!(DisplayName::parse(&"x".repeat(200)).is_ok());
        assert!(DisplayName::parse(&"x".repeat(201)).is_err());
    }
}
