//! The installation's secret key: 32 random bytes, written as standard base64.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use zeroize::Zeroizing;

/// Length of the key in bytes (XChaCha20-Poly1305 takes 256 bits).
pub const KEY_BYTES: usize = 32;

/// The key that seals secrets at rest. Cloning copies the bytes; every copy is wiped when
/// dropped. `Debug` never shows it and there is no `Display`.
#[derive(Clone)]
pub struct SecretKey(Zeroizing<[u8; KEY_BYTES]>);

/// Why a text is not a usable key. The message never quotes the text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SecretKeyError {
    #[error("is empty")]
    Empty,
    #[error("is not base64 (make one with: head -c 32 /dev/urandom | base64)")]
    NotBase64,
    #[error(
        "must be the base64 of exactly 32 bytes, got {0} bytes (make one with: head -c 32 /dev/urandom | base64)"
    )]
    WrongLength(usize),
    #[error("no random bytes could be drawn: {0}")]
    NoRandomness(String),
}

impl SecretKey {
    /// Parses the base64 of exactly 32 bytes (padding optional; surrounding white space, such as
    /// a key file's final newline, ignored).
    pub fn parse(text: &str) -> Result<Self, SecretKeyError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(SecretKeyError::Empty);
        }
        let decoded = Zeroizing::new(
            STANDARD
                .decode(text)
                .or_else(|_| STANDARD_NO_PAD.decode(text))
                .map_err(|_| SecretKeyError::NotBase64)?,
        );
        let bytes: [u8; KEY_BYTES] = decoded
            .as_slice()
            .try_into()
            .map_err(|_| SecretKeyError::WrongLength(decoded.len()))?;
        Ok(Self(Zeroizing::new(bytes)))
    }

    /// A new random key (the operating system's generator).
    pub fn generate() -> Result<Self, SecretKeyError> {
        let mut bytes = Zeroizing::new([0_u8; KEY_BYTES]);
        getrandom::fill(bytes.as_mut_slice())
            .map_err(|e| SecretKeyError::NoRandomness(e.to_string()))?;
        Ok(Self(bytes))
    }

    /// The key as standard base64, for writing the key file; [`SecretKey::parse`] reads it back.
    pub fn to_base64(&self) -> Zeroizing<String> {
        Zeroizing::new(STANDARD.encode(self.0.as_slice()))
    }

    pub(super) fn bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(hidden)")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const SAMPLE: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    #[test]
    fn the_base64_of_32_bytes_is_a_key_and_round_trips() {
        let key = SecretKey::parse(SAMPLE).unwrap();
        assert_eq!(key.bytes()[31], 31);
        assert_eq!(key.to_base64().as_str(), SAMPLE);
        let key = SecretKey::parse(&format!("  {}\n", SAMPLE.trim_end_matches('='))).unwrap();
        assert_eq!(key.to_base64().as_str(), SAMPLE);
    }

    #[test]
    fn anything_else_is_refused_with_a_reason_that_does_not_quote_it() {
        assert_eq!(SecretKey::parse(" \n").unwrap_err(), SecretKeyError::Empty);
        assert_eq!(
            SecretKey::parse("not base64!").unwrap_err(),
            SecretKeyError::NotBase64
        );
        let short = SecretKey::parse("c2hvcnQ=").unwrap_err();
        assert_eq!(short, SecretKeyError::WrongLength(5));
        assert!(!short.to_string().contains("c2hvcnQ"));
        let long = STANDARD.encode([7_u8; 33]);
        assert_eq!(
            SecretKey::parse(&long).unwrap_err(),
            SecretKeyError::WrongLength(33)
        );
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = SecretKey::parse(SAMPLE).unwrap();
        let shown = format!("{key:?} {:#?}", Some(key.clone()));
        assert!(!shown.contains(SAMPLE), "{shown}");
        assert!(!shown.contains("31"), "{shown}");
        assert!(shown.contains("hidden"));
    }

    #[test]
    fn generated_keys_differ_and_parse_back() {
        let a = SecretKey::generate().unwrap();
        let b = SecretKey::generate().unwrap();
        assert_ne!(a.bytes(), b.bytes());
        let again = SecretKey::parse(&a.to_base64()).unwrap();
        assert_eq!(again.bytes(), a.bytes());
    }
}
