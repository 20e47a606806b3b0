//! Server functions of post-event evaluations: an attendee's form and submission behind a
//! link (public: the link is the credential), the host site's and provider's feedback, an
//! event's evaluation section and settings, the forms staff keep and the aggregated results.

use leptos::prelude::*;

pub use contract::forms::{AnswersForm, EvaluationFormForm, EventEvaluationForm, ResultsQuery};
use contract::views::evaluation::{
    EvaluationResults, EventEvaluation, FormSummary, FormToAnswer, ResultFilters,
};

/// The attendee's form behind an evaluation or personal link. Public: the link is the
/// credential.
#[server(endpoint = "evaluations/form")]
pub async fn load_evaluation(token: String) -> Result<FormToAnswer, ServerFnError> {
    use super::context::{database, to_server_error};

    let db = database()?;
    service::events::evaluation::evaluation_form(&db, &token)
        .await
        .map_err(to_server_error)
}

/// Submits the attendee's answers, once. Public: the link is the credential.
#[server(endpoint = "evaluations/submit")]
pub async fn submit_evaluation(token: String, form: AnswersForm) -> Result<String, ServerFnError> {
    use super::context::{database, to_server_error};

    let db = database()?;
    service::events::evaluation::submit_evaluation(&db, &token, &form)
        .await
        .map_err(to_server_error)
}

/// The requester's or consultant's feedback form for an event. The host site's contacts and
/// the event's provider.
#[server(endpoint = "evaluations/feedback-form")]
pub async fn load_feedback_form(id: i32) -> Result<FormToAnswer, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::evaluation::feedback_form(&db, &actor, id)
        .await
        .map_err(to_server_error)
}

/// Submits the requester's or consultant's feedback, once. The host site's contacts and the
/// event's provider.
#[server(endpoint = "evaluations/feedback")]
pub async fn submit_feedback(id: i32, form: AnswersForm) -> Result<String, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::evaluation::submit_feedback(&db, &actor, id, &form)
        .await
        .map_err(to_server_error)
}

/// The evaluation section of an event's page. Any reader of the event (results for staff and
/// the readers of its participants).
#[server(endpoint = "evaluations/event")]
pub async fn load_event_evaluation(id: i32) -> Result<EventEvaluation, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::evaluation::event_evaluation(&db, &actor, id)
        .await
        .map_err(to_server_error)
}

/// Saves an event's evaluation settings. The event's coordinator.
#[server(endpoint = "evaluations/event/save")]
pub async fn save_event_evaluation(
    id: i32,
    form: EventEvaluationForm,
) -> Result<String, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::evaluation::save_event_evaluation(&db, &actor, id, &form)
        .await
        .map_err(to_server_error)
}

/// Every evaluation form with its questions. Staff.
#[server(endpoint = "evaluations/forms")]
pub async fn list_evaluation_forms() -> Result<Vec<FormSummary>, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::evaluation::evaluation_forms(&db, &actor)
        .await
        .map_err(to_server_error)
}

/// Creates an evaluation form; mistakes are a 400 naming each field. Staff.
#[server(endpoint = "evaluations/forms/create")]
pub async fn create_evaluation_form(form: EvaluationFormForm) -> Result<i32, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::evaluation::create_evaluation_form(&db, &actor, &form)
        .await
        .map_err(to_server_error)
}

/// Results aggregated over the events the filters match. Staff.
#[server(endpoint = "evaluations/results")]
pub async fn load_evaluation_results(
    form: ResultsQuery,
) -> Result<EvaluationResults, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::evaluation::evaluation_results(&db, &actor, &form)
        .await
        .map_err(to_server_error)
}

/// The results page's filter choices. Staff.
#[server(endpoint = "evaluations/filters")]
pub async fn evaluation_filters() -> Result<ResultFilters, ServerFnError> {
    use super::context::{database, to_server_error};
    use super::login_session::acting_person;

    let actor = acting_person()?;
    let db = database()?;
    service::events::evaluation::result_filters(&db, &actor)
        .await
        .map_err(to_server_error)
}
