//! The providers' own calendars on `/coordinator/providers`: every connection with whether its
//! last refresh worked, the failure in words, and when it last worked, failing ones first — a
//! connection that stops working is seen by coordinators, not only by its provider.

use leptos::prelude::*;

use crate::api::provider_calendars::provider_calendar_states;
use crate::components::page::LoadError;

#[component]
pub fn ProviderCalendarStates() -> impl IntoView {
    let states = crate::resource::resource(|| (), |_| provider_calendar_states());
    view! {
        <section aria-labelledby="provider-calendars-heading" id="provider-calendars">
            <h2 id="provider-calendars-heading">"Providers' own calendars"</h2>
            <p>"Busy times from the calendars providers connected keep them from being booked. A failing calendar keeps its last busy times until it works again."</p>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading calendars…"</p> }>
                {move || Suspend::new(async move {
                    match states.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! { <p>"No provider has connected a calendar."</p> }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-wrap">
                                <table class="table" id="provider-calendars-table">
                                    <caption class="sr-only">"Connected calendars by provider"</caption>
                                    <thead><tr>
                                        <th scope="col">"Provider"</th>
                                        <th scope="col">"Calendar"</th>
                                        <th scope="col">"State"</th>
                                        <th scope="col">"Last worked"</th>
                                        <th scope="col">"Last tried"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().flat_map(|p| {
                                            let provider = p.provider.clone();
                                            p.connections.into_iter().map(move |c| view! {
                                                <tr data-provider-id=p.provider_id>
                                                    <th scope="row">{provider.clone()}</th>
                                                    <td>{c.label.clone()}<br /><span class="muted">{c.kind.clone()}</span></td>
                                                    <td>
                                                        <span class=if c.failing { "badge badge--alert" } else { "badge" }>{c.state.clone()}</span>
                                                        {(!c.error.is_empty()).then(|| view! { <p>{c.error.clone()}</p> })}
                                                    </td>
                                                    <td>{c.last_success.clone()}</td>
                                                    <td>{c.last_attempt.clone()}</td>
                                                </tr>
                                            })
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
