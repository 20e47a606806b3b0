//! A site contact's rating of a delivered session: usefulness 1–5 and comments, once per
//! session and person. The caller checks that the person may see the session.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::access::{Actor, visible_session};
use crate::accounts::Role;
use crate::entities::{feedback, tta_session};
use crate::status::SessionStatus;
use crate::{Database, ServiceError};

/// Whether `user_id` has already rated `session_id`.
pub async fn has_given_feedback(
    db: &Database,
    session_id: i32,
    user_id: i32,
) -> Result<bool, ServiceError> {
    Ok(feedback::Entity::find()
        .filter(feedback::Column::SessionId.eq(session_id))
        .filter(feedback::Column::UserId.eq(user_id))
        .count(db.conn())
        .await?
        > 0)
}

/// The ratings `user_id` gave to any of `session_ids` (one query).
pub async fn feedback_given(
    db: &Database,
    session_ids: &[i32],
    user_id: i32,
) -> Result<Vec<feedback::Model>, ServiceError> {
    if session_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(feedback::Entity::find()
        .filter(feedback::Column::SessionId.is_in(session_ids.iter().copied()))
        .filter(feedback::Column::UserId.eq(user_id))
        .all(db.conn())
        .await?)
}

/// Records the rating. Refused: usefulness outside 1–5 (400), a session not yet over or
/// cancelled (409), a second rating by the same person (409).
/// Site contacts only, for their own sites' sessions (others: not found).
pub async fn give_feedback(
    db: &Database,
    actor: &Actor,
    session_id: i32,
    usefulness: i16,
    comments: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    actor.require(&[Role::SiteContact])?;
    visible_session(db, actor.user(), session_id).await?;
    let user_id = actor.id();
    if !(1..=5).contains(&usefulness) {
        return Err(ServiceError::Invalid(
            "Choose how useful the session was, from 1 to 5.".to_owned(),
        ));
    }
    if comments.chars().count() > 4000 {
        return Err(ServiceError::Invalid(
            "Comments can be at most 4,000 characters.".to_owned(),
        ));
    }
    let session = tta_session::Entity::find_by_id(session_id)
        .one(db.conn())
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Session #{session_id}")))?;
    if session.status == SessionStatus::Cancelled.as_str()
        || session.status == SessionStatus::Tentative.as_str()
        || session.ends_at > now
    {
        return Err(ServiceError::Conflict(
            "Feedback opens when the session is over.".to_owned(),
        ));
    }
    if has_given_feedback(db, session_id, user_id).await? {
        return Err(ServiceError::Conflict(
            "You have already given feedback on this session. Thank you!".to_owned(),
        ));
    }
    feedback::ActiveModel {
        session_id: Set(session_id),
        user_id: Set(user_id),
        usefulness: Set(usefulness),
        comments: Set(comments.trim().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db.conn())
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => ServiceError::Conflict(
            "You have already given feedback on this session. Thank you!".to_owned(),
        ),
        _ => ServiceError::Database(e),
    })?;
    Ok(())
}
