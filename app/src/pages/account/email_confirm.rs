//! `/account/email/confirm?token=…`: the link sent to a new e-mail address. Nothing changes
//! until the person presses the button (a mail scanner opening the link changes nothing).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::account::ConfirmEmail;
use crate::components::forms::{ErrorSummary, SuccessNotice, failure};

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    let error = failure(move || action.value().get());
    let done = Signal::derive(move || action.value().get().and_then(Result::ok));
    let token =
        StoredValue::new(use_query_map().with_untracked(|q| q.get("token").unwrap_or_default()));
    view! {
        <Title text="Confirm your new e-mail address" />
        <div class="container container--narrow">
            <h1>"Confirm your new e-mail address"</h1>
            <SuccessNotice message=done />
            <ErrorSummary message=error />
            <Show when=move || done.get().is_none()>
                <p>"Press the button to make this address the one you log in with."</p>
                <ActionForm action attr:class="form">
                    <input type="hidden" name="token" value=token.get_value() />
                    <button class="button" type="submit" id="confirm-email">"Confirm the new address"</button>
                </ActionForm>
            </Show>
            <p><a href="/account">"Go to My account"</a></p>
        </div>
    }
}
