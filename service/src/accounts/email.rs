//! E-mail addresses as a parsed value: trimmed, checked, with a lower-case key for uniqueness.

use std::fmt;

use crate::ServiceError;

/// A plausible e-mail address. Uniqueness is case-insensitive: see [`EmailAddress::normalized`].
#[derive(Clone, PartialEq, Eq)]
pub struct EmailAddress {
    display: String,
    normalized: String,
}

impl EmailAddress {
    pub const MAX_CHARS: usize = 254;

    /// Accepts `local@domain.tld` without spaces or angle brackets, at most 254 characters.
    pub fn parse(text: &str) -> Result<Self, ServiceError> {
        let text = text.trim();
        let invalid = |why: &str| {
            Err(ServiceError::Invalid(format!(
                "Enter an e-mail address like name@example.gov: {why}."
            )))
        };
        if text.is_empty() {
            return invalid("the address is empty");
        }
        if text.chars().count() > Self::MAX_CHARS {
            return invalid("the address is longer than 254 characters");
        }
        if text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\"[]\\".contains(c))
        {
            return invalid("it contains a space or a character not allowed in addresses");
        }
        let Some((local, domain)) = text.rsplit_once('@') else {
            return invalid("it has no @");
        };
        if local.is_empty() || local.contains('@') || local.chars().count() > 64 {
            return invalid("the part before the @ is missing or not valid");
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2
            || labels
                .iter()
                .any(|label| label.is_empty() || label.starts_with('-') || label.ends_with('-'))
        {
            return invalid("the part after the @ must be a domain such as example.gov");
        }
        Ok(Self {
            display: text.to_owned(),
            normalized: text.to_lowercase(),
        })
    }

    /// As typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.display
    }

    /// Lower-cased: the key under which the address is unique.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EmailAddress({})", self.display)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_normalises_case() {
        let email = EmailAddress::parse("  Ana.Lopez@Memphis.Gov ").unwrap();
        assert_eq!(email.as_str(), "Ana.Lopez@Memphis.Gov");
        assert_eq!(email.normalized(), "ana.lopez@memphis.gov");
    }

    #[test]
    fn refuses_implausible_addresses_with_a_reason() {
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.gov",
            "ana@gov",
            "a b@x.gov",
            "ana@x..gov",
            "a@-x.gov",
        ] {
            let err = EmailAddress::parse(bad).unwrap_err();
            assert!(err.is_client_error(), "{bad}");
            assert!(
                err.to_string().starts_with("Enter an e-mail address"),
                "{bad}"
            );
        }
        assert!(EmailAddress::parse(&format!("{}@x.gov", "a".repeat(250))).is_err());
    }
}
