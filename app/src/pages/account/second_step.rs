//! `/login/two-factor`: after a correct password, the code from the person's authenticator app
//! (or a recovery code); or, for a person who must set up a second factor now, the set-up
//! itself. Without a pending log-in it sends the person back to log in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::enrolment::{RecoveryCodes, ScanSecret};
use crate::api::second_step::{
    EnrolSecondStep, VerifySecondStep, second_step_enrolment, second_step_purpose,
};
use crate::components::forms::{ErrorSummary, auth_changed, failure};
use crate::components::page::LoadError;
use crate::return_to::NEXT_PARAM;

#[component]
pub fn SecondStepPage() -> impl IntoView {
    let purpose = crate::resource::resource(|| (), |_| second_step_purpose());
    let next = use_query_map().with_untracked(|q| q.get(NEXT_PARAM).unwrap_or_default());
    view! {
        <Title text="Two-factor authentication" />
        <div class="container container--narrow">
            <h1>"Two-factor authentication"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        match purpose.await {
                            Err(error) => view! { <LoadError error /> }.into_any(),
                            Ok(Some(purpose)) if purpose == "verify" => view! { <VerifyForm next /> }.into_any(),
                            Ok(Some(_)) => view! { <EnrolForm next /> }.into_any(),
                            Ok(None) => view! {
                                <p>"Your log-in has timed out, or it was completed already."</p>
                                <p><a href="/login">"Log in again"</a></p>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn VerifyForm(next: String) -> impl IntoView {
    let action = ServerAction::<VerifySecondStep>::new();
    let error = failure(move || action.value().get());
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            auth_changed();
        }
    });
    view! {
        <p>"Your password is right. Now type the code your authenticator app shows."</p>
        <ErrorSummary message=error />
        <ActionForm action attr:class="form" attr:id="second-step-form">
            <input type="hidden" name="next" value=next />
            <div class="form-group">
                <label class="label" for="two-factor-code">"Code from your app"</label>
                <p class="hint" id="two-factor-code-hint">
                    "Six digits. If you do not have your phone, type one of your recovery codes (like abcd-efgh-jkmn-pqrs) instead."
                </p>
                <input
                    class="input input--short"
                    id="two-factor-code"
                    name="code"
                    type="text"
                    autocomplete="one-time-code"
                    autocapitalize="off"
                    spellcheck="false"
                    required
                    aria-describedby="two-factor-code-hint"
                    aria-invalid=move || error.get().is_some().then_some("true")
                />
            </div>
            <button class="button" type="submit" disabled=move || action.pending().get()>"Continue"</button>
        </ActionForm>
        <p><a href="/login">"Log in as someone else"</a></p>
    }
}

#[component]
fn EnrolForm(next: String) -> impl IntoView {
    let secret = crate::resource::resource(|| (), |_| second_step_enrolment());
    let action = ServerAction::<EnrolSecondStep>::new();
    let error = failure(move || action.value().get());
    let codes = Signal::derive(move || action.value().get().and_then(Result::ok));
    Effect::new(move |_| {
        if codes.get().is_some() {
            auth_changed();
        }
    });
    let continue_to =
        crate::return_to::after_login(Some(next.as_str()).filter(|n| !n.is_empty())).to_owned();
    view! {
        <Show
            when=move || codes.get().is_none()
            fallback=move || view! {
                <div class="alert alert--success" role="status">
                    <p>"Two-factor authentication is on, and you are logged in."</p>
                </div>
                <RecoveryCodes codes=codes.get().unwrap_or_default() />
                <p><a class="button" href=continue_to.clone() rel="external" id="continue-after-setup">"Continue"</a></p>
            }
        >
            <p>"Your role must use two-factor authentication, and your grace period is over. Set it up now to continue."</p>
            <ErrorSummary message=error />
            <Suspense fallback=|| view! { <p class="loading">"Preparing your key…"</p> }>
                {move || Suspend::new(async move {
                    match secret.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(view) => view! { <ScanSecret view /> }.into_any(),
                    }
                })}
            </Suspense>
            <ActionForm action attr:class="form" attr:id="second-step-enrol-form">
                <div class="form-group">
                    <label class="label" for="two-factor-setup-code">"Code from your app"</label>
                    <input
                        class="input input--short"
                        id="two-factor-setup-code"
                        name="code"
                        type="text"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        required
                    />
                </div>
                <button class="button" type="submit">"Turn on and continue"</button>
            </ActionForm>
        </Show>
    }
}
