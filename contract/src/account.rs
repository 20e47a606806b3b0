//! What "My account", the second-factor log-in step and the administrator's two-factor page
//! show: read models built by `service::accounts::{my_account, two_factor}`.

use serde::{Deserialize, Serialize};

/// One live log-in session of the reader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginSessionRow {
    /// Opaque handle naming the session to end (not its id, not its token).
    pub handle: String,
    /// e.g. `Firefox on Windows`.
    pub device: String,
    /// The address it started from, when known.
    pub address: String,
    /// Started, in the reader's zone.
    pub created: String,
    /// Last request, in the reader's zone.
    pub last_seen: String,
    /// This browser.
    pub current: bool,
}

/// The reader's own account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub display_name: String,
    pub email: String,
    pub time_zone: String,
    /// An address waiting for its confirmation link, when a change was asked for.
    pub pending_email: Option<String>,
    pub two_factor_enabled: bool,
    /// Unused recovery codes left.
    pub recovery_codes_left: u32,
    /// The administrator requires a second factor for the reader's role.
    pub two_factor_required: bool,
    /// When required and not set up: the sentence saying until when the reader may wait.
    pub two_factor_deadline: Option<String>,
    pub sessions: Vec<LoginSessionRow>,
}

/// A second factor being set up: what an authenticator app needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentView {
    /// Base32 secret, in groups of four for typing.
    pub secret: String,
    /// `otpauth://totp/…` as the QR code holds it.
    pub uri: String,
    /// The QR code as an SVG document.
    pub qr_svg: String,
}

/// Who must use a second factor, set by an administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorPolicyView {
    pub required_for_staff: bool,
    pub grace_days: u32,
}

/// One person on the administrator's two-factor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorPersonRow {
    pub user_id: i32,
    pub display_name: String,
    pub email: String,
    pub role_label: String,
    pub enabled: bool,
}

/// The administrator's two-factor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorAdminView {
    pub policy: TwoFactorPolicyView,
    pub people: Vec<TwoFactorPersonRow>,
}
