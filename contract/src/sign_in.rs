//! OpenID Connect sign-in as both sides see it: the buttons of the log-in page and why a sign-in
//! was refused. The server sends the browser back to `/login?oidc_error=<code>`; the page shows
//! [`refusal_message`] of the code (the one place these sentences live).

use serde::{Deserialize, Serialize};

/// The query parameter that carries a refusal's code to the log-in page.
pub const REFUSAL_PARAM: &str = "oidc_error";

/// One "Sign in with …" button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInButton {
    /// The provider's configured name, part of its addresses (`/auth/oidc/<name>/start`).
    pub name: String,
    /// e.g. `Login.gov`.
    pub label: String,
}

impl SignInButton {
    /// Where the button leads, with the page to return to after signing in.
    pub fn start_path(&self, next: &str) -> String {
        let mut path = format!("/auth/oidc/{}/start", self.name);
        if !next.is_empty() {
            path.push_str("?next=");
            path.push_str(&encode_query_value(next));
        }
        path
    }
}

fn encode_query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Why an OpenID Connect sign-in was refused; each is audited with its [`Refusal::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No provider of that name is configured.
    UnknownProvider,
    /// The callback's `state` is not the one this browser started with, or is unknown.
    StateMismatch,
    /// The sign-in attempt was started too long ago.
    AttemptExpired,
    /// The callback of an attempt already used came again (a replayed code).
    Replayed,
    /// The provider answered with an error (the person cancelled, or it refused).
    ProviderDenied,
    /// The provider did not accept the code (used already, expired, or not for this client).
    CodeRefused,
    /// The ID token's `nonce` is not the attempt's.
    WrongNonce,
    /// The ID token had expired.
    TokenExpired,
    /// The ID token's signature, issuer or audience did not verify.
    TokenInvalid,
    /// The provider did not share an e-mail address.
    NoEmail,
    /// The e-mail address is not verified by the provider.
    EmailUnverified,
    /// Neither an account nor an invitation has this e-mail address.
    NoAccount,
    /// The account is deactivated.
    AccountInactive,
    /// The account is already linked to another identity at this provider.
    LinkedElsewhere,
    /// The provider could not be reached or answered unreadably.
    ProviderUnavailable,
}

impl Refusal {
    pub const ALL: [Refusal; 15] = [
        Refusal::UnknownProvider,
        Refusal::StateMismatch,
        Refusal::AttemptExpired,
        Refusal::Replayed,
        Refusal::ProviderDenied,
        Refusal::CodeRefused,
        Refusal::WrongNonce,
        Refusal::TokenExpired,
        Refusal::TokenInvalid,
        Refusal::NoEmail,
        Refusal::EmailUnverified,
        Refusal::NoAccount,
        Refusal::AccountInactive,
        Refusal::LinkedElsewhere,
        Refusal::ProviderUnavailable,
    ];

    /// The short code in the log-in page's address and the audit log.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::UnknownProvider => "unknown_provider",
            Refusal::StateMismatch => "state_mismatch",
            Refusal::AttemptExpired => "attempt_expired",
            Refusal::Replayed => "replayed",
            Refusal::ProviderDenied => "provider_denied",
            Refusal::CodeRefused => "code_refused",
            Refusal::WrongNonce => "wrong_nonce",
            Refusal::TokenExpired => "token_expired",
            Refusal::TokenInvalid => "token_invalid",
            Refusal::NoEmail => "no_email",
            Refusal::EmailUnverified => "email_unverified",
            Refusal::NoAccount => "no_account",
            Refusal::AccountInactive => "account_inactive",
            Refusal::LinkedElsewhere => "linked_elsewhere",
            Refusal::ProviderUnavailable => "provider_unavailable",
        }
    }

    pub fn from_code(code: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.code() == code)
    }

    /// What the person reads on the log-in page.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::UnknownProvider => {
                "That sign-in service is not set up here. Use one of the sign-in buttons below."
            }
            Refusal::StateMismatch => {
                "This sign-in did not start in this browser, so it was refused. Start again with \
                 the sign-in button below."
            }
            Refusal::AttemptExpired => {
                "This sign-in took longer than 10 minutes, so it was refused. Start again with the \
                 sign-in button below."
            }
            Refusal::Replayed => {
                "This sign-in response was already used: each one works once, so it was refused. \
                 Start again with the sign-in button below."
            }
            Refusal::ProviderDenied => {
                "The sign-in was cancelled or refused by the identity provider. Start again with \
                 the sign-in button below."
            }
            Refusal::CodeRefused => {
                "The identity provider did not accept this sign-in's code (it may have been used \
                 already or have expired), so nobody was signed in. Start again with the sign-in \
                 button below."
            }
            Refusal::WrongNonce => {
                "The identity provider's answer did not belong to this sign-in (its nonce did not \
                 match), so it was refused. Start again with the sign-in button below."
            }
            Refusal::TokenExpired => {
                "The identity provider's ID token had already expired when it arrived, so it was \
                 refused. Start again with the sign-in button below."
            }
            Refusal::TokenInvalid => {
                "The identity provider's ID token could not be verified, so it was refused. Start \
                 again, and tell the programme's administrator if this happens again."
            }
            Refusal::NoEmail => {
                "The identity provider did not share your e-mail address, which is needed to find \
                 your account. Allow it to share your e-mail address and sign in again."
            }
            Refusal::EmailUnverified => {
                "The identity provider has not verified your e-mail address, so it cannot be \
                 matched to your account or invitation. Verify it with the provider, then sign in \
                 again."
            }
            Refusal::NoAccount => {
                "There is no account or invitation for the e-mail address your identity provider \
                 gave. Ask a coordinator to invite you with that address, then sign in again."
            }
            Refusal::AccountInactive => {
                "Your account is deactivated. Ask the programme's administrator to restore it."
            }
            Refusal::LinkedElsewhere => {
                "Your account is already linked to another identity at this provider. Sign in \
                 with that identity, or ask the programme's administrator for help."
            }
            Refusal::ProviderUnavailable => {
                "The identity provider could not be reached. Try again in a few minutes, or log \
                 in with your password if you have one."
            }
        }
    }
}

/// The sentence for a refusal code in the log-in page's address (`None` for an unknown code).
pub fn refusal_message(code: &str) -> Option<&'static str> {
    Refusal::from_code(code).map(Refusal::message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_its_refusal() {
        for refusal in Refusal::ALL {
            assert_eq!(Refusal::from_code(refusal.code()), Some(refusal));
        }
        assert_eq!(refusal_message("nonsense"), None);
    }

    #[test]
    fn the_start_path_carries_the_page_to_return_to() {
        let button = SignInButton {
            name: "logingov".to_owned(),
            label: "Login.gov".to_owned(),
        };
        assert_eq!(button.start_path(""), "/auth/oidc/logingov/start");
        assert_eq!(
            button.start_path("/requests?status=open&x=1"),
            "/auth/oidc/logingov/start?next=/requests%3Fstatus%3Dopen%26x%3D1"
        );
    }
}
