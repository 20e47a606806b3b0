//! A session handed to another provider takes the new provider's meeting link.
//!
//! When the link came from the leaving provider's own setting — their fixed personal room, or a
//! room generated for them — the people meeting must not keep a link the leaving provider owns
//! or knows: the session gets the link the new provider's setting says (their fixed link, or a
//! fresh room per occurrence). An engagement's own setting governs whoever holds its sessions,
//! so those links stay; so does a team's joint room, shared with a co-provider who stays.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::assign::{Choice, engagement_row, meets_online, provider_row};
use super::link::RoomBase;
use crate::ServiceError;
use crate::entities::{tta_request, tta_session};
use crate::status::SessionStatus;

/// Gives each of `session_ids` — confirmed sessions just handed to their new provider, their
/// sequence already raised by the handover — the link the new provider's setting says, unless
/// their engagement has its own setting, they meet on site, or the link is a joint room a
/// co-provider's session at the same time shares. The sequence is not raised again: the
/// handover's invites carry the new link. Returns how many sessions got a new link.
///
/// A step below the door: `sessions::reassign_engagement` calls it inside its transaction,
/// before its e-mails are written.
pub async fn relink_handed_over<C: ConnectionTrait>(
    conn: &C,
    base: &RoomBase,
    session_ids: &[i32],
) -> Result<usize, ServiceError> {
    if session_ids.is_empty() {
        return Ok(0);
    }
    let sessions = tta_session::Entity::find()
        .filter(tta_session::Column::Id.is_in(session_ids.to_vec()))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .all(conn)
        .await?;
    let mut requests: HashMap<i32, Option<tta_request::Model>> = HashMap::new();
    let mut choices: HashMap<i32, Choice> = HashMap::new();
    let mut relinked = 0;
    for session in sessions {
        let request = match requests.get(&session.request_id) {
            Some(request) => request.clone(),
            None => {
                let request = tta_request::Entity::find_by_id(session.request_id)
                    .one(conn)
                    .await?;
                requests.insert(session.request_id, request.clone());
                request
            }
        };
        let Some(request) = request else {
            continue;
        };
        if !meets_online(&request) {
            continue;
        }
        if let Some(engagement) = request.engagement_id
            && engagement_row(conn, engagement).await?.is_some()
        {
            continue;
        }
        if shares_a_joint_room(conn, &session, session_ids).await? {
            continue;
        }
        let choice = match choices.get(&session.provider_id) {
            Some(choice) => choice.clone(),
            None => {
                let choice = provider_row(conn, session.provider_id)
                    .await?
                    .map_or(Choice::Generated, |row| Choice::of(&row));
                choices.insert(session.provider_id, choice.clone());
                choice
            }
        };
        let link = choice.new_link(base);
        tta_session::Entity::update_many()
            .col_expr(tta_session::Column::VirtualLink, Expr::value(link))
            .filter(tta_session::Column::Id.eq(session.id))
            .exec(conn)
            .await?;
        relinked += 1;
    }
    Ok(relinked)
}

/// Whether `session`'s link is the room of a co-provider's confirmed session of the same
/// request at the same time (a team's joint session), one not handed over with it.
async fn shares_a_joint_room<C: ConnectionTrait>(
    conn: &C,
    session: &tta_session::Model,
    handed: &[i32],
) -> Result<bool, ServiceError> {
    if session.virtual_link.is_empty() {
        return Ok(false);
    }
    Ok(tta_session::Entity::find()
        .filter(tta_session::Column::RequestId.eq(session.request_id))
        .filter(tta_session::Column::StartsAt.eq(session.starts_at))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .filter(tta_session::Column::VirtualLink.eq(session.virtual_link.as_str()))
        .filter(tta_session::Column::Id.is_not_in(handed.to_vec()))
        .one(conn)
        .await?
        .is_some())
}
