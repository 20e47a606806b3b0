//! The meeting-link setting of virtual and hybrid sessions: on the provider's profile page (their
//! own) and on an engagement's page (coordinators; it overrides the providers'). A generated
//! room per session occurrence, or a fixed link the provider pastes. Saving says how many future
//! sessions got a new link (everyone invited receives the updated invite).

use contract::FieldErrors;
use contract::meeting::MeetingLinkView;
use leptos::prelude::*;

use crate::api::meeting_links::{
    SaveEngagementMeetingLink, SaveMyMeetingLink, engagement_meeting_link, my_meeting_link,
};
use crate::components::forms::{FieldErrorSummary, FieldMessage, SuccessNotice};
use crate::components::page::LoadError;

fn saved_message(changed: usize) -> String {
    match changed {
        0 => "Meeting link setting saved.".to_owned(),
        1 => "Meeting link setting saved; 1 coming session has a new link and its invite was \
              updated."
            .to_owned(),
        n => format!(
            "Meeting link setting saved; {n} coming sessions have new links and their invites \
             were updated."
        ),
    }
}

/// The provider's own setting, as a section of their profile page.
#[component]
pub fn ProviderMeetingLink() -> impl IntoView {
    let save = ServerAction::<SaveMyMeetingLink>::new();
    let page = crate::resource::resource(move || save.version().get(), |_| my_meeting_link());
    let errors: Signal<FieldErrors> = Memo::new(move |_| match save.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let saved = Signal::derive(move || match save.value().get() {
        Some(Ok(changed)) => Some(saved_message(changed)),
        _ => None,
    });
    view! {
        <section class="section" aria-labelledby="meeting-link-heading">
            <h2 id="meeting-link-heading">"Meeting link for virtual sessions"</h2>
            <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(view) => view! {
                            <FieldErrorSummary errors id="meeting-link-error-summary" />
                            <SuccessNotice message=saved />
                            <ActionForm action=save attr:class="form" attr:id="meeting-link-form" attr:novalidate=true>
                                <MeetingFields view errors />
                                <button type="submit" class="button">"Save meeting link"</button>
                            </ActionForm>
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// An engagement's setting, for coordinators on the engagement's page.
#[component]
pub fn EngagementMeetingLink(engagement_id: i32) -> impl IntoView {
    let save = ServerAction::<SaveEngagementMeetingLink>::new();
    let page = crate::resource::resource(
        move || save.version().get(),
        move |_| engagement_meeting_link(engagement_id),
    );
    let errors: Signal<FieldErrors> = Memo::new(move |_| match save.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let saved = Signal::derive(move || match save.value().get() {
        Some(Ok(changed)) => Some(saved_message(changed)),
        _ => None,
    });
    view! {
        <section class="section" aria-labelledby="meeting-link-heading">
            <h2 id="meeting-link-heading">"Meeting link for virtual sessions"</h2>
            <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(view) => view! {
                            <FieldErrorSummary errors id="meeting-link-error-summary" />
                            <SuccessNotice message=saved />
                            <ActionForm action=save attr:class="form" attr:id="meeting-link-form" attr:novalidate=true>
                                <input type="hidden" name="engagement_id" value=engagement_id.to_string() />
                                <MeetingFields view errors />
                                <button type="submit" class="button">"Save meeting link"</button>
                            </ActionForm>
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The choice (radios) and the fixed link's field.
#[component]
fn MeetingFields(view: MeetingLinkView, errors: Signal<FieldErrors>) -> impl IntoView {
    let mode = view.form.mode.clone();
    let invalid = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .iter()
                .any(|e| e.field == field)
                .then_some("true")
        })
    };
    let generated_label = format!(
        "A new room for every session, made on {} (no two sessions share one)",
        view.room_base
    );
    view! {
        <fieldset class="fieldset" id="field-mode" aria-describedby="field-mode-error">
            <legend class="legend">"Which link do virtual and hybrid sessions get?"</legend>
            <FieldMessage field="mode" errors />
            {view.for_engagement.then(|| {
                let checked = mode == "provider";
                view! {
                    <div class="radio">
                        <input type="radio" id="meeting-mode-provider" name="form[mode]" value="provider" checked=checked />
                        <label for="meeting-mode-provider">"Each provider's own setting"</label>
                    </div>
                }
            })}
            <div class="radio">
                <input type="radio" id="meeting-mode-generated" name="form[mode]" value="generated" checked=mode == "generated" />
                <label for="meeting-mode-generated">{generated_label}</label>
            </div>
            <div class="radio">
                <input type="radio" id="meeting-mode-fixed" name="form[mode]" value="fixed" checked=mode == "fixed" />
                <label for="meeting-mode-fixed">"Always the link below (a Teams, Zoom or Webex personal room)"</label>
            </div>
        </fieldset>
        <div class="form-group">
            <label class="label" for="field-link">"Fixed meeting link"</label>
            <span class="hint" id="field-link-hint">"https://…; used when “Always the link below” is chosen."</span>
            <FieldMessage field="link" errors />
            <input class="input" id="field-link" name="form[link]" type="url" maxlength="2000"
                value=view.form.link.clone() autocomplete="url" spellcheck="false"
                aria-describedby="field-link-hint field-link-error" aria-invalid=invalid("link") />
        </div>
        <p class="hint">
            "The link is stored on each session when it is confirmed. Changing it here updates "
            "the coming sessions it applies to, and everyone invited receives the updated invite."
        </p>
    }
}

/// A session's meeting link on the coordinator's page of its request, with a form to replace it
/// while the session can still change (everyone invited receives the updated invite, once).
#[component]
pub fn SessionMeetingLink(session_id: i32, current: String, can_change: bool) -> impl IntoView {
    let save = ServerAction::<crate::api::meeting_links::SetSessionMeetingLink>::new();
    let shown = RwSignal::new(current.clone());
    let typed = RwSignal::new(current);
    let failed = crate::components::forms::failure(move || save.value().get());
    Effect::new(move |_| {
        if let Some(Ok(true)) = save.value().get() {
            shown.set(typed.get_untracked());
        }
    });
    let input_id = format!("meeting-url-{session_id}");
    view! {
        <span class="meeting-link">
            "Meeting link: "
            <a href=move || shown.get() rel="noopener noreferrer">{move || shown.get()}</a>
        </span>
        {can_change.then(|| view! {
            <details class="meeting-link__change">
                <summary>"Change meeting link"</summary>
                <crate::components::forms::ErrorSummary message=failed />
                <ActionForm action=save attr:class="form">
                    <input type="hidden" name="session_id" value=session_id.to_string() />
                    <label class="label" for=input_id.clone()>"New meeting link (https://…)"</label>
                    <input class="input" id=input_id name="meeting_url" type="url" maxlength="2000"
                        spellcheck="false" prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev)) />
                    <button type="submit" class="button">"Save link and update the invites"</button>
                </ActionForm>
                <p role="status">
                    {move || match save.value().get() {
                        Some(Ok(true)) => "Saved; everyone invited received the updated invite.",
                        Some(Ok(false)) => "That is already the session's link; nothing was sent.",
                        _ => "",
                    }}
                </p>
            </details>
        })}
    }
}
