//! The "Evaluation" section of an event's page: the form attendees answer, anonymity, whether
//! the certificate waits for the evaluation and the event's topic (its coordinator changes
//! them), how many attendees were asked and answered, a link to the reader's own requester or
//! consultant feedback when due, and the event's results.

use contract::views::evaluation::EventEvaluation;
use leptos::prelude::*;

use crate::api::error_message;
use crate::api::evaluations::{SaveEventEvaluation, load_event_evaluation};
use crate::components::evaluation::ResultsView;
use crate::components::forms::{
    ErrorSummary, FieldErrorSummary, FieldMessage, SuccessNotice, refusals,
};

#[component]
pub fn EventEvaluationSection(id: i32) -> impl IntoView {
    let save = ServerAction::<SaveEventEvaluation>::new();
    let section = crate::resource::resource(
        move || save.version().get(),
        move |_| load_event_evaluation(id),
    );
    view! {
        <section aria-labelledby="evaluation-heading" id="event-evaluation">
            <h2 id="evaluation-heading">"Evaluation"</h2>
            <Transition fallback=|| view! { <p role="status">"Loading the evaluation…"</p> }>
                {move || Suspend::new(async move {
                    match section.await {
                        Ok(shown) => view! { <SectionBody id shown save /> }.into_any(),
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SectionBody(
    id: i32,
    shown: EventEvaluation,
    save: ServerAction<SaveEventEvaluation>,
) -> impl IntoView {
    let (errors, general) = refusals(save);
    let done = Signal::derive(move || save.value().get().and_then(Result::ok));
    let settings = format!(
        "Form: {}. {} {}",
        shown.form_title,
        if shown.anonymous {
            "Responses are anonymous."
        } else {
            "Responses carry the attendee's name."
        },
        if shown.certificate_requires_evaluation {
            "The certificate waits for the evaluation."
        } else {
            "The certificate does not wait for the evaluation."
        }
    );
    let feedback = shown.feedback_to_give.clone().map(|kind| {
        let label = if kind == "consultant" { "Give your consultant feedback" } else { "Give your site's feedback" };
        view! { <p><a class="button" id="give-feedback" href=format!("/events/feedback/{id}")>{label}</a></p> }
    });
    let form_id = shown.form_id.to_string();
    let topic_id = shown.topic_id.map(|t| t.to_string()).unwrap_or_default();
    view! {
        <p id="evaluation-settings">{settings}</p>
        <p id="evaluation-counts">{format!(
            "{} attendees recorded present; {} asked by e-mail; {} evaluations received.",
            shown.attendees, shown.invited, shown.submitted
        )}</p>
        {feedback}
        {shown.can_edit.then(|| view! {
            <details>
                <summary>"Change the evaluation settings"</summary>
                <SuccessNotice message=done />
                <ErrorSummary message=general />
                <FieldErrorSummary errors />
                <ActionForm action=save attr:class="form" attr:id="evaluation-settings-form" attr:novalidate=true>
                    <input type="hidden" name="id" value=id.to_string() />
                    <div class="form-group">
                        <label class="label" for="field-form_id">"Attendees' form"</label>
                        <FieldMessage field="form_id" errors />
                        <select class="select" id="field-form_id" name="form[form_id]" aria-describedby="field-form_id-error">
                            {shown.form_choices.iter().map(|c| {
                                let value = c.id.to_string();
                                let selected = value == form_id;
                                view! { <option value=value selected=selected>{c.label.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-topic_id">"Topic (for results per topic)"</label>
                        <FieldMessage field="topic_id" errors />
                        <select class="select" id="field-topic_id" name="form[topic_id]" aria-describedby="field-topic_id-error">
                            <option value="">"None"</option>
                            {shown.topic_choices.iter().map(|c| {
                                let value = c.id.to_string();
                                let selected = value == topic_id;
                                view! { <option value=value selected=selected>{c.label.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <span class="checkbox">
                        <input type="checkbox" id="field-anonymous" name="form[anonymous]" value="true" checked=shown.anonymous />
                        <label for="field-anonymous">"Anonymous responses (stored without the attendee's name)"</label>
                    </span>
                    <span class="checkbox">
                        <input type="checkbox" id="field-certificate_requires_evaluation" name="form[certificate_requires_evaluation]"
                            value="true" checked=shown.certificate_requires_evaluation />
                        <label for="field-certificate_requires_evaluation">"The certificate waits for the evaluation"</label>
                    </span>
                    <button class="button" type="submit" id="save-evaluation-settings">"Save the evaluation settings"</button>
                </ActionForm>
            </details>
        })}
        {shown.results.map(|results| view! {
            <h3>"Results"</h3>
            <ResultsView results heading_level=4u8 />
        })}
    }
}
