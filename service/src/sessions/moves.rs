//! Moving booked sessions to a new start on the site's wall clock: one session, or it and every
//! later session of its series ("the rest"), each by the same number of days to the same time
//! of day — so a Tuesday 10:00 series moved to Thursday 14:00 stays on Thursdays at 14:00 on the
//! site's clock across a daylight-saving change (the instants are resolved one by one in the
//! site's zone; a wall-clock time that does not exist once on a date is refused, naming it).
//!
//! The new times are checked against the engine's rules first
//! ([`check_new_times`](crate::engine::check_new_times): notice, blackout dates and holidays,
//! the provider's hours, time off, other bookings and caps); then every session moves in one
//! transaction, each keeping its UID and raising its sequence, with the updated invites of the
//! confirmed ones queued in the same transaction — all or nothing.

use chrono::{DateTime, NaiveDateTime, Utc};
use scheduling::{Interval, Resolution};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::changes::{move_in, reschedule_refused};
use crate::access::{Actor, STAFF, visible_session};
use crate::engine::{NewTime, SchedulingSettings, check_new_times};
use crate::entities::{tta_request, tta_session};
use crate::notify::{self, NotifySettings};
use crate::status::SessionStatus;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Which sessions move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveScope {
    /// Only the session named.
    One,
    /// The session named and every later session of its series still booked.
    Rest,
}

impl MoveScope {
    /// Reads `one` or `rest`.
    pub fn parse(text: &str) -> Result<Self, ServiceError> {
        match text.trim() {
            "one" | "" => Ok(Self::One),
            "rest" => Ok(Self::Rest),
            _ => Err(ServiceError::field(
                "scope",
                "Choose this session only, or this and every later session.",
            )),
        }
    }
}

/// A move as the coordinator asks it: session `session_id` (and, for [`MoveScope::Rest`], the
/// later ones) to start at `to` on the site's wall clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionMove {
    pub session_id: i32,
    pub scope: MoveScope,
    pub to: NaiveDateTime,
}

/// Moves the sessions as asked (see the module docs); returns them as they are now.
/// Coordinators and administrators only.
pub async fn move_sessions(
    db: &Database,
    actor: &Actor,
    asked: SessionMove,
    notify: &NotifySettings,
    now: DateTime<Utc>,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    actor.require(STAFF)?;
    visible_session(db, actor.user(), asked.session_id).await?;
    let settings = SchedulingSettings::load(db).await?;
    // Planned against the engine's rules before the transaction (the engine reads through the
    // pool; a transaction waiting for a second connection would starve the pool under load).
    // Each move then applies only to the version of the session it was planned on, so of many
    // identical moves at once one applies and the rest are refused (409), on both databases.
    let planned = plan_moves(db, asked, &settings, now).await?;
    let result = db
        .transaction(async |txn| apply_moves_in(txn, &settings, &planned, notify, "").await)
        .await;
    reschedule_refused(result)
}

/// The new time of every session the move touches, checked against the engine's rules.
pub(crate) async fn plan_moves(
    db: &Database,
    asked: SessionMove,
    settings: &SchedulingSettings,
    now: DateTime<Utc>,
) -> Result<Vec<NewTime>, ServiceError> {
    let named = tta_session::Entity::find_by_id(asked.session_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Session #{}", asked.session_id)))?;
    let holds_time = SessionStatus::parse(&named.status).is_ok_and(SessionStatus::holds_time);
    if !holds_time {
        return Err(ServiceError::Conflict(format!(
            "Session {} is {}; only a tentative or confirmed session can move.",
            named.occurrence, named.status
        )));
    }
    if named.starts_at <= now {
        return Err(ServiceError::Conflict(format!(
            "Session {} has already started; it cannot move.",
            named.occurrence
        )));
    }
    let sessions = match asked.scope {
        // A joint session moves for the whole team.
        MoveScope::One => super::joint::with_team_mates(db.conn(), &named).await?,
        MoveScope::Rest => {
            tta_session::Entity::find()
                .filter(tta_session::Column::RequestId.eq(named.request_id))
                .filter(tta_session::Column::Occurrence.gte(named.occurrence))
                .filter(tta_session::Column::Status.is_in([
                    SessionStatus::Tentative.as_str(),
                    SessionStatus::Confirmed.as_str(),
                ]))
                .order_by_asc(tta_session::Column::Occurrence)
                .all(db.conn())
                .await?
        }
    };
    let zone = TimeZone::parse(&named.anchor_zone)
        .map_err(|e| ServiceError::Internal(format!("session {}: {e}", named.id)))?;
    let days = asked.to.date() - zone.local(named.starts_at).date();
    let mut moves = Vec::with_capacity(sessions.len());
    for session in sessions {
        let local = (zone.local(session.starts_at).date() + days).and_time(asked.to.time());
        let (starts_at, resolution) = zone.resolve(local);
        if !matches!(resolution, Resolution::Exact) {
            return Err(ServiceError::Invalid(format!(
                "Session {} would start at {} on the site's clock, which does not exist once \
                 that day (daylight-saving change); choose another time.",
                session.occurrence,
                local.format("%a %-d %b %Y, %H:%M")
            )));
        }
        let slot = Interval::new(starts_at, starts_at + (session.ends_at - session.starts_at))
            .map_err(|e| ServiceError::Internal(format!("session {}: {e}", session.id)))?;
        moves.push(NewTime { session, slot });
    }
    if moves.iter().all(|m| m.slot.start() == m.session.starts_at) {
        return Err(ServiceError::Conflict(
            "That is when the session already is; nothing was changed. Choose a new date or \
             time to move it."
                .to_owned(),
        ));
    }
    let request = tta_request::Entity::find_by_id(named.request_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Request #{}", named.request_id)))?;
    let mut providers: Vec<i32> = moves.iter().map(|m| m.session.provider_id).collect();
    providers.sort_unstable();
    providers.dedup();
    for provider in providers {
        let theirs: Vec<NewTime> = moves
            .iter()
            .filter(|m| m.session.provider_id == provider)
            .cloned()
            .collect();
        check_new_times(db, &request, &theirs, settings, now).await?;
    }
    Ok(moves)
}

/// Moves `planned` inside the caller's transaction, telling `reason` in the e-mails: one
/// message per person listing every confirmed session moved, each session's updated invite
/// attached. Sessions moving later go last-first and sessions moving earlier first-first, so no
/// session ever stands, even for a moment, on a time another session of the set still holds.
pub(crate) async fn apply_moves_in<C: ConnectionTrait>(
    txn: &C,
    settings: &SchedulingSettings,
    planned: &[NewTime],
    notify: &NotifySettings,
    reason: &str,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    let later = planned
        .first()
        .is_some_and(|m| m.slot.start() > m.session.starts_at);
    let mut order: Vec<&NewTime> = planned.iter().collect();
    if later {
        order.reverse();
    }
    let mut moved = Vec::with_capacity(order.len());
    let mut previous = Vec::with_capacity(order.len());
    for m in order {
        let (session, was) =
            move_in(txn, settings, &m.session, m.slot.start(), m.slot.end()).await?;
        previous.push((session.id, was));
        moved.push(session);
    }
    notify::sessions_rescheduled(txn, notify, &previous, reason).await?;
    moved.sort_by_key(|s| s.occurrence);
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_read() {
        assert_eq!(MoveScope::parse("one").ok(), Some(MoveScope::One));
        assert_eq!(MoveScope::parse(" rest ").ok(), Some(MoveScope::Rest));
        assert_eq!(MoveScope::parse("").ok(), Some(MoveScope::One));
        assert!(matches!(
            MoveScope::parse("all"),
            Err(ServiceError::InvalidFields(e)) if e.message_for("scope").is_some()
        ));
    }
}
