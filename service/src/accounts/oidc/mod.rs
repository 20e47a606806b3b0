//! OpenID Connect sign-in (authorization code flow with PKCE, `state` and `nonce`), through the
//! `openidconnect` crate, for providers such as Login.gov.
//!
//! - [`settings`]: the configured providers (issuer, client id, `private_key_jwt` key or client
//!   secret, `acr_values`) and the roles that must sign in this way.
//! - [`protocol`]: discovery, the authorization URL, the code exchange with the client's
//!   authentication, ID token verification and the userinfo request. No database.
//! - [`client_assertion`]: the RS256 JWT of `private_key_jwt`.
//! - [`attempts`]: one row per sign-in under way, keyed by the SHA-256 of its `state`, used once.
//! - [`linking`]: from a verified identity to an account: by `sub` once linked; at the first
//!   sign-in only through a verified e-mail that matches an account or a pending invitation.
//! - [`sign_in`]: the two use cases the server's routes call, [`begin_sign_in`] and
//!   [`complete_sign_in`]; every refusal is audited.

pub mod attempts;
pub mod client_assertion;
pub mod linking;
pub mod protocol;
pub mod settings;
pub mod sign_in;

pub use contract::sign_in::{Refusal, SignInButton};
pub use settings::{ClientAuth, OidcProvider, OidcSettings};
pub use sign_in::{
    Callback, SignInRefused, SignInStart, SignedIn, begin_sign_in, complete_sign_in,
};

/// Audit actions of OpenID Connect sign-in.
pub mod action {
    pub const OIDC_SIGNED_IN: &str = "login.oidc_succeeded";
    pub const OIDC_REFUSED: &str = "login.oidc_refused";
    pub const OIDC_LINKED: &str = "account.oidc_linked";
    /// A password log-in refused because the person's role must use OpenID Connect.
    pub const PASSWORD_REFUSED_OIDC_REQUIRED: &str = "login.oidc_required";
}
