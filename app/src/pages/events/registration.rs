//! `/events/registration/<token>`: a participant's own page behind their personal link — the
//! event on their clock, whether they have a seat or their place on the waitlist, cancelling
//! (works once) and checking in with the code shown at the event.

use leptos::prelude::*;
use leptos_meta::Title;

use contract::views::group_event::MyRegistration;

use super::route_token;
use crate::api::error_message;
use crate::api::events::{CancelRegistration, CheckIn, load_my_registration};
use crate::components::forms::{
    ErrorSummary, FieldErrorSummary, FieldMessage, SuccessNotice, failure, refusals,
};

#[component]
pub fn MyRegistrationPage() -> impl IntoView {
    let token = route_token();
    let cancel = ServerAction::<CancelRegistration>::new();
    let check_in = ServerAction::<CheckIn>::new();
    let mine = crate::resource::resource(
        move || (token(), cancel.version().get(), check_in.version().get()),
        |(token, ..)| load_my_registration(token),
    );
    view! {
        <Title text="Your registration" />
        <div class="container container--narrow">
            <h1>"Your registration"</h1>
            <Transition fallback=|| view! { <p role="status">"Loading your registration…"</p> }>
                {move || Suspend::new(async move {
                    match mine.await {
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                        Ok(mine) => view! { <MineView mine token=token() cancel check_in /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn MineView(
    mine: MyRegistration,
    token: String,
    cancel: ServerAction<CancelRegistration>,
    check_in: ServerAction<CheckIn>,
) -> impl IntoView {
    let cancel_error = failure(move || cancel.value().get());
    let cancel_done = Signal::derive(move || cancel.value().get().and_then(Result::ok));
    let (code_errors, code_general) = refusals(check_in);
    let checked = Signal::derive(move || check_in.value().get().and_then(Result::ok));
    let token_for_check_in = token.clone();
    view! {
        <SuccessNotice message=cancel_done />
        <SuccessNotice message=checked />
        <h2>{format!("{}: {}", mine.kind_label, mine.event_title)}</h2>
        <dl class="facts">
            <dt>"Name"</dt><dd>{mine.name.clone()}</dd>
            <dt>"When (your clock)"</dt><dd>{mine.when.clone()}</dd>
            {(!mine.location.is_empty()).then(|| view! { <dt>"Where"</dt><dd>{mine.location.clone()}</dd> })}
            {(!mine.virtual_link.is_empty()).then(|| view! { <dt>"Join"</dt><dd>{mine.virtual_link.clone()}</dd> })}
            <dt>"Status"</dt><dd id="registration-status">{mine.status_label.clone()}</dd>
            {mine.checked_in.clone().map(|text| view! { <dt>"Attendance"</dt><dd id="checked-in">{text}</dd> })}
        </dl>
        {mine.evaluation_path.clone().map(|path| view! {
            <section aria-labelledby="evaluation-heading">
                <h2 id="evaluation-heading">"How was it?"</h2>
                <p>"Please evaluate the event: it takes about five minutes."</p>
                <p><a class="button" href=path id="evaluate-event">"Evaluate the event"</a></p>
            </section>
        })}
        {mine.evaluation_note.clone().map(|note| view! {
            <p class="hint" id="evaluation-note">{note}</p>
        })}
        {mine.certificate_path.clone().map(|path| view! {
            <section aria-labelledby="certificate-heading">
                <h2 id="certificate-heading">"Certificate of completion"</h2>
                <p><a class="button" href=path id="certificate-download" download>"Download your certificate (PDF)"</a></p>
                <p class="hint">"Its verification code can be checked by anyone at "<a href="/certificates/verify">"Verify a certificate"</a>"."</p>
            </section>
        })}
        {mine.certificate_note.clone().map(|note| view! {
            <p class="hint" id="certificate-note">{note}</p>
        })}
        {mine.can_check_in.then(|| view! {
            <section aria-labelledby="check-in-heading">
                <h2 id="check-in-heading">"Check in"</h2>
                <ErrorSummary message=code_general />
                <FieldErrorSummary errors=code_errors />
                <ActionForm action=check_in attr:class="form" attr:id="check-in-form" attr:novalidate=true>
                    <input type="hidden" name="token" value=token_for_check_in />
                    <div class="form-group">
                        <label class="label" for="field-code">"Code shown at the event"</label>
                        <FieldMessage field="code" errors=code_errors />
                        <input class="input input--short" id="field-code" name="code" autocomplete="off" autocapitalize="characters"
                            aria-describedby="field-code-error"
                            aria-invalid=move || code_errors.get().message_for("code").map(|_| "true") />
                    </div>
                    <button class="button" type="submit" id="check-in">"Check in"</button>
                </ActionForm>
            </section>
        })}
        {mine.can_cancel.then(|| view! {
            <section aria-labelledby="cancel-heading">
                <h2 id="cancel-heading">"Cannot come?"</h2>
                <p>"Cancelling gives your place to the next person waiting. This link cancels once."</p>
                <ErrorSummary message=cancel_error />
                <ActionForm action=cancel attr:class="form" attr:id="cancel-registration-form">
                    <input type="hidden" name="token" value=token.clone() />
                    <button class="button button--danger" type="submit" id="cancel-registration">"Cancel my registration"</button>
                </ActionForm>
            </section>
        })}
    }
}
