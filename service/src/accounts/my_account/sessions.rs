//! The reader's own log-in sessions: listed with device, address, start and last request, and
//! ended one at a time. A session is named by a handle derived from its id (never the id or the
//! token), and only the reader's own sessions can be found by it.

use contract::account::LoginSessionRow;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::device;
use crate::access::Actor;
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::login_sessions::{NewLoginSession, start_login_session_from};
use crate::accounts::tokens::token_hash;
use crate::accounts::{AccountSettings, ClientInfo, SessionToken};
use crate::entities::login_session;
use crate::timefmt::instant;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Audit action of ending a session from "My account".
pub const SESSION_ENDED: &str = "account.session_ended";

/// The handle of a session row.
fn handle(session_id: &str) -> String {
    token_hash(session_id)[..16].to_owned()
}

/// The live sessions of the actor, newest first; `current` marks the one of `token`.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    token: Option<&SessionToken>,
) -> Result<Vec<LoginSessionRow>, ServiceError> {
    let zone = TimeZone::parse(&actor.user().time_zone)
        .map_err(|e| ServiceError::Internal(format!("zone of user {}: {e}", actor.id())))?;
    let current = token.map(SessionToken::id);
    let now = chrono::Utc::now();
    Ok(login_session::Entity::find()
        .filter(login_session::Column::UserId.eq(actor.id()))
        .filter(login_session::Column::ExpiresAt.gt(now))
        .order_by_desc(login_session::Column::LastSeenAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| LoginSessionRow {
            handle: handle(&row.id),
            device: device::describe(row.user_agent.as_deref()),
            address: row.ip.clone().unwrap_or_else(|| "Not recorded".to_owned()),
            created: instant(row.created_at, zone),
            last_seen: instant(row.last_seen_at, zone),
            current: current.as_deref() == Some(row.id.as_str()),
        })
        .collect())
}

/// Ends the actor's session named `handle_text` (any of theirs, this one included). Another
/// person's session, or one that ended, is not found.
pub async fn end(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    handle_text: &str,
) -> Result<(), ServiceError> {
    let wanted = handle_text.trim();
    let sessions = login_session::Entity::find()
        .filter(login_session::Column::UserId.eq(actor.id()))
        .all(db.conn())
        .await?;
    let Some(session) = sessions.into_iter().find(|row| handle(&row.id) == wanted) else {
        return Err(ServiceError::NotFound(
            "That session has ended already. Reload the page to see your sessions.".to_owned(),
        ));
    };
    login_session::Entity::delete_many()
        .filter(login_session::Column::Id.eq(session.id.clone()))
        .filter(login_session::Column::UserId.eq(actor.id()))
        .exec(db.conn())
        .await?;
    audit::record(
        db.conn(),
        AuditEntry {
            actor_user_id: Some(actor.id()),
            action: SESSION_ENDED,
            subject_type: "user",
            subject_id: Some(actor.id().to_string()),
            detail: json!({ "device": device::describe(session.user_agent.as_deref()) }),
            ip: client.ip.as_deref(),
        },
    )
    .await
}

/// A new session (new id) for this browser after every session of the person was ended.
pub(crate) async fn restart(
    db: &Database,
    user_id: i32,
    client: &ClientInfo,
    settings: &AccountSettings,
) -> Result<NewLoginSession, ServiceError> {
    start_login_session_from(db, user_id, client, &settings.session).await
}
