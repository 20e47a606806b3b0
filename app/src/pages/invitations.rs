//! `/invitations/accept?token=…`: a person invited by e-mail chooses name, time zone and password.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::error_message;
use crate::api::invitations::{AcceptInvitation, invitation_details};
use crate::components::forms::{ErrorSummary, TIME_ZONES, failure};
use crate::pages::password::PasswordFields;

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let details = crate::resource::resource(move || (), {
        let token = token.clone();
        move |_| invitation_details(token.clone())
    });
    let action = ServerAction::<AcceptInvitation>::new();
    let error = failure(move || action.value().get());

    view! {
        <Title text="Set up your account" />
        <div class="container container--narrow">
            <h1>"Set up your account"</h1>
            <Transition fallback=|| view! { <p class="loading">"Checking your invitation…"</p> }>
                {move || Suspend::new({
                    let token = token.clone();
                    async move {
                        match details.await {
                            Err(problem) => view! {
                                <div class="alert alert--error" role="alert">
                                    <p>{error_message(&problem)}</p>
                                </div>
                            }.into_any(),
                            Ok(info) => view! {
                                <p>
                                    "You are invited as " <strong>{info.role_label}</strong>
                                    " with the e-mail address " <strong>{info.email}</strong> "."
                                </p>
                                <ErrorSummary message=error />
                                <ActionForm action attr:class="form">
                                    <input type="hidden" name="token" value=token />
                                    <div class="form-group">
                                        <label class="label" for="accept-name">"Your name"</label>
                                        <input class="input" id="accept-name" name="display_name" autocomplete="name" maxlength="200" required />
                                    </div>
                                    <div class="form-group">
                                        <label class="label" for="accept-zone">"Your time zone"</label>
                                        <p class="hint" id="accept-zone-hint">"Times are shown to you in this zone."</p>
                                        <select class="select" id="accept-zone" name="time_zone" aria-describedby="accept-zone-hint">
                                            {TIME_ZONES.iter().map(|(zone, label)| view! {
                                                <option value=*zone>{*label}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <PasswordFields />
                                    <button class="button" type="submit">"Create my account"</button>
                                </ActionForm>
                            }.into_any(),
                        }
                    }
                })}
            </Transition>
        </div>
    }
}
