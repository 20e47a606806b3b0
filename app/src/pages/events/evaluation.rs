//! `/events/evaluation/<token>`: an attendee's evaluation after the event, behind the link
//! e-mailed to them or their personal link (no log-in); and `/events/feedback/<id>`: the host
//! site's contacts' and the provider's feedback on an event (logged in). Each answers once.

use contract::views::evaluation::FormToAnswer;
use leptos::prelude::*;
use leptos_meta::Title;

use super::route_token;
use crate::api::error_message;
use crate::api::evaluations::{
    SubmitEvaluation, SubmitFeedback, load_evaluation, load_feedback_form,
};
use crate::components::evaluation::{GovernmentFields, QuestionFields};
use crate::components::forms::{ErrorSummary, FieldErrorSummary, SuccessNotice, refusals};

/// The form's heading, government fields and, when it cannot be answered, why.
#[component]
fn FormHead(form: FormToAnswer) -> impl IntoView {
    view! {
        <h2>{format!("{}: {}", form.kind_label, form.event_title)}</h2>
        <p>{form.when.clone()}</p>
        <GovernmentFields form=form.clone() />
        {form.anonymous.then(|| view! {
            <p class="hint" id="anonymous-note">"Your answers are anonymous: they are stored without your name."</p>
        })}
        {form.closed_reason.clone().map(|reason| view! {
            <p class="alert alert--info" role="status" id="evaluation-closed">{reason}</p>
        })}
    }
}

#[component]
pub fn EvaluationPage() -> impl IntoView {
    let token = route_token();
    let submit = ServerAction::<SubmitEvaluation>::new();
    let form = crate::resource::resource(
        move || (token(), submit.version().get()),
        |(token, _)| load_evaluation(token),
    );
    let (errors, general) = refusals(submit);
    let done = Signal::derive(move || submit.value().get().and_then(Result::ok));
    view! {
        <Title text="Evaluate the event" />
        <div class="container container--narrow">
            <h1>"Evaluate the event"</h1>
            <SuccessNotice message=done />
            <Transition fallback=|| view! { <p role="status">"Loading the evaluation…"</p> }>
                {move || Suspend::new(async move {
                    match form.await {
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                        Ok(shown) => {
                            let open = shown.closed_reason.is_none();
                            let questions = shown.questions.clone();
                            view! {
                                <FormHead form=shown />
                                {open.then(|| view! {
                                    <ErrorSummary message=general />
                                    <FieldErrorSummary errors />
                                    <ActionForm action=submit attr:class="form" attr:id="evaluation-form" attr:novalidate=true>
                                        <input type="hidden" name="token" value=token() />
                                        <QuestionFields questions errors />
                                        <button class="button" type="submit" id="submit-evaluation">"Send my evaluation"</button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let id = crate::pages::coordinator::events::route_id();
    let submit = ServerAction::<SubmitFeedback>::new();
    let form = crate::resource::resource(
        move || (id(), submit.version().get()),
        |(id, _)| load_feedback_form(id),
    );
    let (errors, general) = refusals(submit);
    let done = Signal::derive(move || submit.value().get().and_then(Result::ok));
    view! {
        <Title text="Feedback on an event" />
        <div class="container container--narrow">
            <h1>"Feedback on an event"</h1>
            <SuccessNotice message=done />
            <Transition fallback=|| view! { <p role="status">"Loading the form…"</p> }>
                {move || Suspend::new(async move {
                    match form.await {
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                        Ok(shown) => {
                            let open = shown.closed_reason.is_none();
                            let questions = shown.questions.clone();
                            let title = shown.form_title.clone();
                            view! {
                                <FormHead form=shown />
                                <p><strong>{title}</strong></p>
                                {open.then(|| view! {
                                    <ErrorSummary message=general />
                                    <FieldErrorSummary errors />
                                    <ActionForm action=submit attr:class="form" attr:id="feedback-form" attr:novalidate=true>
                                        <input type="hidden" name="id" value=id().to_string() />
                                        <QuestionFields questions errors />
                                        <button class="button" type="submit" id="submit-feedback">"Send my feedback"</button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}
