//! Changing one's own password: the current one is required; every other session of the person
//! ends, and this browser gets a new session id.

use chrono::Utc;
use serde_json::json;

use super::{current_password, sessions};
use crate::access::Actor;
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::login_sessions::NewLoginSession;
use crate::accounts::users::set_password_hash;
use crate::accounts::{AccountSettings, ClientInfo, Password, hashing};
use crate::{Database, ServiceError};

/// Audit action.
pub const PASSWORD_CHANGED: &str = "account.password_changed";

/// Checks the current password, sets the new one (parsed as every password is) and ends every
/// session of the person; returns this browser's new session.
pub async fn change_password(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    current: &str,
    new_password: &str,
    settings: &AccountSettings,
) -> Result<NewLoginSession, ServiceError> {
    let password = Password::parse(new_password).map_err(|error| match error {
        ServiceError::Invalid(message) => ServiceError::field("password", message),
        other => other,
    })?;
    current_password::confirm(db, actor, current, settings).await?;
    if current == new_password {
        return Err(ServiceError::field(
            "password",
            "The new password is the same as the current one: choose another.",
        ));
    }
    let hash = hashing::hash_password(&password).await?;
    db.transaction(async |txn| {
        // Ends every session of the account, this one included.
        set_password_hash(txn, actor.id(), hash).await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(actor.id()),
                action: PASSWORD_CHANGED,
                subject_type: "user",
                subject_id: Some(actor.id().to_string()),
                detail: json!({ "at": Utc::now().to_rfc3339() }),
                ip: client.ip.as_deref(),
            },
        )
        .await
    })
    .await?;
    sessions::restart(db, actor.id(), client, settings).await
}
