//! Small pieces shared by pages that load data: the message for a failed load.

use leptos::prelude::*;

use crate::api::error_message;

/// What went wrong loading a page's data (not logged in, not found, server trouble).
#[component]
pub fn LoadError(error: ServerFnError) -> impl IntoView {
    let message = error_message(&error);
    let login = message.contains("not logged in");
    view! {
        <div class="alert alert--error" role="alert">
            <h2 class="alert__heading">"This page could not be shown"</h2>
            <p>{message}</p>
            {login.then(|| view! { <p><a href="/login">"Log in"</a></p> })}
        </div>
    }
}
