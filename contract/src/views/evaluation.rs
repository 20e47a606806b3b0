//! What the evaluation pages show: a form to answer (with its government fields when set), the
//! forms a coordinator keeps, an event's evaluation settings and results, and the results
//! aggregated with filters. Bars carry their numbers as text so charts have a text equivalent.

use serde::{Deserialize, Serialize};

/// One question to answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: i32,
    /// `rating`, `choice` or `text`.
    pub kind: String,
    pub prompt: String,
    pub required: bool,
    pub low_label: String,
    pub high_label: String,
    pub choices: Vec<String>,
}

/// A form as its respondent sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormToAnswer {
    pub event_title: String,
    pub kind_label: String,
    /// In the respondent's zone.
    pub when: String,
    pub form_title: String,
    /// Shown only when set.
    pub omb_number: Option<String>,
    /// `Expires 31 Dec 2027`, only when set.
    pub omb_expires: Option<String>,
    pub burden_statement: Option<String>,
    /// Whether the answers are stored without the respondent's name.
    pub anonymous: bool,
    pub questions: Vec<QuestionView>,
    /// Why it cannot be answered now (already submitted, not yet over…); `None`: open.
    pub closed_reason: Option<String>,
}

/// One form in the coordinator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSummary {
    pub id: i32,
    pub title: String,
    /// `participant`, `requester` or `consultant`.
    pub audience: String,
    /// `Attendees`, `Requester (host site)`, `Consultant (provider)`.
    pub audience_label: String,
    pub question_count: usize,
    pub omb_number: String,
    /// The default form of its audience (the oldest).
    pub is_default: bool,
    pub questions: Vec<QuestionView>,
}

/// One choice for a select.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub label: String,
}

/// One bar of a chart: a rating value or a choice, with its count and share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub count: usize,
    /// Whole per cent of the question's answers.
    pub percent: u32,
}

/// A free-text answer; `by` only for readers of personal data and non-anonymous responses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnswer {
    pub text: String,
    pub by: Option<String>,
}

/// One question's aggregate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub question_id: i32,
    pub prompt: String,
    pub kind: String,
    pub answered: usize,
    /// A rating's mean to two decimals, e.g. `4.25`.
    pub mean: Option<String>,
    /// A rating's 1–5 or a choice's options, in order.
    pub bars: Vec<Bar>,
    pub texts: Vec<TextAnswer>,
}

/// The results of one form (responses may span several events).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultSection {
    pub form_title: String,
    pub respondent_label: String,
    pub responses: usize,
    pub questions: Vec<QuestionResult>,
}

/// One event's line in the results across events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSummary {
    pub event_id: i32,
    pub title: String,
    pub provider: String,
    pub responses: usize,
    /// The mean of every rating answer of the event, to two decimals.
    pub mean_rating: Option<String>,
}

/// Aggregated results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationResults {
    pub responses: usize,
    pub sections: Vec<ResultSection>,
    /// Across events: one line per event with responses (empty on an event's own page).
    #[serde(default)]
    pub by_event: Vec<EventSummary>,
}

/// The choices of the results page's filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultFilters {
    pub events: Vec<Choice>,
    pub providers: Vec<Choice>,
    pub topics: Vec<Choice>,
    pub engagements: Vec<Choice>,
}

/// The evaluation section of one event's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEvaluation {
    pub form_id: i32,
    pub form_title: String,
    pub anonymous: bool,
    pub certificate_requires_evaluation: bool,
    pub topic_id: Option<i32>,
    /// Whether the reader may change the settings (the event's coordinator).
    pub can_edit: bool,
    pub form_choices: Vec<Choice>,
    pub topic_choices: Vec<Choice>,
    /// Attendees (recorded present), evaluations e-mailed and submitted.
    pub attendees: usize,
    pub invited: usize,
    pub submitted: usize,
    /// `requester` or `consultant` when the reader may give that feedback and has not yet.
    pub feedback_to_give: Option<String>,
    /// Whether the reader may see the results (staff and who may see participants).
    pub results: Option<EvaluationResults>,
}
