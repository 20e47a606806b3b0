//! Password hashing with argon2id at the OWASP minimum (m = 19456 KiB, t = 2, p = 1).
//!
//! Hashing takes tens of milliseconds of CPU on purpose, so it runs on tokio's blocking pool,
//! never on the async worker threads.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use super::Password;
use crate::ServiceError;

/// Memory cost in KiB.
pub const MEMORY_KIB: u32 = 19_456;
/// Iterations.
pub const ITERATIONS: u32 = 2;
/// Lanes.
pub const PARALLELISM: u32 = 1;

fn hasher() -> Result<Argon2<'static>, ServiceError> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .map_err(|e| ServiceError::Internal(format!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &str) -> Result<String, ServiceError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| ServiceError::Internal(format!("the OS random generator failed: {e}")))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| ServiceError::Internal(format!("argon2 salt: {e}")))?;
    Ok(hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| ServiceError::Internal(format!("argon2 hashing: {e}")))?
        .to_string())
}

/// Whether `password` matches the PHC string `stored` (parameters are read from the string).
fn verify_now(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(error) => {
            tracing::error!(%error, "stored password hash cannot be parsed");
            false
        }
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ServiceError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ServiceError::Internal(format!("hashing task failed: {e}")))
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of `password` with a fresh salt.
pub async fn hash_password(password: &Password) -> Result<String, ServiceError> {
    let text = password.expose().to_owned();
    blocking(move || hash_now(&text)).await?
}

/// Whether `password` matches `stored`.
pub async fn verify_password(password: &str, stored: &str) -> Result<bool, ServiceError> {
    let (password, stored) = (password.to_owned(), stored.to_owned());
    blocking(move || verify_now(&password, &stored)).await
}

/// Spends the same time as a real verification, for accounts that do not exist, so response
/// times do not tell which e-mail addresses have accounts.
pub async fn verify_dummy(password: &str) -> Result<(), ServiceError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let password = password.to_owned();
    blocking(move || {
        let stored = match DUMMY.get() {
            Some(stored) => stored.clone(),
            None => {
                let stored = hash_now("no account has this password")?;
                DUMMY.get_or_init(|| stored).clone()
            }
        };
        verify_now(&password, &stored);
        Ok::<(), ServiceError>(())
    })
    .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_owasp_parameters_and_verifies() {
        let password = Password::parse("a long enough passphrase").unwrap();
        let stored = hash_password(&password).await.unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(
            verify_password("a long enough passphrase", &stored)
                .await
                .unwrap()
        );
        assert!(
            !verify_password("another passphrase!", &stored)
                .await
                .unwrap()
        );
        let again = hash_password(&password).await.unwrap();
        assert_ne!(stored, again, "each hash has its own salt");
        verify_dummy("whatever").await.unwrap();
    }
}
