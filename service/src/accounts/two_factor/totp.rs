//! TOTP codes (RFC 6238: HMAC-SHA1, six digits, 30-second steps) through `totp-rs`, the
//! `otpauth://` address authenticator apps read, and its QR code as SVG. Pure: no I/O but the
//! operating system's random generator for new secrets.

use std::fmt;

use totp_rs::{Algorithm, Secret, TOTP};

use crate::ServiceError;

/// Seconds per step.
pub const STEP_SECONDS: u64 = 30;
/// Digits per code.
pub const DIGITS: usize = 6;
/// Steps accepted either side of now (clock drift between the server and the phone).
pub const WINDOW_STEPS: i64 = 1;

/// The shared secret of one person's authenticator. Its `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(String);

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(***)")
    }
}

impl TotpSecret {
    /// 160 random bits (RFC 4226's recommended length), base32 without padding.
    pub fn generate() -> Result<Self, ServiceError> {
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes)
            .map_err(|e| ServiceError::Internal(format!("the OS random generator failed: {e}")))?;
        match Secret::Raw(bytes.to_vec()).to_encoded() {
            Secret::Encoded(text) => Ok(Self(text)),
            Secret::Raw(_) => Err(ServiceError::Internal(
                "the TOTP secret could not be encoded".to_owned(),
            )),
        }
    }

    /// A secret as stored.
    pub fn from_stored(text: &str) -> Self {
        Self(text.to_owned())
    }

    /// The base32 text (stored, and put in the `otpauth://` address).
    pub fn base32(&self) -> &str {
        &self.0
    }

    /// The base32 text in groups of four, for typing into an app by hand.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn totp(&self) -> Result<TOTP, ServiceError> {
        let bytes = Secret::Encoded(self.0.clone())
            .to_bytes()
            .map_err(|e| ServiceError::Internal(format!("stored TOTP secret: {e}")))?;
        TOTP::new(Algorithm::SHA1, DIGITS, 0, STEP_SECONDS, bytes)
            .map_err(|e| ServiceError::Internal(format!("TOTP parameters: {e}")))
    }

    /// The code at `unix_seconds`.
    pub fn code_at(&self, unix_seconds: u64) -> Result<String, ServiceError> {
        Ok(self.totp()?.generate(unix_seconds))
    }

    /// The step whose code is `code`, among the steps within [`WINDOW_STEPS`] of
    /// `unix_seconds` (the newest first); `None` when none matches. Compared in constant time.
    pub fn matching_step(
        &self,
        code: &TotpCode,
        unix_seconds: u64,
    ) -> Result<Option<i64>, ServiceError> {
        let totp = self.totp()?;
        let now_step = i64::try_from(unix_seconds / STEP_SECONDS).unwrap_or(i64::MAX);
        let mut found = None;
        for offset in (-WINDOW_STEPS..=WINDOW_STEPS).rev() {
            let step = now_step + offset;
            let Ok(at) = u64::try_from(step) else {
                continue;
            };
            let expected = totp.generate(at * STEP_SECONDS);
            if constant_time_eq(expected.as_bytes(), code.0.as_bytes()) && found.is_none() {
                found = Some(step);
            }
        }
        Ok(found)
    }

    /// `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            percent(issuer),
            percent(account),
            self.0,
            percent(issuer)
        )
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Percent-encoding of everything but RFC 3986's unreserved characters.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Six digits as typed (spaces allowed between them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotpCode(String);

impl TotpCode {
    /// `None` unless the text is six digits once spaces are removed.
    pub fn parse(text: &str) -> Option<Self> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        (digits.len() == DIGITS && digits.chars().all(|c| c.is_ascii_digit()))
            .then_some(Self(digits))
    }
}

/// The QR code of `text` as an SVG document (black on white, with its quiet zone).
pub fn qr_svg(text: &str) -> Result<String, ServiceError> {
    use qrcode::QrCode;
    use qrcode::render::svg;
    let code = QrCode::new(text.as_bytes())
        .map_err(|e| ServiceError::Internal(format!("QR code: {e}")))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32.
    const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_match_rfc_6238_test_vectors() {
        let secret = TotpSecret::from_stored(RFC_KEY);
        // The RFC's eight-digit values, last six digits.
        assert_eq!(secret.code_at(59).unwrap(), "287082");
        assert_eq!(secret.code_at(1_111_111_109).unwrap(), "081804");
        assert_eq!(secret.code_at(1_234_567_890).unwrap(), "005924");
        assert_eq!(secret.code_at(2_000_000_000).unwrap(), "279037");
    }

    #[test]
    fn one_step_either_side_is_accepted_and_two_are_not() {
        let secret = TotpSecret::generate().unwrap();
        let now = 1_800_000_015;
        let step = i64::try_from(now / STEP_SECONDS).unwrap();
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let at = u64::try_from(step + offset).unwrap() * STEP_SECONDS;
            let code = TotpCode::parse(&secret.code_at(at).unwrap()).unwrap();
            let found = secret.matching_step(&code, now).unwrap();
            assert_eq!(found.is_some(), accepted, "offset {offset}");
            if accepted {
                assert_eq!(found, Some(step + offset));
            }
        }
    }

    #[test]
    fn secrets_are_160_bits_and_the_uri_names_the_parameters() {
        let secret = TotpSecret::generate().unwrap();
        assert_eq!(secret.base32().len(), 32);
        assert_ne!(secret, TotpSecret::generate().unwrap());
        let uri = secret.otpauth_uri("TTA Scheduler", "ana@example.gov");
        assert!(uri.starts_with("otpauth://totp/TTA%20Scheduler:ana%40example.gov?secret="));
        assert!(uri.ends_with("&issuer=TTA%20Scheduler&algorithm=SHA1&digits=6&period=30"));
        assert_eq!(format!("{secret:?}"), "TotpSecret(***)");
        assert!(qr_svg(&uri).unwrap().contains("<svg"));
    }

    #[test]
    fn codes_are_six_digits() {
        assert!(TotpCode::parse("123 456").is_some());
        assert!(TotpCode::parse("12345").is_none());
        assert!(TotpCode::parse("abcdef").is_none());
    }
}
