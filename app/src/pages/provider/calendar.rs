//! `/provider/calendar`: the provider's calendar subscription — a secret address to add to
//! Outlook or Google Calendar, shown once when made, renewable and revocable.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::calendar_feed::{RenewCalendarFeed, RevokeCalendarFeed, calendar_feed_status};
use crate::api::error_message;
use crate::components::forms::{ErrorSummary, failure};

#[component]
pub fn ProviderCalendarPage() -> impl IntoView {
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let revoke = ServerAction::<RevokeCalendarFeed>::new();
    let status = crate::resource::resource(
        move || (renew.version().get(), revoke.version().get()),
        |_| calendar_feed_status(),
    );
    let error = Signal::derive(move || {
        failure(move || renew.value().get())
            .get()
            .or_else(|| failure(move || revoke.value().get()).get())
    });
    let fresh = move || renew.value().get().and_then(Result::ok);
    view! {
        <Title text="Calendar subscription" />
        <div class="container">
            <h1>"Calendar subscription"</h1>
            <p class="lead">
                "Subscribe to your confirmed sessions from Outlook, Google Calendar or Apple Calendar. "
                "The address is secret: anyone who has it can read your sessions."
            </p>
            <ErrorSummary message=error />
            {move || fresh().map(|url| view! {
                <div class="alert alert--success" role="status">
                    <p>"Your new address (shown only now — copy it into your calendar app):"</p>
                    <label class="label" for="feed-url">"Calendar address"</label>
                    <input class="input" id="feed-url" readonly value=url.clone() on:focus=move |ev| {
                        #[cfg(feature = "hydrate")]
                        {
                            use leptos::wasm_bindgen::JsCast;
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        }
                        #[cfg(not(feature = "hydrate"))]
                        let _ = ev;
                    } />
                </div>
            })}
            <Transition fallback=|| view! { <p class="loading">"Checking your subscription…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                        Ok(created) => view! {
                            <p id="feed-status">{match created {
                                Some(at) => format!("An address made {at} is active."),
                                None => "You have no calendar address.".to_owned(),
                            }}</p>
                        }.into_any(),
                    }
                })}
            </Transition>
            <ActionForm action=renew attr:class="form form--inline">
                <button class="button" type="submit" disabled=move || renew.pending().get()>
                    {move || if renew.pending().get() { "Making the address…" } else { "Make a new address" }}
                </button>
            </ActionForm>
            <ActionForm action=revoke attr:class="form form--inline">
                <button class="button button--outline" type="submit" disabled=move || revoke.pending().get()>
                    {move || if revoke.pending().get() { "Revoking…" } else { "Revoke the address" }}
                </button>
            </ActionForm>
            <p class="muted">"Making a new address stops the old one."</p>
        </div>
    }
}
