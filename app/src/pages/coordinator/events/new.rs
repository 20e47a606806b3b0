//! `/coordinator/events/new`: the coordinator creates a group event — kind, title, host site,
//! audience, provider, date and time on the host's clock, length, place or meeting link,
//! capacity and when registration closes. Mistakes are shown beside their fields.

use leptos::prelude::*;
use leptos_meta::Title;

use contract::views::group_event::EventChoices;

use crate::api::error_message;
use crate::api::events::{CreateEvent, event_form_choices};
use crate::components::forms::{FieldErrorSummary, FieldMessage, refusals};

#[component]
pub fn NewEventPage() -> impl IntoView {
    let choices = crate::resource::resource(|| (), |_| event_form_choices());
    view! {
        <Title text="New group event" />
        <div class="container">
            <h1>"New group event"</h1>
            <p class="lead">
                "People register from a link you share, without an account. Beyond capacity "
                "they join a waitlist in order and get a seat as soon as one frees up."
            </p>
            <Suspense fallback=|| view! { <p role="status">"Loading the form…"</p> }>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(choices) => view! { <EventForm choices /> }.into_any(),
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn TextField(
    field: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] value: &'static str,
    errors: Signal<contract::FieldErrors>,
) -> impl IntoView {
    let id = format!("field-{field}");
    let described = if hint.is_empty() {
        format!("{id}-error")
    } else {
        format!("{id}-hint {id}-error")
    };
    view! {
        <div class="form-group">
            <label class="label" for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <span class="hint" id=format!("{id}-hint")>{hint}</span> })}
            <FieldMessage field errors />
            <input class="input" id=id name=format!("form[{field}]") type=kind value=value
                aria-describedby=described
                aria-invalid=move || errors.get().message_for(field).map(|_| "true") />
        </div>
    }
}

#[component]
fn EventForm(choices: EventChoices) -> impl IntoView {
    let create = ServerAction::<CreateEvent>::new();
    let (errors, _) = refusals(create);
    let invalid = move |field: &'static str| {
        Signal::derive(move || errors.get().message_for(field).map(|_| "true"))
    };
    let sites = choices.sites.clone();
    view! {
        <FieldErrorSummary errors />
        <ActionForm action=create attr:class="form form--wide" attr:id="event-form" attr:novalidate=true>
            <div class="form-row">
                <div class="form-group">
                    <label class="label" for="field-kind">"Kind"</label>
                    <FieldMessage field="kind" errors />
                    <select class="select" id="field-kind" name="form[kind]"
                        aria-describedby="field-kind-error" aria-invalid=invalid("kind")>
                        <option value="training">"Training"</option>
                        <option value="webinar">"Webinar"</option>
                        <option value="workshop">"Workshop"</option>
                        <option value="summit">"Summit"</option>
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="field-host_site_id">"Host site"</label>
                    <span class="hint" id="field-host_site_id-hint">"Times below are on its clock; its contacts see who registered."</span>
                    <FieldMessage field="host_site_id" errors />
                    <select class="select" id="field-host_site_id" name="form[host_site_id]"
                        aria-describedby="field-host_site_id-hint field-host_site_id-error" aria-invalid=invalid("host_site_id")>
                        <option value="">"Choose the host…"</option>
                        {sites.iter().map(|s| view! {
                            <option value=s.id.to_string()>{format!("{} — {}", s.name, s.zone_label)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <TextField field="title" label="Title" hint="e.g. “Crime gun intelligence 101”." errors />
            <div class="form-group">
                <label class="label" for="field-description">"Description"</label>
                <span class="hint" id="field-description-hint">"Optional; shown on the registration page."</span>
                <FieldMessage field="description" errors />
                <textarea class="textarea" id="field-description" name="form[description]" rows="3"
                    aria-describedby="field-description-hint field-description-error" aria-invalid=invalid("description")></textarea>
            </div>
            <fieldset class="fieldset">
                <legend class="legend">"Who may register"</legend>
                <FieldMessage field="audience" errors />
                <div class="radio">
                    <input type="radio" id="audience-site" name="form[audience]" value="site" checked=true />
                    <label for="audience-site">"Staff of the host site"</label>
                </div>
                <div class="radio">
                    <input type="radio" id="audience-sites" name="form[audience]" value="sites" />
                    <label for="audience-sites">"Staff of the host and the sites ticked below"</label>
                </div>
                <div class="radio">
                    <input type="radio" id="audience-all" name="form[audience]" value="all" />
                    <label for="audience-all">"Staff of every site of the programme"</label>
                </div>
                <FieldMessage field="audience_site_ids" errors />
                <div class="checkbox-grid" id="field-audience_site_ids">
                    {sites.iter().map(|s| {
                        let id = format!("audience-site-{}", s.id);
                        view! {
                            <div class="checkbox">
                                <input type="checkbox" id=id.clone() name="form[audience_site_ids][]" value=s.id.to_string() />
                                <label for=id>{s.name.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="form-group">
                <label class="label" for="field-provider_id">"Provider"</label>
                <FieldMessage field="provider_id" errors />
                <select class="select" id="field-provider_id" name="form[provider_id]"
                    aria-describedby="field-provider_id-error" aria-invalid=invalid("provider_id")>
                    <option value="">"Not chosen yet"</option>
                    {choices.providers.iter().map(|(id, name)| view! {
                        <option value=id.to_string()>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-row">
                <TextField field="date" label="Date (host's calendar)" kind="date" errors />
                <TextField field="start_time" label="Starts at (host's clock)" kind="time" value="10:00" errors />
                <TextField field="minutes" label="Length (minutes)" value="90" errors />
            </div>
            <div class="form-row">
                <TextField field="location" label="Place" hint="Address or room; empty for a webinar." errors />
                <TextField field="virtual_link" label="Meeting link" hint="https://…; empty for in person." kind="url" errors />
            </div>
            <div class="checkbox">
                <input type="checkbox" id="field-meeting_room" name="form[meeting_room]" value="generated" />
                <label for="field-meeting_room">"No link of your own? Make a unique meeting room for this event"</label>
            </div>
            <div class="form-row">
                <TextField field="capacity" label="Capacity (seats)" value="30" errors />
                <TextField field="deadline_date" label="Registration closes on" kind="date" errors />
                <TextField field="deadline_time" label="at (host's clock)" kind="time" value="17:00" errors />
            </div>
            <button class="button" type="submit" id="create-event" disabled=move || create.pending().get()>
                {move || if create.pending().get() { "Creating…" } else { "Create the event" }}
            </button>
        </ActionForm>
    }
}
