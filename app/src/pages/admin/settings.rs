//! `/admin/settings`: the programme-wide scheduling settings. Each field shows its range; a
//! mistake is shown next to its field and in a summary that takes focus, and what was typed
//! stays in place. Saved values are used by every later ranking and schedule.

use contract::FieldErrors;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::settings::{SaveSettings, SettingsForm, admin_settings};
use crate::components::forms::{FieldErrorSummary, FieldMessage, SuccessNotice};
use crate::components::page::LoadError;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let stored = crate::resource::resource(|| (), |_| admin_settings());
    view! {
        <Title text="Scheduling settings" />
        <div class="container">
            <h1>"Scheduling settings"</h1>
            <p class="lead">
                "These rules apply to every provider and site: the coordinators' rankings and the "
                "proposed schedules use the saved values at once."
            </p>
            <Suspense fallback=|| view! { <p role="status">"Loading the settings…"</p> }>
                {move || Suspend::new(async move {
                    match stored.await {
                        Ok(fields) => view! { <SettingsEditor fields /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// One whole-number or decimal field with its hint and message.
#[component]
fn NumberField(
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    value: String,
    #[prop(into)] errors: Signal<FieldErrors>,
    #[prop(default = "numeric")] inputmode: &'static str,
) -> impl IntoView {
    let id = format!("field-{field}");
    let hint_id = format!("field-{field}-hint");
    let described = format!("{hint_id} field-{field}-error");
    let invalid = move || {
        errors
            .get()
            .iter()
            .any(|e| e.field == field)
            .then_some("true")
    };
    view! {
        <div class="form-group">
            <label class="label" for=id.clone()>{label}</label>
            <span class="hint" id=hint_id>{hint}</span>
            <FieldMessage field errors />
            <input class="input input--short" id=id name=format!("form[{field}]") type="text"
                inputmode=inputmode value=value aria-describedby=described aria-invalid=invalid />
        </div>
    }
}

#[component]
fn SettingsEditor(fields: SettingsForm) -> impl IntoView {
    let save = ServerAction::<SaveSettings>::new();
    let errors: Signal<FieldErrors> = Memo::new(move |_| match save.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let saved = Signal::derive(move || match save.value().get() {
        Some(Ok(message)) => Some(message),
        _ => None,
    });
    let granularity = fields.granularity_minutes.clone();
    view! {
        <FieldErrorSummary errors />
        <SuccessNotice message=saved />
        <ActionForm action=save attr:class="form form--wide" attr:id="settings-form" attr:novalidate=true>
            <fieldset class="fieldset">
                <legend class="legend">"Around every session"</legend>
                <div class="form-row">
                    <NumberField field="buffer_before_minutes" label="Buffer before (minutes)"
                        hint="Free time kept before a provider's session: 0 to 240." value=fields.buffer_before_minutes errors />
                    <NumberField field="buffer_after_minutes" label="Buffer after (minutes)"
                        hint="Free time kept after a provider's session: 0 to 240." value=fields.buffer_after_minutes errors />
                </div>
            </fieldset>
            <fieldset class="fieldset">
                <legend class="legend">"Planning a series"</legend>
                <div class="form-row">
                    <NumberField field="minimum_notice_hours" label="Minimum notice (hours)"
                        hint="The earliest slot is at least this far from now: 0 to 2160 (90 days)." value=fields.minimum_notice_hours errors />
                    <NumberField field="tolerance_business_days" label="Slide tolerance (business days)"
                        hint="How far an occurrence may move from its cadence date: 0 to 10." value=fields.tolerance_business_days errors />
                    <div class="form-group">
                        <label class="label" for="field-granularity_minutes">"Start-time step"</label>
                        <span class="hint" id="field-granularity_minutes-hint">"Sessions start on multiples of this."</span>
                        <FieldMessage field="granularity_minutes" errors />
                        <select class="select" id="field-granularity_minutes" name="form[granularity_minutes]"
                            aria-describedby="field-granularity_minutes-hint field-granularity_minutes-error">
                            {["5", "10", "15", "30", "60"].into_iter().map(|step| view! {
                                <option value=step selected=granularity == step>{format!("{step} minutes")}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
            </fieldset>
            <fieldset class="fieldset">
                <legend class="legend">"Caps per provider"</legend>
                <div class="form-row">
                    <NumberField field="max_sessions_per_day" label="Sessions per day"
                        hint="Most sessions on one day of the provider's calendar: 1 to 12." value=fields.max_sessions_per_day errors />
                    <NumberField field="max_hours_per_week" label="Hours per week"
                        hint="Most session hours in one week: 1 to 80 (a provider's own lower capacity applies first)." value=fields.max_hours_per_week errors />
                </div>
            </fieldset>
            <fieldset class="fieldset">
                <legend class="legend">"Matching weights"</legend>
                <p class="hint">
                    "How much each part counts in a candidate's score: numbers from 0 to 100, only their "
                    "proportions matter (30 and 0.3 mean the same when the others change alike)."
                </p>
                <div class="form-row">
                    <NumberField field="weight_expertise" label="Expertise" inputmode="decimal"
                        hint="Level in the requested topics." value=fields.weight_expertise errors />
                    <NumberField field="weight_continuity" label="Continuity" inputmode="decimal"
                        hint="Has worked with the site before." value=fields.weight_continuity errors />
                    <NumberField field="weight_time_zone" label="Working-hours overlap" inputmode="decimal"
                        hint="Shared hours with the site's preferred hours." value=fields.weight_time_zone errors />
                    <NumberField field="weight_load_balance" label="Load balance" inputmode="decimal"
                        hint="Spare capacity." value=fields.weight_load_balance errors />
                    <NumberField field="weight_availability" label="Availability" inputmode="decimal"
                        hint="Share of the series placed as asked." value=fields.weight_availability errors />
                </div>
            </fieldset>
            <button class="button" type="submit">"Save settings"</button>
        </ActionForm>
    }
}
