//! `/provider/events`: the group events the provider delivers — upcoming first (soonest
//! first), then past ones — with the time in the provider's zone and seats taken of capacity,
//! each linking to its page (`/provider/events/<id>`: participants and attendance).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::events::list_events;
use crate::components::event_table::EventTable;
use crate::components::page::LoadError;

#[component]
pub fn ProviderEventsPage() -> impl IntoView {
    let events = crate::resource::resource(|| (), |_| list_events());
    view! {
        <Title text="My group events" />
        <div class="container">
            <h1>"My group events"</h1>
            <p class="lead">"Trainings, webinars, workshops and summits you deliver. Times are in your time zone."</p>
            <Suspense fallback=|| view! { <p role="status">"Loading your events…"</p> }>
                {move || Suspend::new(async move {
                    match events.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) => {
                            let (past, upcoming): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.past);
                            let mut past = past;
                            past.reverse();
                            view! {
                                <section aria-labelledby="upcoming-heading">
                                    <h2 id="upcoming-heading">"Upcoming"</h2>
                                    {if upcoming.is_empty() {
                                        view! { <p>"No upcoming group events."</p> }.into_any()
                                    } else {
                                        view! { <EventTable rows=upcoming base="/provider/events" caption="Upcoming group events, soonest first" id="upcoming-events" /> }.into_any()
                                    }}
                                </section>
                                <section aria-labelledby="past-heading">
                                    <h2 id="past-heading">"Past"</h2>
                                    {if past.is_empty() {
                                        view! { <p>"No past group events."</p> }.into_any()
                                    } else {
                                        view! { <EventTable rows=past base="/provider/events" caption="Past group events, latest first" id="past-events" /> }.into_any()
                                    }}
                                </section>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
