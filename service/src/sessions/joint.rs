//! A joint session (issue 16): a team's providers each hold a row for the same occurrence, tied
//! by `team_session`. Moving or cancelling one of them moves or cancels the team's session, so
//! every member's row changes together and the site reads one message for the change.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::entities::{team_session, tta_session};
use crate::status::SessionStatus;

/// `named` and, when it is a joint session, its team-mates' rows for the same occurrence that
/// still hold time, `named` first.
pub(crate) async fn with_team_mates<C: ConnectionTrait>(
    conn: &C,
    named: &tta_session::Model,
) -> Result<Vec<tta_session::Model>, ServiceError> {
    let mut rows = vec![named.clone()];
    let Some(link) = team_session::Entity::find_by_id(named.id).one(conn).await? else {
        return Ok(rows);
    };
    let mates: Vec<i32> = team_session::Entity::find()
        .filter(team_session::Column::TeamId.eq(link.team_id))
        .filter(team_session::Column::Occurrence.eq(link.occurrence))
        .filter(team_session::Column::SessionId.ne(named.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|l| l.session_id)
        .collect();
    if mates.is_empty() {
        return Ok(rows);
    }
    rows.extend(
        tta_session::Entity::find()
            .filter(tta_session::Column::Id.is_in(mates))
            .filter(tta_session::Column::Status.is_in([
                SessionStatus::Tentative.as_str(),
                SessionStatus::Confirmed.as_str(),
            ]))
            .order_by_asc(tta_session::Column::Id)
            .all(conn)
            .await?,
    );
    Ok(rows)
}
