//! The protocol with a provider, through `openidconnect`: discovery from the issuer URL, the
//! authorization URL (code flow, PKCE S256, `state`, `nonce`, `acr_values`), the code exchange
//! (client secret or `private_key_jwt`), ID token verification (signature by the provider's
//! published keys, issuer, audience, expiry, nonce) and, when the ID token carries no e-mail
//! address (Login.gov's does not), the userinfo request for the same subject.
//!
//! Outgoing requests follow no redirects (so a provider's answer cannot point this server
//! elsewhere) and give up after 15 seconds.

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AccessToken, AuthenticationContextClass, AuthorizationCode, ClaimsVerificationError, ClientId,
    ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse as _, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope, TokenResponse as _, reqwest,
};

use super::client_assertion::{ASSERTION_TYPE, client_assertion};
use super::settings::{ClientAuth, OidcProvider};
use contract::sign_in::Refusal;

/// Where to send the browser, and what the callback must find again.
#[derive(Clone, Debug)]
pub struct AuthorizationRequest {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Who the provider says signed in, after every check of the ID token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedIdentity {
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    /// A name to start an invited person's account with.
    pub name: Option<String>,
}

/// A failed step: the refusal shown to the person, and the detail for the log.
#[derive(Clone, Debug)]
pub struct ProtocolFailure {
    pub refusal: Refusal,
    pub detail: String,
}

impl ProtocolFailure {
    fn new(refusal: Refusal, detail: impl Into<String>) -> Self {
        Self {
            refusal,
            detail: detail.into(),
        }
    }

    fn unavailable(detail: impl std::fmt::Display) -> Self {
        Self::new(Refusal::ProviderUnavailable, detail.to_string())
    }
}

fn http_client() -> Result<reqwest::Client, ProtocolFailure> {
    reqwest::ClientBuilder::new()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .map_err(ProtocolFailure::unavailable)
}

async fn discover(
    provider: &OidcProvider,
    http: &reqwest::Client,
) -> Result<CoreProviderMetadata, ProtocolFailure> {
    let issuer = IssuerUrl::new(provider.issuer.clone()).map_err(ProtocolFailure::unavailable)?;
    CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(|e| ProtocolFailure::unavailable(format!("discovery: {e:?}")))
}

fn secret_of(provider: &OidcProvider) -> Option<ClientSecret> {
    match &provider.auth {
        ClientAuth::ClientSecret(secret) => Some(ClientSecret::new(secret.clone())),
        ClientAuth::PrivateKeyJwt { .. } => None,
    }
}

/// Discovers the provider and builds the authorization URL of a new attempt.
pub async fn authorization_request(
    provider: &OidcProvider,
    redirect_uri: &str,
) -> Result<AuthorizationRequest, ProtocolFailure> {
    let http = http_client()?;
    let metadata = discover(provider, &http).await?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        secret_of(provider),
    )
    .set_redirect_uri(
        RedirectUrl::new(redirect_uri.to_owned()).map_err(ProtocolFailure::unavailable)?,
    );
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for scope in &provider.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    for acr in &provider.acr_values {
        request = request.add_auth_context_value(AuthenticationContextClass::new(acr.clone()));
    }
    let (url, state, nonce) = request.url();
    Ok(AuthorizationRequest {
        url: url.to_string(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    })
}

/// The parts of the standard claims sign-in uses, from ID token claims or userinfo claims
/// (both have the same getters).
macro_rules! identity_of {
    ($subject:expr, $claims:expr) => {{
        let claims = $claims;
        let name = claims
            .name()
            .and_then(|names| names.get(None))
            .map(|name| name.as_str().to_owned())
            .or_else(|| {
                let given = claims.given_name().and_then(|n| n.get(None));
                let family = claims.family_name().and_then(|n| n.get(None));
                match (given, family) {
                    (Some(g), Some(f)) => Some(format!("{} {}", g.as_str(), f.as_str())),
                    (Some(g), None) => Some(g.as_str().to_owned()),
                    _ => None,
                }
            });
        VerifiedIdentity {
            subject: $subject.to_owned(),
            email: claims.email().map(|e| e.as_str().to_owned()),
            email_verified: claims.email_verified() == Some(true),
            name,
        }
    }};
}

/// Exchanges `code` (with the attempt's PKCE verifier), verifies the ID token against the
/// attempt's `nonce`, and reads the e-mail address (from the ID token, else from userinfo).
pub async fn redeem_code(
    provider: &OidcProvider,
    redirect_uri: &str,
    code: &str,
    pkce_verifier: &str,
    nonce: &str,
) -> Result<VerifiedIdentity, ProtocolFailure> {
    let http = http_client()?;
    let metadata = discover(provider, &http).await?;
    let token_endpoint = metadata
        .token_endpoint()
        .map(|url| url.as_str().to_owned())
        .ok_or_else(|| ProtocolFailure::unavailable("no token endpoint in discovery"))?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        secret_of(provider),
    )
    .set_redirect_uri(
        RedirectUrl::new(redirect_uri.to_owned()).map_err(ProtocolFailure::unavailable)?,
    );
    let mut request = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(ProtocolFailure::unavailable)?
        .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()));
    if let ClientAuth::PrivateKeyJwt { pem } = &provider.auth {
        let assertion = client_assertion(pem, &provider.client_id, &token_endpoint)
            .map_err(ProtocolFailure::unavailable)?;
        request = request
            .add_extra_param("client_assertion_type", ASSERTION_TYPE)
            .add_extra_param("client_assertion", assertion);
    }
    let response = request.request_async(&http).await.map_err(|e| match e {
        RequestTokenError::ServerResponse(answer) => {
            ProtocolFailure::new(Refusal::CodeRefused, format!("token endpoint: {answer}"))
        }
        other => ProtocolFailure::unavailable(format!("token endpoint: {other:?}")),
    })?;
    let id_token = response
        .id_token()
        .ok_or_else(|| ProtocolFailure::new(Refusal::TokenInvalid, "no ID token in the answer"))?;
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &Nonce::new(nonce.to_owned()))
        .map_err(|e| {
            let refusal = match &e {
                ClaimsVerificationError::Expired(_) => Refusal::TokenExpired,
                ClaimsVerificationError::InvalidNonce(_) => Refusal::WrongNonce,
                _ => Refusal::TokenInvalid,
            };
            ProtocolFailure::new(refusal, format!("ID token: {e}"))
        })?;
    let subject = claims.subject().clone();
    let mut identity = identity_of!(subject.as_str(), claims);
    if identity.email.is_none() && client.user_info_url().is_some() {
        let request = client
            .user_info(
                AccessToken::new(response.access_token().secret().clone()),
                Some(subject.clone()),
            )
            .map_err(ProtocolFailure::unavailable)?;
        let info: CoreUserInfoClaims = request.request_async(&http).await.map_err(|e| {
            ProtocolFailure::new(Refusal::ProviderUnavailable, format!("userinfo: {e:?}"))
        })?;
        identity = identity_of!(subject.as_str(), &info);
    }
    Ok(identity)
}
