//! The log-in page's "Sign in with …" buttons: the configured OpenID Connect providers (public:
//! the page is for people who are not logged in yet).

use contract::sign_in::SignInButton;
use leptos::prelude::*;

/// One button per configured provider (none when OpenID Connect is not set up).
#[server(endpoint = "auth/sign_in_options")]
pub async fn sign_in_options() -> Result<Vec<SignInButton>, ServerFnError> {
    let settings = super::context::account_settings()?;
    Ok(settings.oidc.buttons())
}
