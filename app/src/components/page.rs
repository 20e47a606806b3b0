//! Small pieces shared by pages that load data: the message for a failed load.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::error_message;

/// What went wrong loading a page's data (not logged in, not found, server trouble).
#[component]
pub fn LoadError(error: ServerFnError) -> impl IntoView {
    let message = error_message(&error);
    let login = message.contains("not logged in");
    // The log-in page brings the person back here afterwards.
    let location = use_location();
    let login_href = move || {
        let (path, search) = (location.pathname.get(), location.search.get());
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        crate::return_to::login_path(&here)
    };
    view! {
        <div class="alert alert--error" role="alert">
            <h2 class="alert__heading">"This page could not be shown"</h2>
            <p>{message}</p>
            {login.then(|| view! { <p><a href=login_href>"Log in"</a></p> })}
        </div>
    }
}
