//! `/password/forgot` (ask for a reset link) and `/password/reset?token=…` (choose a new one).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{ForgotPassword, ResetPassword};
use crate::components::forms::{ErrorSummary, SuccessNotice, failure};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let error = failure(move || action.value().get());
    let sent = Signal::derive(move || match action.value().get() {
        Some(Ok(message)) => Some(message),
        _ => None,
    });
    view! {
        <Title text="Forgot your password" />
        <div class="container container--narrow">
            <h1>"Forgot your password"</h1>
            <p>"Enter the e-mail address of your account and we will send you a link to choose a new password."</p>
            <p class="hint">"Only the newest link we sent works. Asking again within a few minutes sends nothing new: wait for the first message, and check your spam folder."</p>
            <SuccessNotice message=sent />
            <ErrorSummary message=error />
            <ActionForm action attr:class="form">
                <div class="form-group">
                    <label class="label" for="forgot-email">"E-mail address"</label>
                    <input class="input" id="forgot-email" name="email" type="email" autocomplete="username" required />
                </div>
                <button class="button" type="submit">"Send the link"</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = failure(move || action.value().get());
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    view! {
        <Title text="Choose a new password" />
        <div class="container container--narrow">
            <h1>"Choose a new password"</h1>
            <ErrorSummary message=error />
            <ActionForm action attr:class="form">
                <input type="hidden" name="token" value=token />
                <PasswordFields />
                <button class="button" type="submit">"Change the password"</button>
            </ActionForm>
        </div>
    }
}

/// New password typed twice, with the rules stated up front.
#[component]
pub fn PasswordFields() -> impl IntoView {
    view! {
        <div class="form-group">
            <label class="label" for="new-password">"New password"</label>
            <p class="hint" id="new-password-hint">
                "12 to 128 characters. A few unrelated words make a strong password; very common passwords are refused."
            </p>
            <input
                class="input"
                id="new-password"
                name="password"
                type="password"
                autocomplete="new-password"
                minlength="12"
                maxlength="128"
                required
                aria-describedby="new-password-hint"
            />
        </div>
        <div class="form-group">
            <label class="label" for="new-password-confirm">"Type the new password again"</label>
            <input
                class="input"
                id="new-password-confirm"
                name="password_confirm"
                type="password"
                autocomplete="new-password"
                required
            />
        </div>
    }
}
