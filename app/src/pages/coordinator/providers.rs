//! `/coordinator/providers`: every provider with their booked work from now on (confirmed and
//! tentative sessions, engagements) and whether they are leaving, each with a link to hand
//! their sessions over.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::coordinator::coordinator_providers;
use crate::components::page::LoadError;

#[component]
pub fn ProvidersPage() -> impl IntoView {
    let providers = crate::resource::resource(|| (), |_| coordinator_providers());
    view! {
        <Title text="Providers" />
        <div class="container container--wide">
            <p><a href="/coordinator">"← Back to the queue"</a></p>
            <h1>"Providers"</h1>
            <p class="lead">"Booked work from now on. When a provider leaves, hand their remaining sessions to someone else, engagement by engagement."</p>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading providers…"</p> }>
                {move || Suspend::new(async move {
                    match providers.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-wrap">
                                <table class="table" id="providers-table">
                                    <caption class="sr-only">"Providers with their future sessions"</caption>
                                    <thead><tr>
                                        <th scope="col">"Provider"</th>
                                        <th scope="col">"Home zone"</th>
                                        <th scope="col">"Status"</th>
                                        <th scope="col">"Confirmed sessions"</th>
                                        <th scope="col">"Tentative sessions"</th>
                                        <th scope="col">"Engagements"</th>
                                        <th scope="col">"Handover"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|p| {
                                            let status = if !p.active {
                                                "Account closed".to_owned()
                                            } else if p.departed.is_empty() {
                                                "Active".to_owned()
                                            } else {
                                                format!("Leaving (since {})", p.departed)
                                            };
                                            view! {
                                                <tr data-provider-id=p.id>
                                                    <th scope="row">{p.name.clone()}<br /><span class="muted">{p.email.clone()}</span></th>
                                                    <td>{p.zone.clone()}</td>
                                                    <td>{status}</td>
                                                    <td>{p.confirmed_sessions}</td>
                                                    <td>{p.tentative_sessions}</td>
                                                    <td>{p.engagements}</td>
                                                    <td>
                                                        <a href=format!("/coordinator/providers/{}/reassign", p.id)>
                                                            "Hand over sessions"<span class="sr-only">{format!(" of {}", p.name)}</span>
                                                        </a>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
            <crate::pages::coordinator::provider_calendars::ProviderCalendarStates />
        </div>
    }
}
