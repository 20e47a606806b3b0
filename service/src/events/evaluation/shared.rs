//! What every evaluation use case shares: who answers a form, the form an event uses, its
//! questions as the page shows them, the answers parsed against them (a required question left
//! empty is a 400 naming it), and a response written with its answers.

use chrono::{DateTime, Utc};
use contract::FieldErrors;
use contract::forms::AnswersForm;
use contract::views::evaluation::QuestionView;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::ServiceError;
use crate::entities::{
    evaluation_answer, evaluation_form, evaluation_question, evaluation_response, group_event,
};

/// Who answers a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Respondent {
    /// An attendee of the event.
    Participant,
    /// A contact of the host site (the site that asked for the TTA).
    Requester,
    /// The event's provider.
    Consultant,
}

impl Respondent {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "participant" => Some(Self::Participant),
            "requester" => Some(Self::Requester),
            "consultant" => Some(Self::Consultant),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Participant => "participant",
            Self::Requester => "requester",
            Self::Consultant => "consultant",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Participant => "Attendees",
            Self::Requester => "Requester (host site)",
            Self::Consultant => "Consultant (provider)",
        }
    }

    /// The label of a stored value (the value itself if unknown).
    pub fn label_of(stored: &str) -> String {
        Self::parse(stored).map_or_else(|| stored.to_owned(), |r| r.label().to_owned())
    }
}

/// The longest free-text answer kept.
const TEXT_LIMIT: usize = 4000;

/// The default form of `respondent`: the oldest (seeded by the migration).
pub(super) async fn default_form<C: ConnectionTrait>(
    conn: &C,
    respondent: Respondent,
) -> Result<evaluation_form::Model, ServiceError> {
    evaluation_form::Entity::find()
        .filter(evaluation_form::Column::Audience.eq(respondent.as_str()))
        .order_by_asc(evaluation_form::Column::Id)
        .one(conn)
        .await?
        .ok_or_else(|| {
            ServiceError::Internal(format!(
                "no evaluation form for {} (the migration seeds one)",
                respondent.as_str()
            ))
        })
}

/// The form `respondent` answers for `event`: the event's own choice for attendees, else the
/// default of that respondent.
pub(super) async fn form_for<C: ConnectionTrait>(
    conn: &C,
    event: &group_event::Model,
    respondent: Respondent,
) -> Result<evaluation_form::Model, ServiceError> {
    if respondent == Respondent::Participant
        && let Some(id) = event.evaluation_form_id
        && let Some(form) = evaluation_form::Entity::find_by_id(id).one(conn).await?
    {
        return Ok(form);
    }
    default_form(conn, respondent).await
}

/// A form's questions in order.
pub(super) async fn questions<C: ConnectionTrait>(
    conn: &C,
    form_id: i32,
) -> Result<Vec<evaluation_question::Model>, ServiceError> {
    Ok(evaluation_question::Entity::find()
        .filter(evaluation_question::Column::FormId.eq(form_id))
        .order_by_asc(evaluation_question::Column::Position)
        .order_by_asc(evaluation_question::Column::Id)
        .all(conn)
        .await?)
}

/// A multiple choice's options, one per stored line.
pub(super) fn choices_of(question: &evaluation_question::Model) -> Vec<String> {
    question
        .choices
        .lines()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(super) fn question_view(question: &evaluation_question::Model) -> QuestionView {
    QuestionView {
        id: question.id,
        kind: question.kind.clone(),
        prompt: question.prompt.clone(),
        required: question.required,
        low_label: question.low_label.clone(),
        high_label: question.high_label.clone(),
        choices: choices_of(question),
    }
}

/// The government fields shown on a form when set: OMB number, expiry, burden statement.
pub(super) fn government_fields(
    form: &evaluation_form::Model,
) -> (Option<String>, Option<String>, Option<String>) {
    let set = |text: &str| (!text.trim().is_empty()).then(|| text.trim().to_owned());
    (
        set(&form.omb_number),
        form.omb_expires_on
            .map(|day| format!("Expires {}", crate::timefmt::date(day))),
        set(&form.burden_statement),
    )
}

/// One parsed answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Answer {
    pub question_id: i32,
    pub rating: Option<i32>,
    pub choice: Option<String>,
    pub text: Option<String>,
}

/// The field an answer's mistake is shown beside.
pub(super) fn field_of(question_id: i32) -> String {
    format!("q{question_id}")
}

/// Parses `form` against `questions`: every mistake at once, each beside its question (`q<id>`)
/// and naming it; a required question left empty says so.
pub(super) fn parse_answers(
    questions: &[evaluation_question::Model],
    form: &AnswersForm,
) -> Result<Vec<Answer>, ServiceError> {
    let mut errors = FieldErrors::new();
    for typed in &form.answers {
        let known = typed
            .question_id
            .trim()
            .parse::<i32>()
            .ok()
            .is_some_and(|id| questions.iter().any(|q| q.id == id));
        if !known {
            errors.add(
                "answers",
                format!(
                    "Question {} is not on this form. Reload the page.",
                    typed.question_id.trim()
                ),
            );
        }
    }
    let mut answers = Vec::new();
    for question in questions {
        let value = form
            .answers
            .iter()
            .filter(|a| a.question_id.trim().parse::<i32>().ok() == Some(question.id))
            .map(|a| a.value.trim())
            .find(|v| !v.is_empty())
            .unwrap_or("");
        let field = field_of(question.id);
        if value.is_empty() {
            if question.required {
                errors.add(
                    field,
                    format!("“{}” needs an answer.", question.prompt.trim()),
                );
            }
            continue;
        }
        let mut answer = Answer {
            question_id: question.id,
            rating: None,
            choice: None,
            text: None,
        };
        match question.kind.as_str() {
            "rating" => match value.parse::<i32>() {
                Ok(n) if (1..=5).contains(&n) => answer.rating = Some(n),
                _ => {
                    errors.add(
                        field,
                        format!("“{}”: choose a rating from 1 to 5.", question.prompt.trim()),
                    );
                    continue;
                }
            },
            "choice" => {
                if let Some(choice) = choices_of(question).into_iter().find(|c| c == value) {
                    answer.choice = Some(choice);
                } else {
                    errors.add(
                        field,
                        format!("“{}”: choose one of the options.", question.prompt.trim()),
                    );
                    continue;
                }
            }
            _ => {
                if value.chars().count() > TEXT_LIMIT {
                    errors.add(
                        field,
                        format!(
                            "“{}”: keep the answer under {TEXT_LIMIT} characters.",
                            question.prompt.trim()
                        ),
                    );
                    continue;
                }
                answer.text = Some(value.to_owned());
            }
        }
        answers.push(answer);
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(ServiceError::InvalidFields(errors))
    }
}

/// Who wrote a response.
pub(super) struct Author {
    pub respondent: Respondent,
    pub registration_id: Option<i32>,
    pub user_id: Option<i32>,
    pub anonymous: bool,
}

/// Writes a response and its answers (inside the caller's transaction).
pub(super) async fn store_response<C: ConnectionTrait>(
    conn: &C,
    event_id: i32,
    form_id: i32,
    author: &Author,
    answers: &[Answer],
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    let response = evaluation_response::ActiveModel {
        event_id: Set(event_id),
        form_id: Set(form_id),
        respondent: Set(author.respondent.as_str().to_owned()),
        registration_id: Set(author.registration_id),
        user_id: Set(author.user_id),
        anonymous: Set(author.anonymous),
        submitted_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => already_received(),
        _ => ServiceError::from(e),
    })?;
    for answer in answers {
        evaluation_answer::ActiveModel {
            response_id: Set(response.id),
            question_id: Set(answer.question_id),
            rating: Set(answer.rating),
            choice: Set(answer.choice.clone()),
            text: Set(answer.text.clone()),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(response.id)
}

/// The polite refusal of a second response.
pub(super) fn already_received() -> ServiceError {
    ServiceError::Conflict(
        "Your evaluation was already received; each person answers once. Thank you!".to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::forms::AnswerForm;

    fn question(id: i32, kind: &str, required: bool) -> evaluation_question::Model {
        evaluation_question::Model {
            id,
            form_id: 1,
            position: id,
            kind: kind.into(),
            prompt: format!("Question {id}"),
            required,
            low_label: "Poor".into(),
            high_label: "Excellent".into(),
            choices: "Yes\nNo\n".into(),
        }
    }

    fn answers(pairs: &[(i32, &str)]) -> AnswersForm {
        AnswersForm {
            answers: pairs
                .iter()
                .map(|(id, v)| AnswerForm {
                    question_id: id.to_string(),
                    value: (*v).to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn answers_are_checked_against_their_questions() {
        let qs = [
            question(1, "rating", true),
            question(2, "choice", false),
            question(3, "text", false),
        ];
        let ok = parse_answers(&qs, &answers(&[(1, "4"), (2, "No"), (3, " fine ")])).unwrap();
        assert_eq!(ok[0].rating, Some(4));
        assert_eq!(ok[1].choice.as_deref(), Some("No"));
        assert_eq!(ok[2].text.as_deref(), Some("fine"));
        let Err(ServiceError::InvalidFields(errors)) =
            parse_answers(&qs, &answers(&[(2, "Maybe"), (9, "x")]))
        else {
            panic!("mistakes refused");
        };
        assert!(errors.message_for("q1").unwrap().contains("Question 1"));
        assert!(errors.message_for("q2").is_some());
        assert!(errors.message_for("answers").is_some());
        assert!(parse_answers(&qs, &answers(&[(1, "6")])).is_err());
    }
}
