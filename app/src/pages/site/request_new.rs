//! `/requests/new`: a site contact asks for training or technical assistance.
//!
//! Every field's mistake is shown next to it and in an error summary that takes focus; what was
//! typed stays in place. While the person types, the server describes the request in one
//! sentence (the same words the coordinator will read), so they can check it before submitting.

use contract::FieldErrors;
use leptos::html::Form;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::requests::{DescribeRequest, IntakeOptions, SubmitRequest, intake_choices};
use crate::components::forms::{FieldErrorSummary, FieldMessage};
use crate::components::page::LoadError;

#[component]
pub fn RequestNewPage() -> impl IntoView {
    let choices = crate::resource::resource(|| (), |_| intake_choices());
    view! {
        <Title text="New TTA request" />
        <div class="container">
            <h1>"Request training or technical assistance"</h1>
            <p class="lead">
                "Tell us what your site needs. A coordinator matches your request with a provider "
                "and proposes a schedule; you will see every session here in your site's local time."
            </p>
            <Suspense fallback=|| view! { <p role="status">"Loading the form…"</p> }>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(choices) => view! { <IntakeForm choices /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
];

#[component]
fn IntakeForm(choices: IntakeOptions) -> impl IntoView {
    let submit = ServerAction::<SubmitRequest>::new();
    let describe = ServerAction::<DescribeRequest>::new();
    let form_ref = NodeRef::<Form>::new();
    let errors = Memo::new(move |_| match submit.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    });
    let errors: Signal<FieldErrors> = errors.into();
    let first_site = choices.sites.first().map(|s| s.id).unwrap_or_default();
    let site_id = RwSignal::new(first_site);
    let sites = StoredValue::new(choices.sites.clone());
    let zone_label = Signal::derive(move || {
        let id = site_id.get();
        sites.with_value(|sites| {
            sites
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.zone_label.clone())
                .unwrap_or_default()
        })
    });
    let summary = Signal::derive(move || match describe.value().get() {
        Some(Ok(Some(sentence))) => Some(sentence),
        _ => None,
    });

    // Re-describes the request from the form as typed (no copy of the rules in the browser).
    let refresh = move || {
        #[cfg(feature = "hydrate")]
        if let Some(form) = form_ref.get_untracked() {
            use leptos::form::FromFormData;
            if let Ok(data) = leptos::web_sys::FormData::new_with_form(&form)
                && let Ok(args) = DescribeRequest::from_form_data(&data)
            {
                describe.dispatch(args);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (form_ref, describe);
    };

    let invalid = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .iter()
                .any(|e| e.field == field)
                .then_some("true")
        })
    };
    let several_sites = choices.sites.len() > 1;

    view! {
        <FieldErrorSummary errors />
        <div on:input=move |_| refresh() on:change=move |_| refresh()>
            <ActionForm action=submit node_ref=form_ref attr:class="form form--wide" attr:id="request-form" attr:novalidate=true>
                {if several_sites {
                    view! {
                        <div class="form-group">
                            <label class="label" for="field-site_id">"Site"</label>
                            <select
                                class="select"
                                id="field-site_id"
                                name="site_id"
                                on:change=move |ev| {
                                    if let Ok(id) = event_target_value(&ev).parse() {
                                        site_id.set(id);
                                    }
                                }
                            >
                                {choices.sites.iter().map(|s| view! {
                                    <option value=s.id.to_string()>{s.name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <input type="hidden" name="site_id" value=first_site.to_string() />
                        <p class="form-context">
                            "Site: "
                            <strong>{choices.sites.first().map(|s| s.name.clone()).unwrap_or_default()}</strong>
                        </p>
                    }.into_any()
                }}

                <crate::components::peer_site::PeerSiteSelect errors />

                <fieldset class="fieldset">
                    <legend class="legend">"What you need"</legend>
                    <div class="form-group">
                        <label class="label" for="field-title">"Title"</label>
                        <span class="hint" id="field-title-hint">"A few words, e.g. “Gun crime intelligence centre coaching”."</span>
                        <FieldMessage field="title" errors />
                        <input class="input" id="field-title" name="form[title]" type="text" maxlength="200"
                            aria-describedby="field-title-hint field-title-error" aria-invalid=invalid("title") />
                    </div>
                    <fieldset class="form-group fieldset--inner" id="field-topic_ids" aria-describedby="field-topic_ids-error">
                        <legend class="label">"Topics (PSP core areas)"</legend>
                        <FieldMessage field="topic_ids" errors />
                        <div class="checkbox-grid">
                            {choices.topics.iter().map(|t| {
                                let id = format!("topic-{}", t.id);
                                view! {
                                    <div class="checkbox">
                                        <input type="checkbox" id=id.clone() name="form[topic_ids][]" value=t.id.to_string() />
                                        <label for=id title=t.description.clone()>{t.name.clone()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <div class="form-group">
                        <label class="label" for="field-description">"Description"</label>
                        <span class="hint" id="field-description-hint">"What is the problem, and what would help? (optional)"</span>
                        <FieldMessage field="description" errors />
                        <textarea class="textarea" id="field-description" name="form[description]" rows="4"
                            aria-describedby="field-description-hint field-description-error" aria-invalid=invalid("description")></textarea>
                    </div>
                    <div class="form-row">
                        <div class="form-group">
                            <label class="label" for="field-engagement_type">"Engagement type"</label>
                            <FieldMessage field="engagement_type" errors />
                            <select class="select" id="field-engagement_type" name="form[engagement_type]"
                                aria-describedby="field-engagement_type-error" aria-invalid=invalid("engagement_type")>
                                <option value="operations">"Operations"</option>
                                <option value="diagnostic">"Diagnostic"</option>
                            </select>
                        </div>
                        <div class="form-group">
                            <label class="label" for="field-modality">"Modality"</label>
                            <FieldMessage field="modality" errors />
                            <select class="select" id="field-modality" name="form[modality]"
                                aria-describedby="field-modality-error" aria-invalid=invalid("modality")>
                                <option value="virtual">"Virtual"</option>
                                <option value="on_site">"On-site"</option>
                                <option value="hybrid">"Hybrid"</option>
                            </select>
                        </div>
                        <div class="form-group">
                            <label class="label" for="field-minimum_level">"Minimum expertise"</label>
                            <FieldMessage field="minimum_level" errors />
                            <select class="select" id="field-minimum_level" name="form[minimum_level]"
                                aria-describedby="field-minimum_level-error" aria-invalid=invalid("minimum_level")>
                                <option value="1">"1 – working knowledge"</option>
                                <option value="2" selected>"2 – experienced"</option>
                                <option value="3">"3 – expert"</option>
                            </select>
                        </div>
                    </div>
                </fieldset>

                <fieldset class="fieldset">
                    <legend class="legend">"Sessions"</legend>
                    <div class="form-row">
                        <div class="form-group">
                            <label class="label" for="field-session_count">"Number of sessions"</label>
                            <FieldMessage field="session_count" errors />
                            <input class="input input--short" id="field-session_count" name="form[session_count]" type="text" inputmode="numeric" value="1"
                                aria-describedby="field-session_count-error" aria-invalid=invalid("session_count") />
                        </div>
                        <div class="form-group">
                            <label class="label" for="field-cadence">"How often"</label>
                            <FieldMessage field="cadence" errors />
                            <select class="select" id="field-cadence" name="form[cadence]"
                                aria-describedby="field-cadence-error" aria-invalid=invalid("cadence")>
                                <option value="once">"Once"</option>
                                <option value="weekly">"Weekly"</option>
                                <option value="biweekly">"Every two weeks"</option>
                                <option value="monthly">"Monthly"</option>
                                <option value="quarterly">"Quarterly"</option>
                            </select>
                        </div>
                        <div class="form-group">
                            <label class="label" for="field-session_minutes">"Length (minutes)"</label>
                            <FieldMessage field="session_minutes" errors />
                            <input class="input input--short" id="field-session_minutes" name="form[session_minutes]" type="text" inputmode="numeric" value="90"
                                aria-describedby="field-session_minutes-error" aria-invalid=invalid("session_minutes") />
                        </div>
                        <div class="form-group">
                            <label class="label" for="field-expected_attendees">"Expected attendees"</label>
                            <FieldMessage field="expected_attendees" errors />
                            <input class="input input--short" id="field-expected_attendees" name="form[expected_attendees]" type="text" inputmode="numeric"
                                aria-describedby="field-expected_attendees-error" aria-invalid=invalid("expected_attendees") />
                        </div>
                    </div>
                    <div class="form-row">
                        <div class="form-group">
                            <label class="label" for="field-visit_days">"On-site visit: days in a row"</label>
                            <span class="hint" id="field-visit_days-hint">
                                "For a multi-day on-site visit: 1 to 5 consecutive business days, each day from the preferred start to the preferred end below. Leave empty for sessions."
                            </span>
                            <FieldMessage field="visit_days" errors />
                            <input class="input input--short" id="field-visit_days" name="form[visit_days]" type="text" inputmode="numeric"
                                aria-describedby="field-visit_days-hint field-visit_days-error" aria-invalid=invalid("visit_days") />
                        </div>
                        <div class="form-group">
                            <div class="checkbox">
                                <input type="checkbox" id="field-travel_days" name="form[travel_days]" value="on" />
                                <label for="field-travel_days">"Keep the provider's travel day before and after each visit free"</label>
                            </div>
                        </div>
                    </div>
                    <div class="form-row">
                        <div class="form-group">
                            <label class="label" for="field-earliest_date">"Earliest date"</label>
                            <FieldMessage field="earliest_date" errors />
                            <input class="input" id="field-earliest_date" name="form[earliest_date]" type="date"
                                aria-describedby="field-earliest_date-error" aria-invalid=invalid("earliest_date") />
                        </div>
                        <div class="form-group">
                            <label class="label" for="field-latest_date">"Latest date"</label>
                            <FieldMessage field="latest_date" errors />
                            <input class="input" id="field-latest_date" name="form[latest_date]" type="date"
                                aria-describedby="field-latest_date-error" aria-invalid=invalid("latest_date") />
                        </div>
                    </div>
                    <fieldset class="form-group fieldset--inner" id="field-preferred_weekdays" aria-describedby="field-preferred_weekdays-error">
                        <legend class="label">"Preferred weekdays"</legend>
                        <FieldMessage field="preferred_weekdays" errors />
                        <div class="checkbox-row">
                            {WEEKDAYS.iter().map(|(value, label)| {
                                let id = format!("weekday-{value}");
                                view! {
                                    <div class="checkbox">
                                        <input type="checkbox" id=id.clone() name="form[preferred_weekdays][]" value=*value />
                                        <label for=id>{*label}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <div class="form-row">
                        <div class="form-group">
                            <label class="label" for="field-preferred_start">
                                "Preferred hours from " <span class="zone-tag">{zone_label}</span>
                            </label>
                            <FieldMessage field="preferred_start" errors />
                            <input class="input" id="field-preferred_start" name="form[preferred_start]" type="time" value="09:00"
                                aria-describedby="field-preferred_start-error" aria-invalid=invalid("preferred_start") />
                        </div>
                        <div class="form-group">
                            <label class="label" for="field-preferred_end">
                                "Preferred hours until " <span class="zone-tag">{zone_label}</span>
                            </label>
                            <FieldMessage field="preferred_end" errors />
                            <input class="input" id="field-preferred_end" name="form[preferred_end]" type="time" value="12:00"
                                aria-describedby="field-preferred_end-error" aria-invalid=invalid("preferred_end") />
                        </div>
                    </div>
                </fieldset>

                <div class="form-group">
                    <label class="label" for="field-notes">"Notes for the coordinator"</label>
                    <FieldMessage field="notes" errors />
                    <textarea class="textarea" id="field-notes" name="form[notes]" rows="3"
                        aria-describedby="field-notes-error" aria-invalid=invalid("notes")></textarea>
                </div>

                <section class="summary-box" aria-labelledby="request-summary-heading">
                    <h2 id="request-summary-heading" class="summary-box__heading">"You are asking for"</h2>
                    <p id="request-summary" aria-live="polite">
                        {move || summary.get().unwrap_or_else(|| {
                            "Fill in the form to see your request in one sentence.".to_owned()
                        })}
                    </p>
                </section>

                <button class="button" type="submit" id="submit-request" disabled=move || submit.pending().get()>
                    {move || if submit.pending().get() { "Submitting…" } else { "Submit request" }}
                </button>
            </ActionForm>
        </div>
    }
}
