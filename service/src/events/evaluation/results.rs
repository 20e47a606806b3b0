//! Results: responses aggregated per form — a rating's mean and its 1–5 distribution, a
//! choice's counts, the free-text answers — for one event, or for the events of a provider, a
//! topic or an engagement (staff, `/coordinator/evaluations`). Names beside free text only for
//! the event's readers of personal data, and never for anonymous responses.

use std::collections::{BTreeMap, HashMap};

use contract::FieldErrors;
use contract::forms::ResultsQuery;
use contract::views::evaluation::{
    Bar, Choice, EvaluationResults, EventSummary, QuestionResult, ResultFilters, ResultSection,
    TextAnswer,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::shared::{Respondent, choices_of, questions};
use crate::access::{Actor, STAFF};
use crate::entities::{
    app_user, engagement, evaluation_answer, evaluation_form, evaluation_response,
    event_registration, group_event, site, topic,
};
use crate::{Database, ServiceError};

fn percent(count: usize, of: usize) -> u32 {
    if of == 0 {
        return 0;
    }
    u32::try_from((count * 100 + of / 2) / of).unwrap_or(100)
}

fn bars(counts: Vec<(String, usize)>, answered: usize) -> Vec<Bar> {
    counts
        .into_iter()
        .map(|(label, count)| Bar {
            percent: percent(count, answered),
            label,
            count,
        })
        .collect()
}

/// Who wrote each non-anonymous response, by response id (for readers of personal data).
async fn authors(
    db: &Database,
    responses: &[evaluation_response::Model],
) -> Result<HashMap<i32, String>, ServiceError> {
    let mut names = HashMap::new();
    for response in responses.iter().filter(|r| !r.anonymous) {
        let name = if let Some(id) = response.registration_id {
            event_registration::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .map(|r| r.name)
        } else if let Some(id) = response.user_id {
            app_user::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .map(|u| u.display_name)
        } else {
            None
        };
        if let Some(name) = name {
            names.insert(response.id, name);
        }
    }
    Ok(names)
}

/// Aggregates `responses`, one section per form, in form order.
pub(super) async fn aggregate(
    db: &Database,
    responses: &[evaluation_response::Model],
    with_names: bool,
) -> Result<EvaluationResults, ServiceError> {
    let names = if with_names {
        authors(db, responses).await?
    } else {
        HashMap::new()
    };
    let mut by_form: BTreeMap<i32, Vec<&evaluation_response::Model>> = BTreeMap::new();
    for response in responses {
        by_form.entry(response.form_id).or_default().push(response);
    }
    let mut sections = Vec::new();
    for (form_id, group) in by_form {
        let Some(form) = evaluation_form::Entity::find_by_id(form_id)
            .one(db.conn())
            .await?
        else {
            continue;
        };
        let ids: Vec<i32> = group.iter().map(|r| r.id).collect();
        let answers = evaluation_answer::Entity::find()
            .filter(evaluation_answer::Column::ResponseId.is_in(ids))
            .order_by_asc(evaluation_answer::Column::ResponseId)
            .all(db.conn())
            .await?;
        let mut results = Vec::new();
        for question in questions(db.conn(), form_id).await? {
            let mine: Vec<&evaluation_answer::Model> = answers
                .iter()
                .filter(|a| a.question_id == question.id)
                .collect();
            let answered = mine.len();
            let mut result = QuestionResult {
                question_id: question.id,
                prompt: question.prompt.clone(),
                kind: question.kind.clone(),
                answered,
                mean: None,
                bars: Vec::new(),
                texts: Vec::new(),
            };
            match question.kind.as_str() {
                "rating" => {
                    let ratings: Vec<i32> = mine.iter().filter_map(|a| a.rating).collect();
                    result.mean = mean_text(&ratings);
                    let counts = (1..=5)
                        .map(|value| {
                            let label = match value {
                                1 if !question.low_label.is_empty() => {
                                    format!("1 ({})", question.low_label)
                                }
                                5 if !question.high_label.is_empty() => {
                                    format!("5 ({})", question.high_label)
                                }
                                _ => value.to_string(),
                            };
                            (label, ratings.iter().filter(|r| **r == value).count())
                        })
                        .collect();
                    result.bars = bars(counts, answered);
                }
                "choice" => {
                    let counts = choices_of(&question)
                        .into_iter()
                        .map(|choice| {
                            let n = mine
                                .iter()
                                .filter(|a| a.choice.as_deref() == Some(choice.as_str()))
                                .count();
                            (choice, n)
                        })
                        .collect();
                    result.bars = bars(counts, answered);
                }
                _ => {
                    result.texts = mine
                        .iter()
                        .filter_map(|a| {
                            a.text.as_ref().map(|text| TextAnswer {
                                text: text.clone(),
                                by: names.get(&a.response_id).cloned(),
                            })
                        })
                        .collect();
                }
            }
            results.push(result);
        }
        sections.push(ResultSection {
            form_title: form.title.clone(),
            respondent_label: Respondent::label_of(&form.audience),
            responses: group.len(),
            questions: results,
        });
    }
    Ok(EvaluationResults {
        responses: responses.len(),
        sections,
        by_event: Vec::new(),
    })
}

/// A mean of ratings to two decimals, rounded half up, in integers.
fn mean_text(ratings: &[i32]) -> Option<String> {
    if ratings.is_empty() {
        return None;
    }
    let sum: i64 = ratings.iter().map(|r| i64::from(*r)).sum();
    let n = i64::try_from(ratings.len()).unwrap_or(i64::MAX);
    let hundredths = (sum * 1000 / n + 5) / 10;
    Some(format!("{}.{:02}", hundredths / 100, hundredths % 100))
}

/// One line per event that has responses: its title, provider, responses and mean rating.
async fn by_event(
    db: &Database,
    events: &[group_event::Model],
    responses: &[evaluation_response::Model],
) -> Result<Vec<EventSummary>, ServiceError> {
    let mut lines = Vec::new();
    for event in events {
        let mine: Vec<i32> = responses
            .iter()
            .filter(|r| r.event_id == event.id)
            .map(|r| r.id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let ratings: Vec<i32> = evaluation_answer::Entity::find()
            .filter(evaluation_answer::Column::ResponseId.is_in(mine.clone()))
            .filter(evaluation_answer::Column::Rating.is_not_null())
            .all(db.conn())
            .await?
            .into_iter()
            .filter_map(|a| a.rating)
            .collect();
        let provider = match event.provider_id {
            Some(id) => app_user::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .map(|u| u.display_name)
                .unwrap_or_default(),
            None => String::new(),
        };
        lines.push(EventSummary {
            event_id: event.id,
            title: event.title.clone(),
            provider,
            responses: mine.len(),
            mean_rating: mean_text(&ratings),
        });
    }
    Ok(lines)
}

/// The responses to the events in `event_ids`, of `respondent` when given.
pub(super) async fn responses_of(
    db: &Database,
    event_ids: Vec<i32>,
    respondent: Option<Respondent>,
) -> Result<Vec<evaluation_response::Model>, ServiceError> {
    let mut query = evaluation_response::Entity::find()
        .filter(evaluation_response::Column::EventId.is_in(event_ids))
        .order_by_asc(evaluation_response::Column::Id);
    if let Some(respondent) = respondent {
        query = query.filter(evaluation_response::Column::Respondent.eq(respondent.as_str()));
    }
    Ok(query.all(db.conn()).await?)
}

fn optional_id(errors: &mut FieldErrors, field: &str, text: &str) -> Option<i32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i32>() {
        Ok(id) => Some(id),
        Err(_) => {
            errors.add(field, "Choose one from the list.");
            None
        }
    }
}

/// Results aggregated over the events matching `query` (event, provider, topic, engagement,
/// respondent). Staff; no names (the per-event section shows them to who may see them).
pub async fn evaluation_results(
    db: &Database,
    actor: &Actor,
    query: &ResultsQuery,
) -> Result<EvaluationResults, ServiceError> {
    actor.require(STAFF)?;
    let mut errors = FieldErrors::new();
    let event_id = optional_id(&mut errors, "event_id", &query.event_id);
    let provider_id = optional_id(&mut errors, "provider_id", &query.provider_id);
    let topic_id = optional_id(&mut errors, "topic_id", &query.topic_id);
    let engagement_id = optional_id(&mut errors, "engagement_id", &query.engagement_id);
    let respondent = match query.respondent.trim() {
        "" => None,
        text => {
            let parsed = Respondent::parse(text);
            if parsed.is_none() {
                errors.add("respondent", "Choose attendees, requester or consultant.");
            }
            parsed
        }
    };
    if !errors.is_empty() {
        return Err(ServiceError::InvalidFields(errors));
    }
    let mut events = group_event::Entity::find();
    if let Some(id) = event_id {
        events = events.filter(group_event::Column::Id.eq(id));
    }
    if let Some(id) = provider_id {
        events = events.filter(group_event::Column::ProviderId.eq(id));
    }
    if let Some(id) = topic_id {
        events = events.filter(group_event::Column::TopicId.eq(id));
    }
    if let Some(id) = engagement_id {
        events = events.filter(group_event::Column::EngagementId.eq(id));
    }
    let events = events
        .order_by_desc(group_event::Column::StartsAt)
        .all(db.conn())
        .await?;
    let ids: Vec<i32> = events.iter().map(|e| e.id).collect();
    let responses = responses_of(db, ids, respondent).await?;
    let mut results = aggregate(db, &responses, false).await?;
    results.by_event = by_event(db, &events, &responses).await?;
    Ok(results)
}

/// The choices of the results page's filters: events, their providers, topics and
/// engagements. Staff.
pub async fn result_filters(db: &Database, actor: &Actor) -> Result<ResultFilters, ServiceError> {
    actor.require(STAFF)?;
    let events = group_event::Entity::find()
        .order_by_desc(group_event::Column::StartsAt)
        .all(db.conn())
        .await?;
    let mut providers = Vec::new();
    let mut engagements = Vec::new();
    for event in &events {
        if let Some(id) = event.provider_id
            && !providers.iter().any(|c: &Choice| c.id == id)
            && let Some(user) = app_user::Entity::find_by_id(id).one(db.conn()).await?
        {
            providers.push(Choice {
                id,
                label: user.display_name,
            });
        }
        if let Some(id) = event.engagement_id
            && !engagements.iter().any(|c: &Choice| c.id == id)
            && let Some(found) = engagement::Entity::find_by_id(id).one(db.conn()).await?
        {
            let site = site::Entity::find_by_id(found.site_id)
                .one(db.conn())
                .await?
                .map(|s| s.name)
                .unwrap_or_default();
            engagements.push(Choice {
                id,
                label: format!("{site}: {} engagement #{id}", found.kind),
            });
        }
    }
    providers.sort_by(|a, b| a.label.cmp(&b.label));
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
    Ok(ResultFilters {
        events: events
            .iter()
            .map(|e| Choice {
                id: e.id,
                label: format!("{} ({})", e.title, e.starts_at.format("%Y-%m-%d")),
            })
            .collect(),
        providers,
        topics,
        engagements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_have_two_decimals() {
        assert_eq!(mean_text(&[5, 4]).as_deref(), Some("4.50"));
        assert_eq!(mean_text(&[5, 4, 4]).as_deref(), Some("4.33"));
        assert_eq!(mean_text(&[]), None);
    }

    #[test]
    fn shares_round_to_whole_per_cent() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(4, 4), 100);
    }
}
