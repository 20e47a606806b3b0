//! `/events/join/<token>`: the registration page behind the shared link. Name, e-mail, agency,
//! job role, accessibility needs and time zone (proposed from the browser); the answer says
//! whether the person has a seat or their place on the waitlist, and links their own page.

use leptos::html::Input;
use leptos::prelude::*;
use leptos_meta::Title;

use contract::views::group_event::PublicEvent;

use super::route_token;
use crate::api::error_message;
use crate::api::events::{Register, load_public_event};
use crate::components::forms::{FieldErrorSummary, FieldMessage, TIME_ZONES, refusals};

#[component]
pub fn JoinEventPage() -> impl IntoView {
    let token = route_token();
    let event = crate::resource::resource(token, load_public_event);
    view! {
        <Title text="Register for an event" />
        <div class="container container--narrow">
            <Suspense fallback=|| view! { <p role="status">"Loading the event…"</p> }>
                {move || Suspend::new(async move {
                    match event.await {
                        Err(error) => view! {
                            <h1>"Register for an event"</h1>
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                        Ok(event) => view! { <JoinView event token=token() /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The browser's IANA zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
#[cfg(feature = "hydrate")]
fn browser_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
}

#[component]
fn JoinView(event: PublicEvent, token: String) -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let (errors, _) = refusals(register);
    let outcome = Signal::derive(move || register.value().get().and_then(Result::ok));
    let invalid = move |field: &'static str| {
        Signal::derive(move || errors.get().message_for(field).map(|_| "true"))
    };
    // Propose the browser's zone once the page runs in the browser.
    let zone_input = NodeRef::<Input>::new();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(input) = zone_input.get()
            && input.value().is_empty()
            && let Some(zone) = browser_zone()
        {
            input.set_value(&zone);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = zone_input;
    });
    let closed = event.closed_reason.clone();
    view! {
        <h1>{event.title.clone()}</h1>
        <p class="lead">{format!("{} hosted by {}", event.kind_label, event.host_site)}</p>
        <dl class="facts">
            <dt>"When"</dt><dd>{format!("{} ({})", event.when, event.zone)}</dd>
            <dt>"Where"</dt><dd>{event.location.clone()}</dd>
            <dt>"Seats"</dt>
            <dd id="seats-left">{if event.seats_left > 0 { format!("{} left", event.seats_left) } else { "Full: new registrations join the waitlist".to_owned() }}</dd>
            <dt>"Registration"</dt><dd>{event.deadline.clone()}</dd>
        </dl>
        {(!event.description.is_empty()).then(|| view! { <p>{event.description.clone()}</p> })}
        {match closed {
            Some(reason) => view! {
                <div class="alert alert--error" role="alert"><p>{reason}</p></div>
            }.into_any(),
            None => view! {
                <div role="status" id="registration-outcome">
                    {move || outcome.get().map(|o| {
                        let class = if o.status == "registered" { "alert alert--success" } else { "alert alert--info" };
                        view! {
                        <div class=class>
                            <p>{o.message.clone()}</p>
                            {o.personal_path.clone().map(|path| view! {
                                <p><a href=path id="personal-link">"Open your registration page"</a>" — to cancel or check in."</p>
                            })}
                        </div>
                        }
                    })}
                </div>
                <h2>"Your details"</h2>
                <FieldErrorSummary errors />
                <ActionForm action=register attr:class="form" attr:id="registration-form" attr:novalidate=true>
                    <input type="hidden" name="token" value=token.clone() />
                    <div class="form-group">
                        <label class="label" for="field-name">"Name"</label>
                        <FieldMessage field="name" errors />
                        <input class="input" id="field-name" name="form[name]" autocomplete="name" maxlength="120"
                            aria-describedby="field-name-error" aria-invalid=invalid("name") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-email">"E-mail"</label>
                        <span class="hint" id="field-email-hint">"Your confirmation and calendar invite go here."</span>
                        <FieldMessage field="email" errors />
                        <input class="input" id="field-email" name="form[email]" type="email" autocomplete="email"
                            aria-describedby="field-email-hint field-email-error" aria-invalid=invalid("email") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-agency">"Agency"</label>
                        <FieldMessage field="agency" errors />
                        <input class="input" id="field-agency" name="form[agency]" autocomplete="organization" maxlength="200"
                            aria-describedby="field-agency-error" aria-invalid=invalid("agency") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-job_role">"Job role"</label>
                        <FieldMessage field="job_role" errors />
                        <input class="input" id="field-job_role" name="form[job_role]" autocomplete="organization-title" maxlength="200"
                            aria-describedby="field-job_role-error" aria-invalid=invalid("job_role") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-accessibility_needs">"Accessibility needs"</label>
                        <span class="hint" id="field-accessibility_needs-hint">"Optional: interpreting, captions, seating, anything that helps you take part."</span>
                        <FieldMessage field="accessibility_needs" errors />
                        <textarea class="textarea" id="field-accessibility_needs" name="form[accessibility_needs]" rows="3"
                            aria-describedby="field-accessibility_needs-hint field-accessibility_needs-error"
                            aria-invalid=invalid("accessibility_needs")></textarea>
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-time_zone">"Your time zone"</label>
                        <span class="hint" id="field-time_zone-hint">"Your e-mails and calendar invite show the time on this clock. Proposed from your device."</span>
                        <FieldMessage field="time_zone" errors />
                        <input class="input" id="field-time_zone" name="form[time_zone]" list="time-zones" node_ref=zone_input
                            aria-describedby="field-time_zone-hint field-time_zone-error" aria-invalid=invalid("time_zone") />
                        <datalist id="time-zones">
                            {TIME_ZONES.iter().map(|(zone, label)| view! { <option value=*zone>{*label}</option> }).collect_view()}
                        </datalist>
                    </div>
                    <button class="button" type="submit" id="register" disabled=move || register.pending().get()>
                        {move || if register.pending().get() { "Registering…" } else { "Register" }}
                    </button>
                </ActionForm>
            }.into_any(),
        }}
    }
}
