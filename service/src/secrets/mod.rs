//! Secrets kept at rest (a provider's CalDAV password): sealed with authenticated encryption
//! under the installation's key, so a copy of the database alone does not give them away.
//!
//! - [`SecretKey`]: the installation key, 32 bytes, read from `TTA_SECRET_KEY` (base64) or the
//!   key file by the server at start-up; built only by parsing or generating, never printed.
//! - [`seal`] / [`open`]: XChaCha20-Poly1305 with a fresh random 192-bit nonce per value. The
//!   stored text says its format (`v1:` + base64 of nonce and ciphertext) and is bound to the
//!   place it is stored in (the associated data, e.g. `provider_calendar.password:42`), so a
//!   sealed value copied to another row or column does not open there.
//!
//! A value that does not open (another key, altered text, another row) is an [`Unopened`], which
//! the caller shows as "enter it again"; it is never a panic or a 500.

mod key;
mod seal;

pub use key::{KEY_BYTES, SecretKey, SecretKeyError};
pub use seal::{SEALED_PREFIX, Unopened, looks_sealed, open, seal};
