//! "My account" as the reader sees it: details, the address waiting for confirmation, the
//! second factor's state (and, when required and not set up, the grace period's end) and the
//! live log-in sessions.

use chrono::Utc;
use contract::account::AccountView;

use super::{email_change, sessions};
use crate::access::Actor;
use crate::accounts::SessionToken;
use crate::accounts::two_factor::policy::{self, Requirement};
use crate::accounts::two_factor::{factor, recovery};
use crate::timefmt::instant;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// The reader's account; `token` marks this browser's session.
pub async fn account_view(
    db: &Database,
    actor: &Actor,
    token: Option<&SessionToken>,
) -> Result<AccountView, ServiceError> {
    let user = actor.user();
    let now = Utc::now();
    let enabled = factor::enabled(db.conn(), actor.id()).await?.is_some();
    let requirement = policy::requirement(db.conn(), actor.id(), actor.role(), now, false).await?;
    let zone = TimeZone::parse(&user.time_zone)
        .map_err(|e| ServiceError::Internal(format!("zone of user {}: {e}", actor.id())))?;
    let two_factor_deadline = match requirement {
        Requirement::GraceUntil(until) if !enabled => Some(format!(
            "Your role must use two-factor authentication: set it up before {}. After that \
             you will be asked to set it up when you log in.",
            instant(until, zone)
        )),
        Requirement::Now if !enabled => {
            Some("Your role must use two-factor authentication: set it up now.".to_owned())
        }
        _ => None,
    };
    let recovery_codes_left = if enabled {
        u32::try_from(recovery::unused_count(db.conn(), actor.id()).await?).unwrap_or(u32::MAX)
    } else {
        0
    };
    Ok(AccountView {
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        time_zone: user.time_zone.clone(),
        pending_email: email_change::pending(db.conn(), actor.id()).await?,
        two_factor_enabled: enabled,
        recovery_codes_left,
        two_factor_required: requirement != Requirement::NotRequired,
        two_factor_deadline,
        sessions: sessions::list(db.conn(), actor, token).await?,
    })
}
