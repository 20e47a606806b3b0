//! The configured OpenID Connect providers and which roles must sign in through one.

use std::fmt;

use contract::sign_in::SignInButton;

use crate::accounts::Role;

/// How the client proves who it is at the token endpoint.
#[derive(Clone)]
pub enum ClientAuth {
    /// `client_secret_basic`.
    ClientSecret(String),
    /// `private_key_jwt` (RFC 7523): a JWT signed with RS256 by this PEM private key (PKCS#1 or
    /// PKCS#8), as Login.gov requires.
    PrivateKeyJwt { pem: String },
}

impl fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientAuth::ClientSecret(_) => f.write_str("ClientSecret(***)"),
            ClientAuth::PrivateKeyJwt { .. } => f.write_str("PrivateKeyJwt(***)"),
        }
    }
}

/// One provider.
#[derive(Clone, Debug)]
pub struct OidcProvider {
    /// Lower-case letters, digits and `-`; part of the callback address.
    pub name: String,
    /// Shown on the button: "Sign in with <label>".
    pub label: String,
    /// Discovery reads `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub auth: ClientAuth,
    /// Sent as `acr_values` (space-separated) when not empty.
    pub acr_values: Vec<String>,
    /// Scopes besides `openid`; `email` by default.
    pub scopes: Vec<String>,
}

/// Every provider, and the roles refused a password log-in.
#[derive(Clone, Debug, Default)]
pub struct OidcSettings {
    pub providers: Vec<OidcProvider>,
    /// People with these roles must sign in through a provider.
    pub required_roles: Vec<Role>,
    /// Base of the callback address (`TTA_PUBLIC_URL`), e.g. `https://tta.example.gov`.
    pub public_url: String,
}

impl OidcSettings {
    pub fn provider(&self, name: &str) -> Option<&OidcProvider> {
        self.providers.iter().find(|p| p.name == name)
    }

    /// The address the provider sends the browser back to (registered with the provider).
    pub fn redirect_uri(&self, provider: &OidcProvider) -> String {
        format!(
            "{}/auth/oidc/{}/callback",
            self.public_url.trim_end_matches('/'),
            provider.name
        )
    }

    /// The log-in page's buttons, in configuration order.
    pub fn buttons(&self) -> Vec<SignInButton> {
        self.providers
            .iter()
            .map(|p| SignInButton {
                name: p.name.clone(),
                label: p.label.clone(),
            })
            .collect()
    }

    /// Whether people with `role` may not use a password.
    pub fn required_for(&self, role: Role) -> bool {
        !self.providers.is_empty() && self.required_roles.contains(&role)
    }

    /// The sentence for a password log-in refused to such a person, naming the buttons.
    pub fn required_message(&self) -> String {
        let labels: Vec<String> = self
            .providers
            .iter()
            .map(|p| format!("“Sign in with {}”", p.label))
            .collect();
        format!(
            "Your role signs in through an identity provider, not with a password. Use the {} \
             button below.",
            labels.join(" or ")
        )
    }
}

/// Whether `name` can be a provider's name (and so part of an address).
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 32
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
