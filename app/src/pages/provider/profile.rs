//! `/provider/profile`: the provider's organisation, home time zone (searchable IANA list; the
//! browser's zone is proposed before the first save), modalities, travel regions, capacity,
//! expertise per PSP core area with a level, and bio.
//!
//! Mistakes are shown beside their fields and in an error summary that takes focus; what was
//! typed stays in place.

use contract::FieldErrors;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::provider::{ProfilePage, SaveMyProfile, my_profile};
use crate::components::forms::{FieldErrorSummary, FieldMessage, SuccessNotice};
use crate::components::page::LoadError;

#[component]
pub fn ProviderProfilePage() -> impl IntoView {
    let page = crate::resource::resource(|| (), |_| my_profile());
    view! {
        <Title text="Your profile" />
        <div class="container">
            <h1>"Your profile"</h1>
            <p class="lead">
                "Coordinators match requests to providers by these details. Your home time zone is "
                "the zone your weekly hours are read in and every time is shown in."
            </p>
            <Suspense fallback=|| view! { <p role="status">"Loading your profile…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! {
                            <ProfileForm page />
                            <crate::components::meeting_link::ProviderMeetingLink />
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

const MODALITIES: [(&str, &str); 3] = [
    ("virtual", "Virtual"),
    ("on_site", "On-site (you travel to the site)"),
    ("hybrid", "Hybrid (part on-site)"),
];

const LEVELS: [(&str, &str); 4] = [
    ("0", "No expertise"),
    ("1", "1 – working knowledge"),
    ("2", "2 – experienced"),
    ("3", "3 – expert"),
];

/// The browser's IANA zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
#[cfg(feature = "hydrate")]
fn browser_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
}

#[component]
fn ProfileForm(page: ProfilePage) -> impl IntoView {
    let save = ServerAction::<SaveMyProfile>::new();
    let errors: Signal<FieldErrors> = Memo::new(move |_| match save.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let saved = Signal::derive(move || match save.value().get() {
        Some(Ok(zone)) => Some(format!("Profile saved. Your times are shown in {zone}.")),
        _ => None,
    });
    let invalid = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .iter()
                .any(|e| e.field == field)
                .then_some("true")
        })
    };

    // Before the first save, propose the browser's zone (once the page runs in the browser).
    let zone_input = NodeRef::<Input>::new();
    let proposed_zone = RwSignal::new(false);
    let has_profile = page.has_profile;
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if !has_profile
            && let Some(input) = zone_input.get()
            && input.value().is_empty()
            && let Some(zone) = browser_zone()
        {
            input.set_value(&zone);
            proposed_zone.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (has_profile, zone_input);
    });

    let fields = page.fields.clone();
    view! {
        <FieldErrorSummary errors />
        <SuccessNotice message=saved />
        <ActionForm action=save attr:class="form form--wide" attr:id="profile-form" attr:novalidate=true>
            <fieldset class="fieldset">
                <legend class="legend">"About you"</legend>
                <div class="form-group">
                    <label class="label" for="field-organisation">"Organisation"</label>
                    <FieldMessage field="organisation" errors />
                    <input class="input" id="field-organisation" name="form[organisation]" type="text" maxlength="200"
                        value=fields.organisation.clone() autocomplete="organization"
                        aria-describedby="field-organisation-error" aria-invalid=invalid("organisation") />
                </div>
                <div class="form-group">
                    <label class="label" for="field-home_zone">"Home time zone"</label>
                    <span class="hint" id="field-home_zone-hint">
                        "Type to search the IANA time zones, e.g. “America/Phoenix” or “Chicago”."
                    </span>
                    <span class="hint" id="field-home_zone-proposed" hidden=move || !proposed_zone.get()>
                        "We filled in your browser's time zone; change it if you work from another."
                    </span>
                    <FieldMessage field="home_zone" errors />
                    <input class="input" id="field-home_zone" name="form[home_zone]" type="text" list="zone-list"
                        node_ref=zone_input value=fields.home_zone.clone() autocomplete="off" spellcheck="false"
                        aria-describedby="field-home_zone-hint field-home_zone-proposed field-home_zone-error"
                        aria-invalid=invalid("home_zone") />
                    <datalist id="zone-list">
                        {page.zones.iter().map(|z| view! { <option value=z.clone()></option> }).collect_view()}
                    </datalist>
                </div>
                <div class="form-group">
                    <label class="label" for="field-bio">"Bio"</label>
                    <span class="hint" id="field-bio-hint">"Your background, in a few sentences (optional)."</span>
                    <FieldMessage field="bio" errors />
                    <textarea class="textarea" id="field-bio" name="form[bio]" rows="4"
                        aria-describedby="field-bio-hint field-bio-error" aria-invalid=invalid("bio")>{fields.bio.clone()}</textarea>
                </div>
            </fieldset>

            <fieldset class="fieldset">
                <legend class="legend">"How and where you work"</legend>
                <fieldset class="form-group fieldset--inner" id="field-modalities" aria-describedby="field-modalities-error">
                    <legend class="label">"Modalities"</legend>
                    <FieldMessage field="modalities" errors />
                    <div class="checkbox-row">
                        {MODALITIES.iter().map(|(value, label)| {
                            let id = format!("modality-{value}");
                            let checked = fields.modalities.iter().any(|m| m == value);
                            view! {
                                <div class="checkbox">
                                    <input type="checkbox" id=id.clone() name="form[modalities][]" value=*value checked=checked />
                                    <label for=id>{*label}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <fieldset class="form-group fieldset--inner" id="field-travel_regions" aria-describedby="field-travel_regions-hint field-travel_regions-error">
                    <legend class="label">"Regions you travel to"</legend>
                    <span class="hint" id="field-travel_regions-hint">"US Census regions; needed for on-site and hybrid work."</span>
                    <FieldMessage field="travel_regions" errors />
                    <div class="checkbox-row">
                        {page.regions.iter().map(|(value, label)| {
                            let id = format!("region-{value}");
                            let checked = fields.travel_regions.iter().any(|r| r == value);
                            view! {
                                <div class="checkbox">
                                    <input type="checkbox" id=id.clone() name="form[travel_regions][]" value=value.clone() checked=checked />
                                    <label for=id>{label.clone()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="form-row">
                    <div class="form-group">
                        <label class="label" for="field-weekly_hour_capacity">"Hours a week you can give"</label>
                        <FieldMessage field="weekly_hour_capacity" errors />
                        <input class="input input--short" id="field-weekly_hour_capacity" name="form[weekly_hour_capacity]"
                            type="text" inputmode="numeric" value=fields.weekly_hour_capacity.clone()
                            aria-describedby="field-weekly_hour_capacity-error" aria-invalid=invalid("weekly_hour_capacity") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-engagement_capacity">"Engagements at once"</label>
                        <FieldMessage field="engagement_capacity" errors />
                        <input class="input input--short" id="field-engagement_capacity" name="form[engagement_capacity]"
                            type="text" inputmode="numeric" value=fields.engagement_capacity.clone()
                            aria-describedby="field-engagement_capacity-error" aria-invalid=invalid("engagement_capacity") />
                    </div>
                </div>
            </fieldset>

            <fieldset class="fieldset" id="field-expertise" aria-describedby="field-expertise-hint field-expertise-error">
                <legend class="legend">"Expertise in the PSP core areas"</legend>
                <span class="hint" id="field-expertise-hint">"Requests ask for a minimum level; give yours in each area you cover."</span>
                <FieldMessage field="expertise" errors />
                <div class="level-grid">
                    {page.areas.iter().map(|area| {
                        let id = format!("level-{}", area.id);
                        let hint = format!("level-{}-hint", area.id);
                        let level = fields.level_of(area.id).to_string();
                        let area_id = area.id;
                        view! {
                            <div class="form-group">
                                <label class="label" for=id.clone()>{area.name.clone()}</label>
                                <span class="hint" id=hint.clone()>{area.description.clone()}</span>
                                <select class="select" id=id name="form[expertise][]" aria-describedby=hint>
                                    {LEVELS.iter().map(|(value, label)| view! {
                                        <option value=format!("{area_id}:{value}") selected=level == *value>{*label}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>

            <button class="button" type="submit" id="save-profile" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save profile" }}
            </button>
        </ActionForm>
    }
}
