//! Meeting links changed: one message per person invited (the provider and the site's contacts)
//! and series, listing every session whose link changed, each with its updated invite.

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::NotifySettings;
use super::schedule::audience;
use crate::ServiceError;
use crate::entities::tta_session;
use crate::mail::enqueue;
use crate::mail::messages::{ScheduleFacts, meeting_link_changed as message};
use crate::mail::reminders::session_facts;
use crate::status::SessionStatus;

/// Enqueues "new meeting link" for the confirmed sessions among `session_ids` (their link and
/// raised sequence already stored). Returns how many messages were written.
pub async fn meeting_link_changed<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    session_ids: &[i32],
) -> Result<usize, ServiceError> {
    if session_ids.is_empty() {
        return Ok(0);
    }
    let rows = tta_session::Entity::find()
        .filter(tta_session::Column::Id.is_in(session_ids.to_vec()))
        .filter(tta_session::Column::Status.eq(SessionStatus::Confirmed.as_str()))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?;
    let groups = super::schedule::by_series(rows);
    let now = Utc::now();
    let mut written = 0;
    for ((request_id, provider_id), sessions) in groups {
        let Some((engagement, attendees)) =
            audience(conn, settings, request_id, provider_id).await?
        else {
            continue;
        };
        let facts = ScheduleFacts {
            engagement,
            sessions: sessions.iter().map(session_facts).collect(),
            attendees,
        };
        for person in &facts.attendees {
            written += usize::from(enqueue(conn, &message(&facts, person, now)).await?);
        }
    }
    Ok(written)
}
