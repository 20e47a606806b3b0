//! The client assertion of `private_key_jwt` (RFC 7523, OpenID Connect Core §9): a JWT whose
//! `iss` and `sub` are the client id and whose `aud` is the token endpoint, with a random `jti`
//! and a five-minute lifetime, signed RS256 with the client's private key.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use openidconnect::PrivateSigningKey as _;
use openidconnect::core::{CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey};
use rsa::RsaPrivateKey;
use rsa::pkcs1::{DecodeRsaPrivateKey as _, EncodeRsaPrivateKey as _};
use rsa::pkcs8::DecodePrivateKey as _;
use serde_json::json;

use crate::ServiceError;
use crate::accounts::tokens::random_token;

/// `client_assertion_type` for a JWT bearer assertion.
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Reads an RSA private key in PEM (PKCS#1 `RSA PRIVATE KEY` or PKCS#8 `PRIVATE KEY`).
pub fn signing_key(pem: &str) -> Result<CoreRsaPrivateSigningKey, ServiceError> {
    let key = RsaPrivateKey::from_pkcs1_pem(pem)
        .or_else(|_| RsaPrivateKey::from_pkcs8_pem(pem))
        .map_err(|_| {
            ServiceError::Internal("the OpenID Connect private key is not an RSA PEM key".into())
        })?;
    let pkcs1 = key
        .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
        .map_err(|e| ServiceError::Internal(format!("private key: {e}")))?;
    CoreRsaPrivateSigningKey::from_pem(&pkcs1, None)
        .map_err(|e| ServiceError::Internal(format!("private key: {e}")))
}

/// A signed assertion for `client_id` addressed to `token_endpoint`.
pub fn client_assertion(
    pem: &str,
    client_id: &str,
    token_endpoint: &str,
) -> Result<String, ServiceError> {
    let key = signing_key(pem)?;
    let now = Utc::now();
    let header = json!({ "alg": "RS256", "typ": "JWT" });
    let claims = json!({
        "iss": client_id,
        "sub": client_id,
        "aud": token_endpoint,
        "jti": random_token()?,
        "iat": now.timestamp(),
        "exp": (now + Duration::minutes(5)).timestamp(),
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = key
        .sign(
            &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            signing_input.as_bytes(),
        )
        .map_err(|e| ServiceError::Internal(format!("signing the client assertion: {e}")))?;
    Ok(format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature)
    ))
}
