//! Who a provider shares a team's sessions with, for the e-mails that name them (issue 16):
//! a team's proposal, confirmation, moves, cancellations and reminders tell each provider, and
//! the site, who else leads the sessions.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::entities::{app_user, session_team, session_team_member};

/// The status of a team whose holds were let go (see `teams::book`).
const RELEASED: &str = "released";

/// The names of the other providers of `provider_id`'s live team for `request_id` (in the
/// team's order), empty when the provider serves the request alone.
pub(crate) async fn co_providers<C: ConnectionTrait>(
    conn: &C,
    request_id: i32,
    provider_id: i32,
) -> Result<Vec<String>, ServiceError> {
    let teams: Vec<i32> = session_team::Entity::find()
        .filter(session_team::Column::RequestId.eq(request_id))
        .filter(session_team::Column::Status.ne(RELEASED))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    if teams.is_empty() {
        return Ok(Vec::new());
    }
    let members = session_team_member::Entity::find()
        .filter(session_team_member::Column::TeamId.is_in(teams))
        .order_by_asc(session_team_member::Column::TeamId)
        .order_by_asc(session_team_member::Column::Position)
        .all(conn)
        .await?;
    let Some(team) = members
        .iter()
        .find(|m| m.provider_id == provider_id)
        .map(|m| m.team_id)
    else {
        return Ok(Vec::new());
    };
    let others: Vec<i32> = members
        .iter()
        .filter(|m| m.team_id == team && m.provider_id != provider_id)
        .map(|m| m.provider_id)
        .collect();
    let names = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(others.clone()))
        .all(conn)
        .await?;
    Ok(others
        .iter()
        .filter_map(|id| names.iter().find(|u| u.id == *id))
        .map(|u| u.display_name.clone())
        .collect())
}
