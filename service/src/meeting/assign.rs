//! Giving confirmed sessions their link, and working out which setting governs a session.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::link::RoomBase;
use crate::ServiceError;
use crate::entities::{meeting_setting, tta_request, tta_session};
use crate::intake::Modality;
use crate::status::SessionStatus;

/// A setting in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Choice {
    /// A unique room per session occurrence.
    Generated,
    /// The same link for every session.
    Fixed(String),
}

impl Choice {
    pub(super) fn of(row: &meeting_setting::Model) -> Self {
        if row.mode == super::settings::FIXED && !row.link.is_empty() {
            Self::Fixed(row.link.clone())
        } else {
            Self::Generated
        }
    }

    /// The link a session gets under this choice: the fixed link, or a new room.
    pub(super) fn new_link(&self, base: &RoomBase) -> String {
        match self {
            Self::Fixed(link) => link.clone(),
            Self::Generated => base.new_room(),
        }
    }

    /// The link `current` becomes under this choice, `None` when it already complies (the same
    /// fixed link, or a room generated on `base`).
    pub(super) fn replacement(&self, current: &str, base: &RoomBase) -> Option<String> {
        match self {
            Self::Fixed(link) if link == current => None,
            Self::Generated if base.is_room(current) => None,
            other => Some(other.new_link(base)),
        }
    }
}

/// Whether sessions of `request` meet online (virtual or hybrid): on-site ones get no link.
pub(super) fn meets_online(request: &tta_request::Model) -> bool {
    request.visit_days == 0 && Modality::parse(&request.modality) != Some(Modality::OnSite)
}

/// The stored setting of a provider.
pub(super) async fn provider_row<C: ConnectionTrait>(
    conn: &C,
    provider_id: i32,
) -> Result<Option<meeting_setting::Model>, ServiceError> {
    Ok(meeting_setting::Entity::find()
        .filter(meeting_setting::Column::ProviderId.eq(provider_id))
        .one(conn)
        .await?)
}

/// The stored setting of an engagement.
pub(super) async fn engagement_row<C: ConnectionTrait>(
    conn: &C,
    engagement_id: i32,
) -> Result<Option<meeting_setting::Model>, ServiceError> {
    Ok(meeting_setting::Entity::find()
        .filter(meeting_setting::Column::EngagementId.eq(engagement_id))
        .one(conn)
        .await?)
}

/// The setting governing a session of `provider_id` for a request of `engagement_id`: the
/// engagement's when it has one, else the provider's, else a generated room.
pub(super) async fn effective<C: ConnectionTrait>(
    conn: &C,
    engagement_id: Option<i32>,
    provider_id: i32,
) -> Result<Choice, ServiceError> {
    if let Some(id) = engagement_id
        && let Some(row) = engagement_row(conn, id).await?
    {
        return Ok(Choice::of(&row));
    }
    Ok(provider_row(conn, provider_id)
        .await?
        .map_or(Choice::Generated, |row| Choice::of(&row)))
}

/// Gives every confirmed session of `proposal_id` that has no link yet the link its setting
/// says, inside the approval's transaction and before its invites are written (the sequence is
/// not raised: the first invite carries the link). On-site sessions get none; a joint session
/// (a team's providers at the same time) takes the room its co-provider's session already has.
/// Returns how many sessions got a link.
///
/// A step below the door: the approval use cases (`proposals::approve_proposal`, a team's
/// approval) call it after their own checks.
pub async fn assign_on_confirm<C: ConnectionTrait>(
    conn: &C,
    base: &RoomBase,
    proposal_id: i32,
) -> Result<usize, ServiceError> {
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::ProposalId.eq(proposal_id))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .filter(tta_session::Column::VirtualLink.eq(""))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?;
    let Some(first) = sessions.first() else {
        return Ok(0);
    };
    let Some(request) = tta_request::Entity::find_by_id(first.request_id)
        .one(conn)
        .await?
    else {
        return Ok(0);
    };
    if !meets_online(&request) {
        return Ok(0);
    }
    let choice = effective(conn, request.engagement_id, first.provider_id).await?;
    let shared = shared_rooms(conn, request.id).await?;
    let mut assigned = 0;
    for session in &sessions {
        let link = shared
            .get(&session.starts_at)
            .cloned()
            .unwrap_or_else(|| choice.new_link(base));
        let updated = tta_session::Entity::update_many()
            .col_expr(tta_session::Column::VirtualLink, Expr::value(link))
            .filter(tta_session::Column::Id.eq(session.id))
            .filter(tta_session::Column::VirtualLink.eq(""))
            .exec(conn)
            .await?;
        assigned += usize::try_from(updated.rows_affected).unwrap_or(0);
    }
    Ok(assigned)
}

/// The links the confirmed sessions of request `request_id` already have, by start: a team's
/// providers at the same time meet in one room.
async fn shared_rooms<C: ConnectionTrait>(
    conn: &C,
    request_id: i32,
) -> Result<HashMap<DateTime<Utc>, String>, ServiceError> {
    Ok(tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(request_id))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .filter(tta_session::Column::VirtualLink.ne(""))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.starts_at, s.virtual_link))
        .collect())
}
