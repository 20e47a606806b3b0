//! The person's own second factor on "My account": set it up (scan, confirm with a code, keep
//! the recovery codes), or switch it off with the current password when their role does not
//! require it. Either change ends every session of the person; this browser gets a new one.

use chrono::Utc;
use contract::account::EnrolmentView;
use serde_json::json;

use super::{current_password, sessions};
use crate::access::Actor;
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::login_sessions::NewLoginSession;
use crate::accounts::two_factor::enrolment::{self, end_all_sessions};
use crate::accounts::two_factor::{DISABLED, ENABLED, factor, policy};
use crate::accounts::{AccountSettings, ClientInfo};
use crate::{Database, ServiceError};

/// A new secret to scan (replacing any set-up not finished).
pub async fn start(db: &Database, actor: &Actor) -> Result<EnrolmentView, ServiceError> {
    enrolment::begin(db.conn(), actor.id(), &actor.user().email, Utc::now()).await
}

/// Confirms the set-up with the app's current code; returns the ten recovery codes (shown
/// once) and this browser's new session.
pub async fn confirm(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    code: &str,
    settings: &AccountSettings,
) -> Result<(Vec<String>, NewLoginSession), ServiceError> {
    let codes = enrolment::finish(db, actor.id(), code).await?;
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(actor.id()),
            action: ENABLED,
            subject_type: "user",
            subject_id: Some(actor.id().to_string()),
            detail: json!({ "at": "my_account" }),
            ip: client.ip.as_deref(),
        },
    )
    .await?;
    let session = sessions::restart(db, actor.id(), client, settings).await?;
    Ok((codes, session))
}

/// Switches the second factor off (current password required; refused when the person's role
/// must use one).
pub async fn turn_off(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    current: &str,
    settings: &AccountSettings,
) -> Result<NewLoginSession, ServiceError> {
    if policy::load(db.conn()).await?.applies_to(actor.role()) {
        return Err(ServiceError::Forbidden(
            "Your role must use two-factor authentication, so it cannot be switched off. If you \
             lost your phone, sign in with a recovery code, or ask an administrator to reset it."
                .to_owned(),
        ));
    }
    current_password::confirm(db, actor, current, settings).await?;
    db.transaction(async |txn| {
        if !factor::remove(txn, actor.id()).await? {
            return Err(ServiceError::Conflict(
                "Two-factor authentication is not on for your account.".to_owned(),
            ));
        }
        let ended = end_all_sessions(txn, actor.id()).await?;
        audit::record(
            txn,
            AuditEntry {
                actor_user_id: Some(actor.id()),
                action: DISABLED,
                subject_type: "user",
                subject_id: Some(actor.id().to_string()),
                detail: json!({ "sessions_ended": ended }),
                ip: client.ip.as_deref(),
            },
        )
        .await
    })
    .await?;
    sessions::restart(db, actor.id(), client, settings).await
}
