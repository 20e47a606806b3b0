//! Two-factor authentication with TOTP (RFC 6238) and recovery codes.
//!
//! - [`totp`]: codes, the ±1 step window, the `otpauth://` address and its QR code (pure).
//! - [`recovery`]: ten single-use recovery codes, stored as argon2id hashes.
//! - [`factor`]: a person's factor as stored; a code is accepted once (the newest step used is
//!   kept, and only a newer one passes).
//! - [`enrolment`]: setting a factor up, confirmed by a first code; every session ends.
//! - [`challenge`]: the log-in's pending second step (not a session), throttled like passwords.
//! - [`policy`]: required for administrators and coordinators when an administrator says so,
//!   after a grace period from first sign-in.
//! - [`admin`]: the administrator's overview and audited reset.
//!
//! The person's own set-up and switching off live in [`super::my_account::second_factor`].

pub mod admin;
pub mod challenge;
pub mod enrolment;
pub mod factor;
pub mod policy;
pub mod recovery;
pub mod totp;

/// Audit actions.
pub const ENABLED: &str = "two_factor.enabled";
pub const DISABLED: &str = "two_factor.disabled";
pub const RESET: &str = "two_factor.reset";

pub use challenge::{PendingLogin, Purpose, SecondStepError};
pub use policy::TwoFactorPolicy;
