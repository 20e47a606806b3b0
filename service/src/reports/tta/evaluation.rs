//! The evaluation summary of each TTA delivered: how many ratings it received and their sum (the
//! row shows the count and the mean, 1–5).
//!
//! - Coaching sessions, visits and exchanges: the site contacts' usefulness ratings
//!   (`feedback`, 1–5), one per rating.
//! - Group events: the attendees' evaluations (`evaluation_response` with respondent
//!   `participant`): each response counts once, and its rating answers (1–5) make the mean.
//!   Requester and consultant feedback on an event is not an attendee's rating and is left out.
//!
//! This is the one place the report reads evaluations: a new source of ratings joins here.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entities::{evaluation_answer, evaluation_response, feedback};
use crate::{Database, ServiceError};

/// `(ratings, sum of ratings)` per coaching session id.
pub async fn session_ratings(
    db: &Database,
    session_ids: &[i32],
) -> Result<HashMap<i32, (i64, i64)>, ServiceError> {
    let mut out: HashMap<i32, (i64, i64)> = HashMap::new();
    for rating in feedback::Entity::find()
        .filter(feedback::Column::SessionId.is_in(session_ids.to_vec()))
        .all(db.conn())
        .await?
    {
        let entry = out.entry(rating.session_id).or_default();
        entry.0 += 1;
        entry.1 += i64::from(rating.usefulness);
    }
    Ok(out)
}

/// `(responses, mean of their rating answers)` per group event id.
pub async fn event_ratings(
    db: &Database,
    event_ids: &[i32],
) -> Result<HashMap<i32, (i64, Option<f64>)>, ServiceError> {
    let responses = evaluation_response::Entity::find()
        .filter(evaluation_response::Column::EventId.is_in(event_ids.to_vec()))
        .filter(evaluation_response::Column::Respondent.eq("participant"))
        .all(db.conn())
        .await?;
    let event_of: HashMap<i32, i32> = responses.iter().map(|r| (r.id, r.event_id)).collect();
    let mut counts: HashMap<i32, i64> = HashMap::new();
    for response in &responses {
        *counts.entry(response.event_id).or_default() += 1;
    }
    let mut sums: HashMap<i32, (i64, i64)> = HashMap::new();
    for answer in evaluation_answer::Entity::find()
        .filter(
            evaluation_answer::Column::ResponseId
                .is_in(event_of.keys().copied().collect::<Vec<_>>()),
        )
        .filter(evaluation_answer::Column::Rating.is_not_null())
        .all(db.conn())
        .await?
    {
        if let (Some(event), Some(rating)) = (event_of.get(&answer.response_id), answer.rating) {
            let entry = sums.entry(*event).or_default();
            entry.0 += 1;
            entry.1 += i64::from(rating);
        }
    }
    Ok(counts
        .into_iter()
        .map(|(event, n)| {
            let mean = sums
                .get(&event)
                .filter(|(k, _)| *k > 0)
                .map(|(k, sum)| *sum as f64 / *k as f64);
            (event, (n, mean))
        })
        .collect())
}
