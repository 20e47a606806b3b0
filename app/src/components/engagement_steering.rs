//! Staff's controls on an engagement's page: record when a phase actually started and
//! finished, and close the engagement (saying what becomes of the sessions still ahead).

use contract::FieldErrors;
use contract::status::EngagementStatus;
use contract::views::engagement::PhaseLine;
use leptos::prelude::*;

use crate::api::engagement_lifecycle::{CloseEngagement, RecordPhaseDates};
use crate::components::forms::{ErrorSummary, FieldMessage, SuccessNotice, refusals};

/// The success message of `action`'s last answer.
fn done<A>(action: ServerAction<A>) -> Signal<Option<String>>
where
    A: leptos::server_fn::ServerFn<Output = String> + Clone + Send + Sync + 'static,
    A::Error: Clone + Send + Sync,
{
    Signal::derive(move || match action.value().get() {
        Some(Ok(message)) => Some(message),
        _ => None,
    })
}

#[component]
pub fn EngagementSteering(
    engagement_id: i32,
    status: EngagementStatus,
    phases: Vec<PhaseLine>,
    record: ServerAction<RecordPhaseDates>,
    close: ServerAction<CloseEngagement>,
) -> impl IntoView {
    let (phase_errors, phase_general) = refusals(record);
    let (close_errors, close_general) = refusals(close);
    let (phase_done, close_done) = (done(record), done(close));
    let invalid = move |errors: Signal<FieldErrors>, field: &'static str| {
        Signal::derive(move || errors.get().message_for(field).map(|_| "true"))
    };
    view! {
        <section class="card" aria-labelledby="phase-dates-heading">
            <h2 id="phase-dates-heading">"Record a phase's dates"</h2>
            <SuccessNotice message=phase_done />
            <ErrorSummary message=phase_general />
            <ActionForm action=record attr:class="form" attr:id="phase-dates-form" attr:novalidate=true>
                <div class="form-group">
                    <label class="label" for="field-phase_id">"Phase"</label>
                    <FieldMessage field="phase_id" errors=phase_errors />
                    <select class="select" id="field-phase_id" name="form[phase_id]"
                        aria-describedby="field-phase_id-error" aria-invalid=invalid(phase_errors, "phase_id")>
                        {phases.into_iter().map(|p| view! {
                            <option value=p.id.to_string()>{format!("{}. {}", p.position, p.name)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="field-actual_start">"Actually started (optional)"</label>
                    <FieldMessage field="actual_start" errors=phase_errors />
                    <input class="input" type="date" id="field-actual_start" name="form[actual_start]"
                        aria-describedby="field-actual_start-error" aria-invalid=invalid(phase_errors, "actual_start") />
                </div>
                <div class="form-group">
                    <label class="label" for="field-actual_end">"Actually finished (optional)"</label>
                    <FieldMessage field="actual_end" errors=phase_errors />
                    <input class="input" type="date" id="field-actual_end" name="form[actual_end]"
                        aria-describedby="field-actual_end-error" aria-invalid=invalid(phase_errors, "actual_end") />
                </div>
                <button class="button" type="submit">"Save the phase's dates"</button>
            </ActionForm>
        </section>
        {(status != EngagementStatus::Closed).then(|| view! {
            <section class="card" aria-labelledby="close-heading">
                <h2 id="close-heading">"Close the engagement"</h2>
                <SuccessNotice message=close_done />
                <ErrorSummary message=close_general />
                <ActionForm action=close attr:class="form" attr:id="close-form" attr:novalidate=true>
                    <input type="hidden" name="form[engagement_id]" value=engagement_id.to_string() />
                    <fieldset class="form-group" id="field-future_sessions"
                        aria-describedby="field-future_sessions-error">
                        <legend class="label">"Sessions still ahead"</legend>
                        <FieldMessage field="future_sessions" errors=close_errors />
                        <div class="radio">
                            <input type="radio" id="future-keep" name="form[future_sessions]" value="keep" />
                            <label for="future-keep">"Keep them"</label>
                        </div>
                        <div class="radio">
                            <input type="radio" id="future-cancel" name="form[future_sessions]" value="cancel" />
                            <label for="future-cancel">"Cancel them (the provider and the site are told)"</label>
                        </div>
                    </fieldset>
                    <button class="button button--danger" type="submit">"Close the engagement"</button>
                </ActionForm>
            </section>
        })}
    }
}
