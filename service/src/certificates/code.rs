//! Verification codes: 16 characters of Crockford's base32 (80 random bits), printed in groups
//! of four (`K7QM-2XHD-9RTA-B4NW`). Typing is forgiving: case, spaces and dashes are ignored,
//! and the letters Crockford reads as digits (O as 0, I and L as 1) are read so.

use crate::ServiceError;

/// Crockford's base32 alphabet: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The stored length of a code.
pub const CODE_LENGTH: usize = 16;

/// A new random code from the operating system's generator.
pub(crate) fn new_code() -> Result<String, ServiceError> {
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes)
        .map_err(|e| ServiceError::Internal(format!("the OS random generator failed: {e}")))?;
    // 80 bits, five at a time.
    let mut bits: u128 = 0;
    for byte in bytes {
        bits = (bits << 8) | u128::from(byte);
    }
    Ok((0..CODE_LENGTH)
        .rev()
        .map(|i| char::from(ALPHABET[usize::try_from((bits >> (i * 5)) & 31).unwrap_or(0)]))
        .collect())
}

/// The stored form of a typed code, or `None` when it cannot be one.
pub fn normalise(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    (code.len() == CODE_LENGTH && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// A stored code as printed: groups of four joined by dashes.
pub fn printed(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_distinct_and_read_back_however_typed() {
        let a = new_code().unwrap();
        let b = new_code().unwrap();
        assert_eq!(a.len(), CODE_LENGTH);
        assert_ne!(a, b);
        assert_eq!(normalise(&a).as_deref(), Some(a.as_str()));
        let shown = printed(&a);
        assert_eq!(shown.len(), 19);
        assert_eq!(
            normalise(&shown.to_lowercase()).as_deref(),
            Some(a.as_str())
        );
        assert_eq!(
            normalise(" k7qm-2xhd 9rta-b4nw ").as_deref(),
            Some("K7QM2XHD9RTAB4NW")
        );
        assert_eq!(
            normalise("OIL0-0000-0000-0000").as_deref(),
            Some("0110000000000000")
        );
        assert_eq!(normalise("too-short"), None);
        assert_eq!(normalise("UUUU-UUUU-UUUU-UUUU"), None);
    }
}
