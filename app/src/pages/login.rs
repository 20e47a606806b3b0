//! `/login`: e-mail and password. Wrong credentials and lockouts are explained in an error
//! summary that takes focus.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::components::forms::{ErrorSummary, SuccessNotice, auth_changed, failure};
use crate::return_to::NEXT_PARAM;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let error = failure(move || action.value().get());
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            auth_changed();
        }
    });
    let query = use_query_map();
    // The page asked for before logging in (checked again by the server before it is followed).
    let next = query.with_untracked(|q| q.get(NEXT_PARAM).unwrap_or_default());
    let notice = query.with_untracked(|q| {
        if q.get("logged_out").is_some() {
            Some("You have logged out.".to_owned())
        } else if q.get("reset").is_some() {
            Some("Your password has been changed. Log in with your new password.".to_owned())
        } else if q.get("welcome").is_some() {
            Some("Your account is ready. Log in with the password you chose.".to_owned())
        } else {
            None
        }
    });

    view! {
        <Title text="Log in" />
        <div class="container container--narrow">
            <h1>"Log in"</h1>
            <SuccessNotice message=Signal::derive(move || notice.clone()) />
            <ErrorSummary message=error />
            <ActionForm action attr:class="form" attr:id="login-form">
                <input type="hidden" name=NEXT_PARAM value=next />
                <div class="form-group">
                    <label class="label" for="login-email">"E-mail address"</label>
                    <input
                        class="input"
                        id="login-email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        aria-invalid=move || error.get().is_some().then_some("true")
                    />
                </div>
                <div class="form-group">
                    <label class="label" for="login-password">"Password"</label>
                    <input
                        class="input"
                        id="login-password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-invalid=move || error.get().is_some().then_some("true")
                    />
                </div>
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    "Log in"
                </button>
            </ActionForm>
            <p>
                <a href="/password/forgot">"Forgot your password?"</a>
            </p>
        </div>
    }
}
