//! The public check of a certificate of completion's verification code
//! (`/certificates/verify/<code>`): valid, revoked or unknown, with only the participant's
//! name, the event and its date — nothing more personal.

use serde::{Deserialize, Serialize};

/// The answer for one typed code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateCheck {
    /// The code as printed (`K7QM-2XHD-9RTA-B4NW`), or as typed when it cannot be one.
    pub code: String,
    /// `valid`, `revoked` or `unknown`.
    pub status: String,
    /// Whether the certificate is genuine and in force.
    pub valid: bool,
    /// A sentence for the reader: `Valid: this certificate was issued by …`.
    pub message: String,
    /// The participant's name (known codes only).
    pub name: Option<String>,
    /// `Webinar: Crime gun intelligence 101` (known codes only).
    pub event: Option<String>,
    /// The event's date(s) on its own clock: `Tue 9 Mar 2027` (known codes only).
    pub date: Option<String>,
}
