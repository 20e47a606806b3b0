//! Passwords as a parsed value: 12–128 characters and not one of the common passwords.

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use crate::ServiceError;

/// The most common passwords, one a line (see the file's header for its source).
const COMMON_PASSWORDS_TEXT: &str = include_str!("common-passwords.txt");

static COMMON_PASSWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    COMMON_PASSWORDS_TEXT
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

/// A password acceptable for a new account. Its `Debug` never shows the text.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    /// Checks length (in characters, spaces count) and refuses common passwords
    /// case-insensitively. Not trimmed: what the person typed is the password.
    pub fn parse(text: &str) -> Result<Self, ServiceError> {
        let chars = text.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(ServiceError::Invalid(format!(
                "The password is too short: use at least {} characters (a few unrelated words \
                 make a long password that is easy to remember).",
                Self::MIN_CHARS
            )));
        }
        if chars > Self::MAX_CHARS {
            return Err(ServiceError::Invalid(format!(
                "The password is too long: use at most {} characters.",
                Self::MAX_CHARS
            )));
        }
        if is_common(text) {
            return Err(ServiceError::Invalid(
                "This password is one of the most commonly used passwords and easy to guess: \
                 choose another."
                    .to_owned(),
            ));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Whether `text` is on the common-password list (case-insensitively).
pub fn is_common(text: &str) -> bool {
    COMMON_PASSWORDS.contains(&text.to_lowercase())
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_at_least_a_thousand_passwords() {
        assert!(COMMON_PASSWORDS.len() >= 1000, "{}", COMMON_PASSWORDS.len());
        assert!(is_common("PASSWORD1234"));
        assert!(is_common("Qwerty123456"));
    }

    #[test]
    fn length_is_counted_in_characters() {
        assert!(Password::parse("short-pass1").is_err());
        assert!(Password::parse("ünïcödé-pässwörd").is_ok());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        let err = Password::parse(&"x".repeat(129)).unwrap_err();
        assert!(err.to_string().contains("at most 128"));
    }

    #[test]
    fn common_passwords_are_refused_with_a_reason() {
        let err = Password::parse("Password1234").unwrap_err();
        assert!(err.to_string().contains("most commonly used"));
        assert!(Password::parse("demo-password-2026").is_ok());
    }

    #[test]
    fn debug_hides_the_text() {
        let password = Password::parse("a secret long phrase").unwrap();
        assert_eq!(format!("{password:?}"), "Password(***)");
    }
}
