//! OpenID Connect providers from the environment (see the README's "OpenID Connect sign-in"):
//!
//! - `TTA_OIDC_PROVIDERS`: the providers' names, comma-separated (e.g. `logingov,agency`); none
//!   by default. A name is lower-case letters, digits and `-`, and part of the callback address
//!   `<TTA_PUBLIC_URL>/auth/oidc/<name>/callback`.
//! - For each, with the name upper-cased and `-` as `_`: `TTA_OIDC_<NAME>_ISSUER`,
//!   `TTA_OIDC_<NAME>_CLIENT_ID`, and either `TTA_OIDC_<NAME>_PRIVATE_KEY_PATH` (an RSA key in
//!   PEM, for `private_key_jwt`) or `TTA_OIDC_<NAME>_CLIENT_SECRET`; optionally
//!   `TTA_OIDC_<NAME>_LABEL` (the button's "Sign in with <label>"), `TTA_OIDC_<NAME>_ACR_VALUES`
//!   and `TTA_OIDC_<NAME>_SCOPES` (space-separated; `email` by default).
//! - `TTA_OIDC_REQUIRED_ROLES`: roles refused a password log-in (e.g. `admin,coordinator`).

use service::accounts::Role;
use service::accounts::oidc::settings::valid_name;
use service::accounts::oidc::{ClientAuth, OidcProvider, OidcSettings};

use crate::config::ConfigError;

const PROVIDERS: &str = "TTA_OIDC_PROVIDERS";
const REQUIRED_ROLES: &str = "TTA_OIDC_REQUIRED_ROLES";

fn problem(variable: &'static str, problem: String) -> ConfigError {
    ConfigError { variable, problem }
}

fn words(text: &str) -> Vec<String> {
    text.split([' ', ','])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads every provider; a missing or unusable value names the variable.
pub fn from_lookup(
    lookup: &impl Fn(&str) -> Option<String>,
    public_url: &str,
) -> Result<OidcSettings, ConfigError> {
    let names = lookup(PROVIDERS).map(|v| words(&v)).unwrap_or_default();
    let mut providers = Vec::new();
    for name in names {
        if !valid_name(&name) {
            return Err(problem(
                PROVIDERS,
                format!("names '{name}': use lower-case letters, digits and '-' (at most 32)"),
            ));
        }
        let prefix = format!("TTA_OIDC_{}_", name.to_uppercase().replace('-', "_"));
        let get = |suffix: &str| {
            lookup(&format!("{prefix}{suffix}"))
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let required = |suffix: &str| {
            get(suffix).ok_or_else(|| {
                problem(
                    PROVIDERS,
                    format!("names '{name}' but {prefix}{suffix} is not set"),
                )
            })
        };
        let issuer = required("ISSUER")?;
        if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
            return Err(problem(
                PROVIDERS,
                format!("names '{name}' but {prefix}ISSUER is not an http(s) address"),
            ));
        }
        let client_id = required("CLIENT_ID")?;
        let auth = match (get("PRIVATE_KEY_PATH"), get("CLIENT_SECRET")) {
            (Some(path), None) => {
                let pem = std::fs::read_to_string(&path).map_err(|e| {
                    problem(
                        PROVIDERS,
                        format!("names '{name}' but {prefix}PRIVATE_KEY_PATH ({path}) cannot be read: {e}"),
                    )
                })?;
                service::accounts::oidc::client_assertion::signing_key(&pem).map_err(|_| {
                    problem(
                        PROVIDERS,
                        format!("names '{name}' but {prefix}PRIVATE_KEY_PATH ({path}) is not an RSA private key in PEM"),
                    )
                })?;
                ClientAuth::PrivateKeyJwt { pem }
            }
            (None, Some(secret)) => ClientAuth::ClientSecret(secret),
            _ => {
                return Err(problem(
                    PROVIDERS,
                    format!(
                        "names '{name}': set exactly one of {prefix}PRIVATE_KEY_PATH and \
                         {prefix}CLIENT_SECRET"
                    ),
                ));
            }
        };
        providers.push(OidcProvider {
            label: get("LABEL").unwrap_or_else(|| name.clone()),
            issuer,
            client_id,
            auth,
            acr_values: get("ACR_VALUES").map(|v| words(&v)).unwrap_or_default(),
            scopes: get("SCOPES")
                .map(|v| words(&v))
                .unwrap_or_else(|| vec!["email".to_owned()]),
            name,
        });
    }
    let mut required_roles = Vec::new();
    for word in lookup(REQUIRED_ROLES)
        .map(|v| words(&v))
        .unwrap_or_default()
    {
        let role = Role::parse(&word).map_err(|_| {
            problem(
                REQUIRED_ROLES,
                format!("names '{word}': use admin, coordinator, provider or site_contact"),
            )
        })?;
        required_roles.push(role);
    }
    if !required_roles.is_empty() && providers.is_empty() {
        return Err(problem(
            REQUIRED_ROLES,
            format!("is set but {PROVIDERS} names no provider to sign in with"),
        ));
    }
    Ok(OidcSettings {
        providers,
        required_roles,
        public_url: public_url.to_owned(),
    })
}
