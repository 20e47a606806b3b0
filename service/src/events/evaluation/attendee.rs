//! An attendee's evaluation behind a link: the personal link of the registration or the
//! evaluation link e-mailed after the event (both stored as hashes). Once the event is over,
//! a participant recorded present answers once; the registration keeps `evaluated_at`, and an
//! anonymous event's response is stored without the registration.
//!
//! One per attendee under concurrency: inside the transaction the registration's marker is set
//! by `UPDATE … WHERE evaluated_at IS NULL` and its row count compared; on PostgreSQL a second
//! writer waits on that row and then finds the marker set, on SQLite the write gate queues it.
//! The loser gets a 409 and nothing of it is stored.

use chrono::{DateTime, Utc};
use contract::forms::AnswersForm;
use contract::views::evaluation::FormToAnswer;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::shared::{
    Author, Respondent, already_received, form_for, government_fields, parse_answers,
    question_view, questions, store_response,
};
use crate::accounts::tokens::token_hash;
use crate::entities::{event_registration, group_event};
use crate::events::kinds::{EventKind, RegistrationStatus};
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

fn not_found() -> ServiceError {
    ServiceError::NotFound("This evaluation link".to_owned())
}

/// The registration and event behind an evaluation link or a personal link.
async fn by_token(
    db: &Database,
    token: &str,
) -> Result<(event_registration::Model, group_event::Model), ServiceError> {
    let token = token.trim();
    if token.len() != 64 {
        return Err(not_found());
    }
    let hash = token_hash(token);
    let registration = event_registration::Entity::find()
        .filter(
            Condition::any()
                .add(event_registration::Column::ManageTokenHash.eq(hash.clone()))
                .add(event_registration::Column::EvaluationTokenHash.eq(hash)),
        )
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    let event = group_event::Entity::find_by_id(registration.event_id)
        .one(db.conn())
        .await?
        .ok_or_else(not_found)?;
    Ok((registration, event))
}

/// Whether the registration is an attendee's: seated and recorded present.
pub(super) fn attended(registration: &event_registration::Model) -> bool {
    registration.status == RegistrationStatus::Registered.as_str()
        && registration.attendance.as_deref() == Some("present")
}

/// Why `registration` cannot evaluate `event` at `now` (`None`: it can).
fn closed_reason(
    event: &group_event::Model,
    registration: &event_registration::Model,
    now: DateTime<Utc>,
    zone: TimeZone,
) -> Option<(ServiceError, String)> {
    let conflict = |text: String| Some((ServiceError::Conflict(text.clone()), text));
    if let Some(at) = registration.evaluated_at {
        let text = format!(
            "Your evaluation was already received {}; each participant answers once. Thank you!",
            crate::timefmt::instant(at, zone)
        );
        return Some((ServiceError::Conflict(text.clone()), text));
    }
    if event.status == "cancelled" {
        return conflict("This event was cancelled, so there is nothing to evaluate.".to_owned());
    }
    if now < event.ends_at {
        return conflict(format!(
            "The evaluation opens when the event ends, {}.",
            crate::timefmt::instant(event.ends_at, zone)
        ));
    }
    if !attended(registration) {
        let text = "Only participants recorded as attending can evaluate this event. If you \
                    attended, ask the event's coordinator to record your attendance."
            .to_owned();
        return Some((ServiceError::Forbidden(text.clone()), text));
    }
    None
}

fn zone_of(registration: &event_registration::Model) -> TimeZone {
    TimeZone::parse(&registration.time_zone).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC))
}

/// The form behind the link, with why it cannot be answered when it cannot. Public: the link
/// is the credential.
pub async fn evaluation_form(db: &Database, token: &str) -> Result<FormToAnswer, ServiceError> {
    let (registration, event) = by_token(db, token).await?;
    let zone = zone_of(&registration);
    let form = form_for(db.conn(), &event, Respondent::Participant).await?;
    let (omb_number, omb_expires, burden_statement) = government_fields(&form);
    Ok(FormToAnswer {
        event_title: event.title.clone(),
        kind_label: EventKind::label_of(&event.kind),
        when: crate::timefmt::span(event.starts_at, event.ends_at, zone),
        form_title: form.title.clone(),
        omb_number,
        omb_expires,
        burden_statement,
        anonymous: event.evaluation_anonymous,
        questions: questions(db.conn(), form.id)
            .await?
            .iter()
            .map(question_view)
            .collect(),
        closed_reason: closed_reason(&event, &registration, Utc::now(), zone).map(|(_, t)| t),
    })
}

/// Submits the attendee's answers, once. Refused: an unknown link (404), not an attendee
/// (403), before the end or for a cancelled event (409), a second submission (409, politely),
/// answers with mistakes (400, each beside its question and naming it). Returns a sentence.
pub async fn submit_evaluation(
    db: &Database,
    token: &str,
    form: &AnswersForm,
) -> Result<String, ServiceError> {
    let (registration, event) = by_token(db, token).await?;
    let now = Utc::now();
    if let Some((error, _)) = closed_reason(&event, &registration, now, zone_of(&registration)) {
        return Err(error);
    }
    let chosen = form_for(db.conn(), &event, Respondent::Participant).await?;
    let answers = parse_answers(&questions(db.conn(), chosen.id).await?, form)?;
    db.transaction(async |txn| {
        let marked = event_registration::Entity::update_many()
            .col_expr(event_registration::Column::EvaluatedAt, Expr::value(now))
            .filter(event_registration::Column::Id.eq(registration.id))
            .filter(event_registration::Column::EvaluatedAt.is_null())
            .filter(event_registration::Column::Attendance.eq("present"))
            .exec(txn)
            .await?;
        if marked.rows_affected == 0 {
            return Err(already_received());
        }
        let author = Author {
            respondent: Respondent::Participant,
            registration_id: (!event.evaluation_anonymous).then_some(registration.id),
            user_id: None,
            anonymous: event.evaluation_anonymous,
        };
        store_response(txn, event.id, chosen.id, &author, &answers, now).await?;
        Ok(())
    })
    .await?;
    Ok(format!(
        "Thank you: your evaluation of {} was received.",
        event.title
    ))
}

/// What the participant's own page says about the evaluation: its path while it can be
/// answered (the personal link opens it), or a thank-you once submitted.
pub fn registration_note(
    event: &group_event::Model,
    registration: &event_registration::Model,
    personal_token: &str,
    now: DateTime<Utc>,
) -> (Option<String>, Option<String>) {
    if registration.evaluated_at.is_some() {
        return (
            None,
            Some("Thank you: your evaluation was received.".to_owned()),
        );
    }
    if event.status != "cancelled" && now >= event.ends_at && attended(registration) {
        return (
            Some(format!("/events/evaluation/{}", personal_token.trim())),
            None,
        );
    }
    (None, None)
}
