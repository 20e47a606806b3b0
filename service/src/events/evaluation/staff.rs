//! Requester and consultant feedback on an event: the host site's contacts (the site that
//! asked for the TTA) and the event's provider each answer their form once, logged in, after
//! the event. One door: anyone else who may read the event is refused (403); who may not read
//! it gets not found.

use chrono::Utc;
use contract::forms::AnswersForm;
use contract::views::evaluation::FormToAnswer;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::shared::{
    Author, Respondent, already_received, form_for, government_fields, parse_answers,
    question_view, questions, store_response,
};
use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{evaluation_response, group_event};
use crate::events::access::readable_event;
use crate::events::kinds::EventKind;
use crate::zone::TimeZone;
use crate::{Database, ServiceError};

/// Which feedback `actor` gives on `event`: the provider's (consultant) or a host contact's
/// (requester); `None` for everyone else.
pub(super) fn respondent_of(actor: &Actor, event: &group_event::Model) -> Option<Respondent> {
    match actor.role() {
        Role::Provider if event.provider_id == Some(actor.id()) => Some(Respondent::Consultant),
        Role::SiteContact if actor.user().site_ids.contains(&event.host_site_id) => {
            Some(Respondent::Requester)
        }
        _ => None,
    }
}

/// Whether `actor` already gave their feedback on the event.
pub(super) async fn already_given(
    db: &Database,
    actor: &Actor,
    event_id: i32,
    respondent: Respondent,
) -> Result<bool, ServiceError> {
    Ok(evaluation_response::Entity::find()
        .filter(evaluation_response::Column::EventId.eq(event_id))
        .filter(evaluation_response::Column::Respondent.eq(respondent.as_str()))
        .filter(evaluation_response::Column::UserId.eq(actor.id()))
        .one(db.conn())
        .await?
        .is_some())
}

async fn feedback_event(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<(group_event::Model, Respondent), ServiceError> {
    let (event, _) = readable_event(db, actor, event_id).await?;
    let respondent = respondent_of(actor, &event).ok_or_else(|| {
        ServiceError::Forbidden(
            "Only the event's provider and the host site's contacts give feedback on it."
                .to_owned(),
        )
    })?;
    Ok((event, respondent))
}

fn closed_reason(event: &group_event::Model) -> Option<String> {
    let zone = TimeZone::parse(&event.time_zone).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC));
    if event.status == "cancelled" {
        Some("This event was cancelled, so there is nothing to give feedback on.".to_owned())
    } else if Utc::now() < event.ends_at {
        Some(format!(
            "Feedback opens when the event ends, {}.",
            crate::timefmt::instant(event.ends_at, zone)
        ))
    } else {
        None
    }
}

/// The feedback form `actor` answers for the event (requester or consultant).
pub async fn feedback_form(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<FormToAnswer, ServiceError> {
    actor.require(&[Role::SiteContact, Role::Provider])?;
    let (event, respondent) = feedback_event(db, actor, event_id).await?;
    let form = form_for(db.conn(), &event, respondent).await?;
    let (omb_number, omb_expires, burden_statement) = government_fields(&form);
    let zone =
        TimeZone::parse(&actor.user().time_zone).unwrap_or_else(|_| TimeZone::from(chrono_tz::UTC));
    let closed = if already_given(db, actor, event.id, respondent).await? {
        Some("Thank you: your feedback on this event was received.".to_owned())
    } else {
        closed_reason(&event)
    };
    Ok(FormToAnswer {
        event_title: event.title.clone(),
        kind_label: EventKind::label_of(&event.kind),
        when: crate::timefmt::span(event.starts_at, event.ends_at, zone),
        form_title: form.title.clone(),
        omb_number,
        omb_expires,
        burden_statement,
        anonymous: false,
        questions: questions(db.conn(), form.id)
            .await?
            .iter()
            .map(question_view)
            .collect(),
        closed_reason: closed,
    })
}

/// Submits `actor`'s feedback on the event, once (a second is a polite 409; the unique index
/// on event, respondent and person refuses a concurrent one).
pub async fn submit_feedback(
    db: &Database,
    actor: &Actor,
    event_id: i32,
    form: &AnswersForm,
) -> Result<String, ServiceError> {
    actor.require(&[Role::SiteContact, Role::Provider])?;
    let (event, respondent) = feedback_event(db, actor, event_id).await?;
    if let Some(reason) = closed_reason(&event) {
        return Err(ServiceError::Conflict(reason));
    }
    let chosen = form_for(db.conn(), &event, respondent).await?;
    let answers = parse_answers(&questions(db.conn(), chosen.id).await?, form)?;
    let now = Utc::now();
    db.transaction(async |txn| {
        let given = evaluation_response::Entity::find()
            .filter(evaluation_response::Column::EventId.eq(event.id))
            .filter(evaluation_response::Column::Respondent.eq(respondent.as_str()))
            .filter(evaluation_response::Column::UserId.eq(actor.id()))
            .one(txn)
            .await?;
        if given.is_some() {
            return Err(already_received());
        }
        let author = Author {
            respondent,
            registration_id: None,
            user_id: Some(actor.id()),
            anonymous: false,
        };
        store_response(txn, event.id, chosen.id, &author, &answers, now).await
    })
    .await?;
    Ok(format!(
        "Thank you: your feedback on {} was received.",
        event.title
    ))
}
