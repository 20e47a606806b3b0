//! The two use cases of OpenID Connect sign-in, called by the server's routes
//! (`/auth/oidc/<provider>/start` and `/callback`). Neither has an actor: like the password
//! log-in, they are how a person becomes one. Every refusal is audited with its reason, and a
//! successful sign-in starts a log-in session with a new id.

use chrono::Utc;
use serde_json::json;

use super::protocol::{self, ProtocolFailure};
use super::settings::OidcProvider;
use super::{action, attempts, linking};
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::login_sessions::{NewLoginSession, current_user_of, start_login_session};
use crate::accounts::{AccountSettings, ClientInfo, CurrentUser};
use crate::entities::app_user;
use crate::{Database, ServiceError};
use contract::sign_in::Refusal;
use sea_orm::EntityTrait;

/// Where to send the browser, and the `state` to keep in its cookie.
#[derive(Clone, Debug)]
pub struct SignInStart {
    pub authorization_url: String,
    pub state: String,
}

/// A person signed in.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user: CurrentUser,
    pub session: NewLoginSession,
    /// The page asked for before signing in, as given (the caller checks it is same-site).
    pub next_path: Option<String>,
}

/// What the provider's redirect brought back, and the `state` this browser's cookie holds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Callback<'a> {
    pub code: Option<&'a str>,
    pub state: Option<&'a str>,
    /// The provider's `error` (e.g. `access_denied`).
    pub error: Option<&'a str>,
    pub cookie_state: Option<&'a str>,
}

/// Why no session was started.
#[derive(Debug, thiserror::Error)]
pub enum SignInRefused {
    #[error("{}", .0.message())]
    Refused(Refusal),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// Starts an attempt at `provider_name`: discovery, a new `state`, `nonce` and PKCE verifier
/// (stored), and the authorization URL with the configured `acr_values`.
pub async fn begin_sign_in(
    db: &Database,
    settings: &AccountSettings,
    provider_name: &str,
    next_path: Option<&str>,
    client: &ClientInfo,
) -> Result<SignInStart, SignInRefused> {
    let Some(provider) = settings.oidc.provider(provider_name) else {
        return Err(refuse(db, provider_name, Refusal::UnknownProvider, None, client).await);
    };
    let redirect_uri = settings.oidc.redirect_uri(provider);
    let request = match protocol::authorization_request(provider, &redirect_uri).await {
        Ok(request) => request,
        Err(failure) => return Err(refused_by(db, provider, failure, client).await),
    };
    attempts::store(db, &provider.name, &request, next_path).await?;
    Ok(SignInStart {
        authorization_url: request.url,
        state: request.state,
    })
}

/// Finishes an attempt: the `state` must be this browser's and unused, the code is exchanged
/// with the attempt's PKCE verifier, the ID token verified with its `nonce`, and the identity
/// linked or matched to an account ([`linking::account_for`]); then a new log-in session.
pub async fn complete_sign_in(
    db: &Database,
    settings: &AccountSettings,
    provider_name: &str,
    callback: Callback<'_>,
    client: &ClientInfo,
) -> Result<SignedIn, SignInRefused> {
    let Some(provider) = settings.oidc.provider(provider_name) else {
        return Err(refuse(db, provider_name, Refusal::UnknownProvider, None, client).await);
    };
    let Some(state) = callback.state.filter(|s| !s.is_empty()) else {
        return Err(refuse(db, &provider.name, Refusal::StateMismatch, None, client).await);
    };
    if callback.cookie_state != Some(state) {
        return Err(refuse(db, &provider.name, Refusal::StateMismatch, None, client).await);
    }
    let attempt = match attempts::claim(db, &provider.name, state).await? {
        Ok(attempt) => attempt,
        Err(refusal) => return Err(refuse(db, &provider.name, refusal, None, client).await),
    };
    if let Some(error) = callback.error {
        let detail = Some(error.chars().take(64).collect::<String>());
        return Err(refuse(db, &provider.name, Refusal::ProviderDenied, detail, client).await);
    }
    let Some(code) = callback.code.filter(|c| !c.is_empty()) else {
        return Err(refuse(db, &provider.name, Refusal::CodeRefused, None, client).await);
    };
    let redirect_uri = settings.oidc.redirect_uri(provider);
    let identity = match protocol::redeem_code(
        provider,
        &redirect_uri,
        code,
        &attempt.pkce_verifier,
        &attempt.nonce,
    )
    .await
    {
        Ok(identity) => identity,
        Err(failure) => return Err(refused_by(db, provider, failure, client).await),
    };
    let user_id = match linking::account_for(db, provider, &identity, client).await? {
        Ok(user_id) => user_id,
        Err(refusal) => return Err(refuse(db, &provider.name, refusal, None, client).await),
    };
    let user = app_user::Entity::find_by_id(user_id)
        .one(db.conn())
        .await
        .map_err(ServiceError::from)?
        .ok_or_else(|| ServiceError::Internal(format!("user {user_id} vanished")))?;
    let session =
        start_login_session(db, user.id, client.user_agent.as_deref(), &settings.session).await?;
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(user.id),
            action: action::OIDC_SIGNED_IN,
            subject_type: "user",
            subject_id: Some(user.id.to_string()),
            detail: json!({ "provider": provider.name, "at": Utc::now().to_rfc3339() }),
            ip: client.ip.as_deref(),
        },
    )
    .await?;
    Ok(SignedIn {
        user: current_user_of(db, user).await?,
        session,
        next_path: attempt.next_path,
    })
}

async fn refused_by(
    db: &Database,
    provider: &OidcProvider,
    failure: ProtocolFailure,
    client: &ClientInfo,
) -> SignInRefused {
    tracing::warn!(
        provider = %provider.name,
        reason = failure.refusal.code(),
        detail = %failure.detail,
        "OpenID Connect sign-in refused"
    );
    refuse(db, &provider.name, failure.refusal, None, client).await
}

/// Audits the refusal and returns it (or the database's error, when auditing failed).
async fn refuse(
    db: &Database,
    provider: &str,
    refusal: Refusal,
    detail: Option<String>,
    client: &ClientInfo,
) -> SignInRefused {
    let recorded = audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: None,
            action: action::OIDC_REFUSED,
            subject_type: "oidc_provider",
            subject_id: Some(provider.chars().take(64).collect()),
            detail: json!({ "reason": refusal.code(), "provider_error": detail }),
            ip: client.ip.as_deref(),
        },
    )
    .await;
    match recorded {
        Ok(()) => SignInRefused::Refused(refusal),
        Err(error) => SignInRefused::Service(error),
    }
}
