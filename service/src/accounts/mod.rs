//! Accounts: who may log in, how, and for how long.
//!
//! - [`DisplayName`], [`EmailAddress`], [`Password`], [`Role`]: domain values built by parsing.
//! - [`hashing`]: argon2id (OWASP parameters) on a blocking thread.
//! - [`users`]: creating, finding, changing and deactivating accounts.
//! - [`login`] and [`throttle`]: verifying credentials, with failures counted per account and
//!   per IP address in the database so that every server instance sees them.
//! - [`sessions`]: random tokens whose SHA-256 is the key of a `login_session` row, with an idle
//!   timeout and an absolute lifetime.
//! - [`invitations`] and [`password_reset`]: single-use, expiring links sent by e-mail (written
//!   to the outbox with [`crate::mail::enqueue`] in the same transaction as the token); reset
//!   requests limited per client address and per account ([`ResetPolicy`]).
//! - [`oidc`]: OpenID Connect sign-in (Login.gov and others), linked by verified e-mail once.
//! - [`two_factor`]: TOTP second factor, recovery codes, the log-in's pending second step and
//!   the administrator's policy; [`my_account`]: a person's own password, e-mail address, name,
//!   zone, sessions and second factor.
//! - [`audit`]: the audit log of everything above.

pub mod audit;
mod display_name;
mod email;
pub mod hashing;
pub mod invitations;
pub mod login;
pub mod login_sessions;
pub mod my_account;
pub mod oidc;
mod password;
pub mod password_reset;
mod reset_policy;
mod role;
mod settings;
pub mod throttle;
pub(crate) mod tokens;
pub mod two_factor;
pub mod users;

pub use display_name::DisplayName;
pub use email::EmailAddress;
pub use login::{LoginAttempt, LoginError, LoginOutcome, log_in};
pub use login_sessions::{CurrentUser, SessionPolicy, SessionToken};
pub use password::Password;
pub use reset_policy::{ResetError, ResetPolicy};
pub use role::Role;
pub use settings::AccountSettings;
pub use throttle::ThrottlePolicy;

/// Where a request came from, for rate limiting and the audit log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientInfo {
    /// The peer's IP address, when known.
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}
