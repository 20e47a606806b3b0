//! The administrator's form for opening an engagement for a site (a newly selected site, or the
//! next period after the last closed): the kind and the kick-off date; the phases are laid out
//! from the templates.

use leptos::prelude::*;

use crate::api::engagement_lifecycle::OpenEngagement;
use crate::components::forms::{ErrorSummary, FieldMessage, refusals};

#[component]
pub fn OpenEngagementForm(site_id: i32) -> impl IntoView {
    let open = ServerAction::<OpenEngagement>::new();
    let (errors, general) = refusals(open);
    let opened = Signal::derive(move || match open.value().get() {
        Some(Ok(id)) => Some(id),
        _ => None,
    });
    let invalid = move |field: &'static str| {
        Signal::derive(move || errors.get().message_for(field).map(|_| "true"))
    };
    view! {
        <section aria-labelledby="open-engagement-heading">
            <h2 id="open-engagement-heading">"Open an engagement"</h2>
            <p>"The phases are laid out from the programme's templates and can be dated as they happen."</p>
            <div class="alert alert--success" role="status" hidden=move || opened.get().is_none()>
                <p>
                    "The engagement is open: "
                    <a href=move || format!("/engagements/{}", opened.get().unwrap_or_default())>"go to its page"</a>
                    "."
                </p>
            </div>
            <ErrorSummary message=general />
            <ActionForm action=open attr:class="form" attr:id="open-engagement-form" attr:novalidate=true>
                <input type="hidden" name="form[site_id]" value=site_id.to_string() />
                <div class="form-group">
                    <label class="label" for="field-kind">"Type"</label>
                    <FieldMessage field="kind" errors />
                    <select class="select" id="field-kind" name="form[kind]"
                        aria-describedby="field-kind-error" aria-invalid=invalid("kind")>
                        <option value="operations">"Operations (three years of coaching)"</option>
                        <option value="diagnostic">"Diagnostic (assessment and a violence reduction plan)"</option>
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="field-starts_on">"Kick-off"</label>
                    <FieldMessage field="starts_on" errors />
                    <input class="input" type="date" id="field-starts_on" name="form[starts_on]"
                        aria-describedby="field-starts_on-error" aria-invalid=invalid("starts_on") />
                </div>
                <button class="button" type="submit">"Open the engagement"</button>
            </ActionForm>
        </section>
    }
}
