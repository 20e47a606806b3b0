//! The evaluation forms, as typed: a coordinator's new evaluation form (its questions in
//! order), an event's evaluation settings, the answers to a form, and the results' filters.

use serde::{Deserialize, Serialize};

/// One question as typed on the "New evaluation form" page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    /// `rating` (1–5), `choice` (one of the choices) or `text`.
    pub kind: String,
    pub prompt: String,
    /// `true` when an answer is required.
    pub required: String,
    /// The rating scale's words for 1 and for 5.
    pub low_label: String,
    pub high_label: String,
    /// A multiple choice's options, one per line.
    pub choices: String,
}

/// A new evaluation form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvaluationFormForm {
    pub title: String,
    /// `participant`, `requester` or `consultant`.
    pub audience: String,
    /// OMB control number, e.g. `1121-0329` (optional).
    pub omb_number: String,
    /// `YYYY-MM-DD` (optional).
    pub omb_expires_on: String,
    pub burden_statement: String,
    pub questions: Vec<QuestionForm>,
}

/// An event's evaluation settings as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventEvaluationForm {
    /// The participant form's id (empty: the default form).
    pub form_id: String,
    /// `true`: responses are stored without the registration.
    pub anonymous: String,
    /// `true`: the certificate waits for the evaluation.
    pub certificate_requires_evaluation: String,
    /// The event's topic (empty: none).
    pub topic_id: String,
}

/// One answer: the question's id and the value typed or chosen (a rating `1`–`5`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub question_id: String,
    pub value: String,
}

/// The answers to an evaluation form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswersForm {
    pub answers: Vec<AnswerForm>,
}

/// The filters of the evaluation results (each empty: all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResultsQuery {
    pub event_id: String,
    pub provider_id: String,
    pub topic_id: String,
    pub engagement_id: String,
    /// `participant`, `requester`, `consultant` or empty.
    pub respondent: String,
}
