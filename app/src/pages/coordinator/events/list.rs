//! `/coordinator/events`: the group events, soonest first, with seats taken and waiting.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::error_message;
use crate::api::events::list_events;

#[component]
pub fn EventsPage() -> impl IntoView {
    let events = crate::resource::resource(|| (), |_| list_events());
    view! {
        <Title text="Group events" />
        <div class="container">
            <h1>"Group events"</h1>
            <p class="lead">
                "Trainings, webinars, workshops and summits that sites' staff register for "
                "from a shared link, without an account."
            </p>
            <p><a class="button" href="/coordinator/events/new" id="new-event">"New group event"</a></p>
            <Suspense fallback=|| view! { <p role="status">"Loading the events…"</p> }>
                {move || Suspend::new(async move {
                    match events.await {
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                        Ok(rows) if rows.is_empty() => view! {
                            <p>"No group events yet."</p>
                        }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-wrap">
                                <table class="table" id="events-table">
                                    <caption class="sr-only">"Group events, soonest first"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Event"</th>
                                            <th scope="col">"When"</th>
                                            <th scope="col">"Host site"</th>
                                            <th scope="col">"Seats"</th>
                                            <th scope="col">"Status"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rows.into_iter().map(|r| view! {
                                            <tr>
                                                <th scope="row">
                                                    <a href=format!("/coordinator/events/{}", r.id)>{r.title}</a>
                                                    <br /><span class="muted">{r.kind_label}</span>
                                                </th>
                                                <td data-label="When">{r.when}</td>
                                                <td data-label="Host site">{r.host_site}</td>
                                                <td data-label="Seats">
                                                    {format!("{} of {} taken", r.registered, r.capacity)}
                                                    {(r.waitlisted > 0).then(|| view! {
                                                        <br /><span class="muted">{format!("{} waiting", r.waitlisted)}</span>
                                                    })}
                                                </td>
                                                <td data-label="Status">{r.status_label}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
