//! Sessions handed from a leaving provider to another (`CANCEL` to the one who leaves, `REQUEST`
//! to the new provider and, same UID and raised sequence, to the site's contacts), and the
//! answer to a site's change request (to the contact who asked).

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::NotifySettings;
use super::facts::{distinct, engagement, person, request, user};
use crate::ServiceError;
use crate::entities::{app_user, change_request, tta_session};
use crate::mail::enqueue;
use crate::mail::messages::{
    ChangeAnswerFacts, ReassignmentFacts, change_request_answered as answered_message,
    provider_changed, session_assigned, session_released,
};
use crate::mail::reminders::session_facts;

/// Enqueues the three audiences' messages for `session_ids`, now with their new provider and
/// raised sequence, taken from `previous_provider`. Returns how many messages were written.
pub async fn sessions_reassigned<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    session_ids: &[i32],
    previous_provider: i32,
    reason: &str,
) -> Result<usize, ServiceError> {
    if session_ids.is_empty() {
        return Ok(0);
    }
    let rows = tta_session::Entity::find()
        .filter(tta_session::Column::Id.is_in(session_ids.to_vec()))
        .order_by_asc(tta_session::Column::Occurrence)
        .all(conn)
        .await?;
    let groups = super::schedule::by_series(rows);
    // The provider who leaves is told even if their account was closed meanwhile: their
    // calendar still holds the events.
    let previous = app_user::Entity::find_by_id(previous_provider)
        .one(conn)
        .await?
        .as_ref()
        .map(person)
        .transpose()?;
    let now = Utc::now();
    let mut written = 0;
    for ((request_id, provider_id), sessions) in groups {
        let request = request(conn, request_id).await?;
        let Some((engagement, contacts)) =
            engagement(conn, settings, &request, provider_id).await?
        else {
            continue;
        };
        let Some(previous) = previous.clone() else {
            continue;
        };
        let attendees =
            distinct(std::iter::once(engagement.provider.clone()).chain(contacts.iter().cloned()));
        let facts = ReassignmentFacts {
            engagement,
            previous_provider: previous.clone(),
            sessions: sessions.iter().map(session_facts).collect(),
            reason: reason.to_owned(),
            attendees,
        };
        // One message per person for the whole handover, every session's invite attached.
        let mut messages = vec![
            session_released(&facts, &previous, now),
            session_assigned(&facts, &facts.engagement.provider, now),
        ];
        for contact in distinct(contacts) {
            if contact
                .email
                .eq_ignore_ascii_case(&facts.engagement.provider.email)
            {
                continue;
            }
            messages.push(provider_changed(&facts, &contact, now));
        }
        for message in &messages {
            written += usize::from(enqueue(conn, message).await?);
        }
    }
    Ok(written)
}

/// Enqueues the answer to change request `change_request_id` (already marked done or
/// declined) to the contact who asked, or — when that account is gone — to the site's contacts.
pub async fn change_request_answered<C: ConnectionTrait>(
    conn: &C,
    settings: &NotifySettings,
    change_request_id: i32,
    asked: &str,
) -> Result<usize, ServiceError> {
    let ask = change_request::Entity::find_by_id(change_request_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Change request #{change_request_id}")))?;
    let session = tta_session::Entity::find_by_id(ask.session_id)
        .one(conn)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Session #{}", ask.session_id)))?;
    let request = request(conn, ask.request_id).await?;
    let Some((engagement, contacts)) =
        engagement(conn, settings, &request, session.provider_id).await?
    else {
        return Ok(0);
    };
    let asker = match ask.created_by {
        Some(id) => user(conn, id).await?,
        None => None,
    };
    let recipients = match asker {
        Some(person) => vec![person],
        None => contacts,
    };
    let facts = ChangeAnswerFacts {
        change_request_id,
        engagement,
        session: session_facts(&session),
        asked: asked.to_owned(),
        done: ask.status == "done",
        note: ask.outcome_note.clone(),
    };
    let mut written = 0;
    for person in &recipients {
        written += usize::from(enqueue(conn, &answered_message(&facts, person)).await?);
    }
    Ok(written)
}
