//! `/login`: e-mail and password. Wrong credentials and lockouts are explained in an error
//! summary that takes focus. When OpenID Connect providers are configured, a "Sign in with …"
//! button for each (see `sign_in_buttons`), and a refused sign-in's reason from `oidc_error`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::api::sign_in_options::sign_in_options;
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
    // Why an OpenID Connect sign-in was refused (the server sent the browser back here).
    let oidc_error = query.with_untracked(|q| {
        q.get(contract::sign_in::REFUSAL_PARAM)
            .and_then(|code| contract::sign_in::refusal_message(&code))
            .map(str::to_owned)
    });
    let buttons = crate::resource::resource(|| (), |_| sign_in_options());
    let button_next = next.clone();
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
            <ErrorSummary message=Signal::derive(move || oidc_error.clone()) />
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
            <Suspense fallback=|| ()>
                {move || {
                    let next = button_next.clone();
                    buttons
                        .get()
                        .and_then(Result::ok)
                        .filter(|list| !list.is_empty())
                        .map(move |list| sign_in_buttons(list, &next))
                }}
            </Suspense>
        </div>
    }
}

/// "Sign in with <label>" for each provider: plain links to the server's start address
/// (`rel="external"`, so the router lets the browser go there).
fn sign_in_buttons(
    list: Vec<contract::sign_in::SignInButton>,
    next: &str,
) -> impl IntoView + use<> {
    let items = list
        .into_iter()
        .map(|button| {
            let href = button.start_path(next);
            view! {
                <li>
                    <a class="button button--secondary" href=href rel="external">
                        {format!("Sign in with {}", button.label)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="sign-in-options-heading">
            <h2 id="sign-in-options-heading">"Or sign in with an identity provider"</h2>
            <ul class="sign-in-options">{items}</ul>
        </section>
    }
}
