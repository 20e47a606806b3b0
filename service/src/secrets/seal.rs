//! Sealing a secret for storage and opening it again.
//!
//! A sealed value is `v1:` followed by the standard base64 of the 24-byte nonce and the
//! XChaCha20-Poly1305 ciphertext (the plaintext's length plus a 16-byte tag). The version names
//! the format and the key it was sealed under (the installation key; a rotation would bring
//! `v2:`). The associated data names where the value is stored, so it opens only there.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::SecretKey;

/// How every value sealed by this version starts.
pub const SEALED_PREFIX: &str = "v1:";
const NONCE_BYTES: usize = 24;
const TAG_BYTES: usize = 16;

/// Why a stored value did not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unopened {
    /// Not a sealed value of a known version (e.g. a plaintext never sealed).
    #[error("the value is not sealed in a known format")]
    UnknownFormat,
    /// Cut short or not base64.
    #[error("the sealed value is damaged")]
    Damaged,
    /// Authentication failed: sealed under another key, altered, or sealed for another place.
    #[error("the sealed value does not open with this key here (another key, or altered)")]
    Rejected,
    /// It opened but is not text.
    #[error("the opened value is not text")]
    NotText,
}

fn cipher(key: &SecretKey) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&Key::from(*key.bytes()))
}

/// Seals `plaintext` for the place named by `bound_to` (e.g. `provider_calendar.password:42`).
/// Fails only when no random nonce can be drawn.
pub fn seal(key: &SecretKey, bound_to: &str, plaintext: &str) -> Result<String, String> {
    let mut nonce = [0_u8; NONCE_BYTES];
    getrandom::fill(&mut nonce).map_err(|e| format!("no random nonce: {e}"))?;
    let sealed = cipher(key)
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: plaintext.as_bytes(),
                aad: bound_to.as_bytes(),
            },
        )
        .map_err(|_| "the value could not be sealed".to_owned())?;
    let mut bytes = Vec::with_capacity(NONCE_BYTES + sealed.len());
    bytes.extend_from_slice(&nonce);
    bytes.extend_from_slice(&sealed);
    Ok(format!("{SEALED_PREFIX}{}", STANDARD.encode(bytes)))
}

/// Opens a value [`seal`]ed for `bound_to` under `key`.
pub fn open(key: &SecretKey, bound_to: &str, sealed: &str) -> Result<Zeroizing<String>, Unopened> {
    let encoded = sealed
        .strip_prefix(SEALED_PREFIX)
        .ok_or(Unopened::UnknownFormat)?;
    let bytes = STANDARD.decode(encoded).map_err(|_| Unopened::Damaged)?;
    if bytes.len() < NONCE_BYTES + TAG_BYTES {
        return Err(Unopened::Damaged);
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
    let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| Unopened::Damaged)?;
    let plain = Zeroizing::new(
        cipher(key)
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: bound_to.as_bytes(),
                },
            )
            .map_err(|_| Unopened::Rejected)?,
    );
    let text = std::str::from_utf8(&plain).map_err(|_| Unopened::NotText)?;
    Ok(Zeroizing::new(text.to_owned()))
}

/// Whether `value` has the form of a sealed value (it may still fail to open).
pub fn looks_sealed(value: &str) -> bool {
    value.starts_with(SEALED_PREFIX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key() -> SecretKey {
        SecretKey::parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap()
    }

    #[test]
    fn a_sealed_value_opens_where_it_was_sealed_and_hides_the_text() {
        let sealed = seal(&key(), "row:1", "correct horse").unwrap();
        assert!(sealed.starts_with("v1:"), "{sealed}");
        assert!(!sealed.contains("correct horse"));
        // 24 nonce + 13 text + 16 tag bytes.
        assert_eq!(STANDARD.decode(&sealed[3..]).unwrap().len(), 24 + 13 + 16);
        assert_eq!(
            open(&key(), "row:1", &sealed).unwrap().as_str(),
            "correct horse"
        );
        assert!(looks_sealed(&sealed));
        assert!(!looks_sealed("correct horse"));
    }

    #[test]
    fn every_seal_takes_a_fresh_nonce() {
        let a = seal(&key(), "row:1", "same").unwrap();
        let b = seal(&key(), "row:1", "same").unwrap();
        assert_ne!(a, b);
        assert_ne!(a[3..35], b[3..35]);
    }

    #[test]
    fn another_key_does_not_open_it() {
        let sealed = seal(&key(), "row:1", "secret").unwrap();
        let other = SecretKey::generate().unwrap();
        assert_eq!(
            open(&other, "row:1", &sealed).unwrap_err(),
            Unopened::Rejected
        );
    }

    #[test]
    fn a_value_copied_to_another_row_does_not_open_there() {
        let sealed = seal(&key(), "provider_calendar.password:1", "secret").unwrap();
        assert_eq!(
            open(&key(), "provider_calendar.password:2", &sealed).unwrap_err(),
            Unopened::Rejected
        );
    }

    #[test]
    fn any_altered_byte_is_refused() {
        let sealed = seal(&key(), "row:1", "secret").unwrap();
        let bytes = STANDARD.decode(&sealed[3..]).unwrap();
        for i in 0..bytes.len() {
            let mut altered = bytes.clone();
            altered[i] ^= 0x01;
            let text = format!("v1:{}", STANDARD.encode(&altered));
            assert_eq!(
                open(&key(), "row:1", &text).unwrap_err(),
                Unopened::Rejected,
                "byte {i}"
            );
        }
    }

    #[test]
    fn damaged_or_foreign_text_is_named_as_such() {
        assert_eq!(
            open(&key(), "r", "hunter2").unwrap_err(),
            Unopened::UnknownFormat
        );
        assert_eq!(
            open(&key(), "r", "v2:AAAA").unwrap_err(),
            Unopened::UnknownFormat
        );
        assert_eq!(open(&key(), "r", "v1:***").unwrap_err(), Unopened::Damaged);
        assert_eq!(open(&key(), "r", "v1:AAAA").unwrap_err(), Unopened::Damaged);
        let truncated = seal(&key(), "r", "secret").unwrap();
        assert_eq!(
            open(&key(), "r", &truncated[..truncated.len() - 8]).unwrap_err(),
            Unopened::Rejected
        );
    }

    #[test]
    fn empty_and_long_texts_round_trip() {
        for text in ["", "ü ☃ 🔑", &"x".repeat(10_000)] {
            let sealed = seal(&key(), "r", text).unwrap();
            assert_eq!(open(&key(), "r", &sealed).unwrap().as_str(), text);
        }
    }
}
