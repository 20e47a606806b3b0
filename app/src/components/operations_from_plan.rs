//! On a Diagnostic engagement's page, for staff: "Open the Operations engagement from this
//! plan" — the kick-off date and the recommendations that will be carried over (copied, each
//! naming this plan; the Diagnostic keeps its own). When the site's Operations engagement is
//! already open, a link to it instead.

use leptos::prelude::*;

use crate::api::engagement_timeline::{OpenOperationsFromPlan, operations_offer};
use crate::components::forms::{ErrorSummary, FieldMessage, refusals};

#[component]
pub fn OperationsFromPlan(engagement_id: i32) -> impl IntoView {
    let open = ServerAction::<OpenOperationsFromPlan>::new();
    let offer = crate::resource::resource(
        move || (engagement_id, open.version().get()),
        |(id, _)| operations_offer(id),
    );
    let (errors, general) = refusals(open);
    let opened = Signal::derive(move || match open.value().get() {
        Some(Ok(id)) => Some(id),
        _ => None,
    });
    let invalid = move |field: &'static str| {
        Signal::derive(move || errors.get().message_for(field).map(|_| "true"))
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // Not a Diagnostic, or not readable: nothing to offer.
                let Ok(Some(offer)) = offer.await else {
                    return ().into_any();
                };
                let form = match offer.open_operations {
                    Some(id) => view! {
                        <p id="operations-open">
                            "The site's Operations engagement is open: "
                            <a href=format!("/engagements/{id}")>{format!("go to Operations engagement #{id}")}</a>
                            "."
                        </p>
                    }.into_any(),
                    None => view! {
                        <ActionForm action=open attr:class="form" attr:id="operations-from-plan-form" attr:novalidate=true>
                            <input type="hidden" name="form[diagnostic_id]" value=offer.diagnostic_id.to_string() />
                            <div class="form-group">
                                <label class="label" for="field-starts_on">"Operations kick-off"</label>
                                <FieldMessage field="starts_on" errors />
                                <input class="input" type="date" id="field-starts_on" name="form[starts_on]"
                                    value=offer.suggested_start.clone()
                                    aria-describedby="field-starts_on-error" aria-invalid=invalid("starts_on") />
                            </div>
                            <button class="button" type="submit">"Open the Operations engagement from this plan"</button>
                        </ActionForm>
                    }.into_any(),
                };
                let carried = offer.carried;
                view! {
                    <section class="card" aria-labelledby="operations-from-plan-heading" id="operations-from-plan">
                        <h2 id="operations-from-plan-heading">"Operations engagement from this plan"</h2>
                        <div class="alert alert--success" role="status" hidden=move || opened.get().is_none()>
                            <p>
                                "The Operations engagement is open with this plan's recommendations still to do: "
                                <a href=move || format!("/engagements/{}", opened.get().unwrap_or_default())>"go to its page"</a>
                                "."
                            </p>
                        </div>
                        <ErrorSummary message=general />
                        {if carried.is_empty() {
                            view! { <p>"Every recommendation of this plan is done or dropped: none would be carried over."</p> }.into_any()
                        } else {
                            view! {
                                <p>{if carried.len() == 1 {
                                    "This recommendation still to do is copied into the Operations engagement as its \
                                     starting recommendation, naming this plan. This Diagnostic keeps its own record."
                                        .to_owned()
                                } else {
                                    format!(
                                        "These {} recommendations still to do are copied into the Operations engagement \
                                         as its starting recommendations, each naming this plan. This Diagnostic keeps \
                                         its own record.",
                                        carried.len()
                                    )
                                }}</p>
                                <ul id="carried-recommendations">
                                    {carried.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {form}
                    </section>
                }.into_any()
            })}
        </Transition>
    }
}
