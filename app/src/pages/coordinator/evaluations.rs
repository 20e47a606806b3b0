//! `/coordinator/evaluations`: evaluation results aggregated over the events a filter picks
//! (event, provider, topic, engagement, respondent), as charts with tables, and the
//! evaluation forms: the list with their questions and a "New evaluation form" builder
//! (ordered questions; the OMB control number, expiry and burden statement). Staff.

use contract::forms::ResultsQuery;
use contract::views::evaluation::{Choice, FormSummary, ResultFilters};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::error_message;
use crate::api::evaluations::{
    CreateEvaluationForm, evaluation_filters, list_evaluation_forms, load_evaluation_results,
};
use crate::components::evaluation::ResultsView;
use crate::components::forms::{
    ErrorSummary, FieldErrorSummary, FieldMessage, SuccessNotice, refusals,
};

#[component]
pub fn EvaluationsPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &'static str| query.read().get(name).unwrap_or_default();
    let wanted = move || ResultsQuery {
        event_id: param("event_id"),
        provider_id: param("provider_id"),
        topic_id: param("topic_id"),
        engagement_id: param("engagement_id"),
        respondent: param("respondent"),
    };
    let filters = crate::resource::resource(|| (), |()| evaluation_filters());
    let results = crate::resource::resource(wanted, load_evaluation_results);
    let create = ServerAction::<CreateEvaluationForm>::new();
    let forms =
        crate::resource::resource(move || create.version().get(), |_| list_evaluation_forms());
    view! {
        <Title text="Evaluations" />
        <div class="container container--wide">
            <h1>"Evaluations"</h1>
            <h2 id="results-heading">"Results"</h2>
            <Transition fallback=|| view! { <p role="status">"Loading the filters…"</p> }>
                {move || Suspend::new(async move {
                    match filters.await {
                        Ok(choices) => view! { <FilterForm choices current=wanted() /> }.into_any(),
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                    }
                })}
            </Transition>
            <Transition fallback=|| view! { <p role="status">"Adding up the results…"</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(results) => view! { <ResultsView results heading_level=3u8 /> }.into_any(),
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                    }
                })}
            </Transition>
            <h2 id="forms-heading">"Evaluation forms"</h2>
            <Transition fallback=|| view! { <p role="status">"Loading the forms…"</p> }>
                {move || Suspend::new(async move {
                    match forms.await {
                        Ok(forms) => view! { <FormList forms /> }.into_any(),
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                    }
                })}
            </Transition>
            <NewForm create />
        </div>
    }
}

#[component]
fn Select(
    id: &'static str,
    label: &'static str,
    choices: Vec<Choice>,
    current: String,
) -> impl IntoView {
    view! {
        <div class="form-group">
            <label class="label" for=format!("f-{id}")>{label}</label>
            <select class="select" id=format!("f-{id}") name=id>
                <option value="">"All"</option>
                {choices.into_iter().map(|c| {
                    let value = c.id.to_string();
                    let selected = value == current;
                    view! { <option value=value selected=selected>{c.label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn FilterForm(choices: ResultFilters, current: ResultsQuery) -> impl IntoView {
    let respondents = [
        ("", "Everyone"),
        ("participant", "Attendees"),
        ("requester", "Requester (host site)"),
        ("consultant", "Consultant (provider)"),
    ];
    view! {
        <Form method="GET" action="/coordinator/evaluations" attr:class="filters">
            <div class="filters__row">
                <Select id="event_id" label="Event" choices=choices.events current=current.event_id.clone() />
                <Select id="provider_id" label="Provider" choices=choices.providers current=current.provider_id.clone() />
                <Select id="topic_id" label="Topic" choices=choices.topics current=current.topic_id.clone() />
                <Select id="engagement_id" label="Engagement" choices=choices.engagements current=current.engagement_id.clone() />
                <div class="form-group">
                    <label class="label" for="f-respondent">"Respondents"</label>
                    <select class="select" id="f-respondent" name="respondent">
                        {respondents.map(|(value, label)| view! {
                            <option value=value selected=current.respondent == value>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button" type="submit" id="show-results">"Show results"</button>
            </div>
        </Form>
    }
}

#[component]
fn FormList(forms: Vec<FormSummary>) -> impl IntoView {
    view! {
        <ul class="evaluation-forms" id="evaluation-forms">
            {forms.into_iter().map(|form| view! {
                <li>
                    <details>
                        <summary>
                            {format!("{} — {}, {} questions", form.title, form.audience_label, form.question_count)}
                            {form.is_default.then_some(" (default)")}
                            {(!form.omb_number.is_empty()).then(|| format!(" · OMB {}", form.omb_number))}
                        </summary>
                        <ol>
                            {form.questions.into_iter().map(|q| view! {
                                <li>{format!("{} ({}{})", q.prompt, match q.kind.as_str() {
                                    "rating" => "rating 1–5",
                                    "choice" => "multiple choice",
                                    _ => "free text",
                                }, if q.required { ", required" } else { "" })}</li>
                            }).collect_view()}
                        </ol>
                    </details>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn NewForm(create: ServerAction<CreateEvaluationForm>) -> impl IntoView {
    let rows = RwSignal::new(3usize);
    let (errors, general) = refusals(create);
    let done = Signal::derive(move || {
        create
            .value()
            .get()
            .and_then(Result::ok)
            .map(|_| "The form is saved; events can now choose it.".to_owned())
    });
    view! {
        <section aria-labelledby="new-form-heading">
            <h2 id="new-form-heading">"New evaluation form"</h2>
            <SuccessNotice message=done />
            <ErrorSummary message=general />
            <FieldErrorSummary errors />
            <ActionForm action=create attr:class="form" attr:id="new-evaluation-form" attr:novalidate=true>
                <div class="form-group">
                    <label class="label" for="field-title">"Title"</label>
                    <FieldMessage field="title" errors />
                    <input class="input" id="field-title" name="form[title]" aria-describedby="field-title-error" />
                </div>
                <div class="form-group">
                    <label class="label" for="field-audience">"Who answers it"</label>
                    <FieldMessage field="audience" errors />
                    <select class="select" id="field-audience" name="form[audience]" aria-describedby="field-audience-error">
                        <option value="participant">"Attendees"</option>
                        <option value="requester">"Requester (host site contacts)"</option>
                        <option value="consultant">"Consultant (provider)"</option>
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="field-omb_number">"OMB control number (optional)"</label>
                    <FieldMessage field="omb_number" errors />
                    <input class="input input--short" id="field-omb_number" name="form[omb_number]" aria-describedby="field-omb_number-error" />
                </div>
                <div class="form-group">
                    <label class="label" for="field-omb_expires_on">"OMB expiry date (optional)"</label>
                    <FieldMessage field="omb_expires_on" errors />
                    <input class="input input--short" type="date" id="field-omb_expires_on" name="form[omb_expires_on]" aria-describedby="field-omb_expires_on-error" />
                </div>
                <div class="form-group">
                    <label class="label" for="field-burden_statement">"Burden statement (optional)"</label>
                    <FieldMessage field="burden_statement" errors />
                    <textarea class="textarea" id="field-burden_statement" name="form[burden_statement]" rows="3" aria-describedby="field-burden_statement-error"></textarea>
                </div>
                <FieldMessage field="questions" errors />
                {move || (0..rows.get()).map(|i| {
                    let name = |part: &str| format!("form[questions][{i}][{part}]");
                    let id = |part: &str| format!("field-questions[{i}].{part}");
                    let message = move |part: &'static str| {
                        let field = format!("questions[{i}].{part}");
                        move || errors.get().message_for(&field).map(str::to_owned)
                    };
                    view! {
                        <fieldset class="form-group question-row">
                            <legend class="label">{format!("Question {}", i + 1)}</legend>
                            <p class="error-message" role="status">{message("kind")}{message("prompt")}{message("choices")}{message("low_label")}</p>
                            <label class="label" for=id("kind")>"Kind"</label>
                            <select class="select" id=id("kind") name=name("kind")>
                                <option value="rating">"Rating 1–5"</option>
                                <option value="choice">"Multiple choice"</option>
                                <option value="text">"Free text"</option>
                            </select>
                            <label class="label" for=id("prompt")>"Wording"</label>
                            <input class="input" id=id("prompt") name=name("prompt") />
                            <span class="checkbox">
                                <input type="checkbox" id=id("required") name=name("required") value="true" />
                                <label for=id("required")>"Required"</label>
                            </span>
                            <label class="label" for=id("low_label")>"Rating: words for 1 (e.g. Poor)"</label>
                            <input class="input input--short" id=id("low_label") name=name("low_label") />
                            <label class="label" for=id("high_label")>"Rating: words for 5 (e.g. Excellent)"</label>
                            <input class="input input--short" id=id("high_label") name=name("high_label") />
                            <label class="label" for=id("choices")>"Multiple choice: options, one per line"</label>
                            <textarea class="textarea" id=id("choices") name=name("choices") rows="3"></textarea>
                        </fieldset>
                    }
                }).collect_view()}
                <p class="hint">"Empty questions are left out."</p>
                <button class="button button--outline" type="button" id="add-question" on:click=move |_| rows.update(|n| *n += 1)>"Add a question"</button>
                <button class="button" type="submit" id="save-evaluation-form">"Save the form"</button>
            </ActionForm>
        </section>
    }
}
