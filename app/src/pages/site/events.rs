//! `/site/events`: the group events the contact's site may register for (its audience holds
//! the site, or the site hosts it), soonest first, with the time in the site's zone, seats,
//! and the registration link to share with the site's staff, each linking to its page
//! (`/site/events/<id>`: participants only where the site hosts it).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::events::list_events;
use crate::components::event_table::EventTable;
use crate::components::page::LoadError;

#[component]
pub fn SiteEventsPage() -> impl IntoView {
    let events = crate::resource::resource(|| (), |_| list_events());
    view! {
        <Title text="Group events for our staff" />
        <div class="container">
            <h1>"Group events for our staff"</h1>
            <p class="lead">
                "Trainings, webinars, workshops and summits your staff may attend. Share an event's "
                "registration link with them: they register without an account. Times are in your site's time zone."
            </p>
            <Suspense fallback=|| view! { <p role="status">"Loading the events…"</p> }>
                {move || Suspend::new(async move {
                    match events.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! { <p>"No group events are open to your site yet."</p> }.into_any(),
                        Ok(rows) => view! {
                            <EventTable rows base="/site/events" caption="Group events open to your site, soonest first" id="site-events" share=true />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
