//! The evaluation section of an event's page: its form, anonymity, whether the certificate
//! waits for the evaluation and its topic (the event's coordinator changes them), how many
//! attendees were asked and answered, the feedback the reader still owes, and the results
//! (staff and the readers of participants; names only for the latter).

use contract::FieldErrors;
use contract::forms::EventEvaluationForm;
use contract::views::evaluation::{Choice, EventEvaluation};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::attendee::attended;
use super::results::{aggregate, responses_of};
use super::shared::{Respondent, form_for};
use super::staff::{already_given, respondent_of};
use crate::access::Actor;
use crate::accounts::Role;
use crate::entities::{evaluation_form, event_registration, group_event, topic};
use crate::events::access::readable_event;
use crate::{Database, ServiceError};

fn truthy(text: &str) -> bool {
    matches!(text.trim(), "true" | "on" | "yes" | "1")
}

/// The evaluation section of the event's page for `actor` (any reader of the event).
pub async fn event_evaluation(
    db: &Database,
    actor: &Actor,
    event_id: i32,
) -> Result<EventEvaluation, ServiceError> {
    let (event, reach) = readable_event(db, actor, event_id).await?;
    let form = form_for(db.conn(), &event, Respondent::Participant).await?;
    let registrations = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event.id))
        .all(db.conn())
        .await?;
    let attendees = registrations.iter().filter(|r| attended(r)).count();
    let invited = registrations
        .iter()
        .filter(|r| r.evaluation_sent_at.is_some())
        .count();
    let submitted = registrations
        .iter()
        .filter(|r| r.evaluated_at.is_some())
        .count();
    let staff = matches!(actor.role(), Role::Coordinator | Role::Admin);
    let results = if staff || reach.personal_data {
        let responses = responses_of(db, vec![event.id], None).await?;
        Some(aggregate(db, &responses, reach.personal_data).await?)
    } else {
        None
    };
    let feedback_to_give = match respondent_of(actor, &event) {
        Some(respondent)
            if event.status != "cancelled"
                && chrono::Utc::now() >= event.ends_at
                && !already_given(db, actor, event.id, respondent).await? =>
        {
            Some(respondent.as_str().to_owned())
        }
        _ => None,
    };
    let (form_choices, topic_choices) = if reach.manage {
        let forms = evaluation_form::Entity::find()
            .filter(evaluation_form::Column::Audience.eq(Respondent::Participant.as_str()))
            .order_by_asc(evaluation_form::Column::Id)
            .all(db.conn())
            .await?
            .into_iter()
            .map(|f| Choice {
                id: f.id,
                label: f.title,
            })
            .collect();
        let topics = topic::Entity::find()
            .order_by_asc(topic::Column::Name)
            .all(db.conn())
            .await?
            .into_iter()
            .map(|t| Choice {
                id: t.id,
                label: t.name,
            })
            .collect();
        (forms, topics)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(EventEvaluation {
        form_id: form.id,
        form_title: form.title,
        anonymous: event.evaluation_anonymous,
        certificate_requires_evaluation: event.certificate_requires_evaluation,
        topic_id: event.topic_id,
        can_edit: reach.manage,
        form_choices,
        topic_choices,
        attendees,
        invited,
        submitted,
        feedback_to_give,
        results,
    })
}

/// Saves the event's evaluation settings. The event's coordinator; a form for attendees and an
/// existing topic, else a 400 naming the field. Anonymity cannot change once a response exists
/// (409), so no response is stored under a promise it did not get.
pub async fn save_event_evaluation(
    db: &Database,
    actor: &Actor,
    event_id: i32,
    form: &EventEvaluationForm,
) -> Result<String, ServiceError> {
    actor.require(&[Role::Coordinator, Role::Admin])?;
    let (event, reach) = readable_event(db, actor, event_id).await?;
    if !reach.manage {
        return Err(ServiceError::Forbidden(
            "Only the event's coordinator can change its evaluation settings.".to_owned(),
        ));
    }
    let mut errors = FieldErrors::new();
    let form_id = match form.form_id.trim() {
        "" => None,
        text => {
            let found = match text.parse::<i32>() {
                Ok(id) => evaluation_form::Entity::find_by_id(id)
                    .one(db.conn())
                    .await?
                    .filter(|f| f.audience == Respondent::Participant.as_str()),
                Err(_) => None,
            };
            if found.is_none() {
                errors.add(
                    "form_id",
                    "Choose an attendees' evaluation form from the list.",
                );
            }
            found.map(|f| f.id)
        }
    };
    let topic_id = match form.topic_id.trim() {
        "" => None,
        text => {
            let found = match text.parse::<i32>() {
                Ok(id) => topic::Entity::find_by_id(id).one(db.conn()).await?,
                Err(_) => None,
            };
            if found.is_none() {
                errors.add("topic_id", "Choose a topic from the list.");
            }
            found.map(|t| t.id)
        }
    };
    if !errors.is_empty() {
        return Err(ServiceError::InvalidFields(errors));
    }
    let anonymous = truthy(&form.anonymous);
    let requires = truthy(&form.certificate_requires_evaluation);
    db.transaction(async |txn| {
        if anonymous != event.evaluation_anonymous {
            let answered = crate::entities::evaluation_response::Entity::find()
                .filter(crate::entities::evaluation_response::Column::EventId.eq(event.id))
                .filter(
                    crate::entities::evaluation_response::Column::Respondent
                        .eq(Respondent::Participant.as_str()),
                )
                .count(txn)
                .await?;
            if answered > 0 {
                return Err(ServiceError::Conflict(
                    "Attendees have already answered, so whether responses are anonymous can \
                     no longer change."
                        .to_owned(),
                ));
            }
        }
        group_event::Entity::update_many()
            .col_expr(group_event::Column::EvaluationFormId, Expr::value(form_id))
            .col_expr(
                group_event::Column::EvaluationAnonymous,
                Expr::value(anonymous),
            )
            .col_expr(
                group_event::Column::CertificateRequiresEvaluation,
                Expr::value(requires),
            )
            .col_expr(group_event::Column::TopicId, Expr::value(topic_id))
            .filter(group_event::Column::Id.eq(event.id))
            .exec(txn)
            .await?;
        Ok(())
    })
    .await?;
    Ok("Evaluation settings saved.".to_owned())
}
