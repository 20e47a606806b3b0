//! `/requests`: the site contact's requests with their status.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::requests::my_requests;
use crate::components::page::LoadError;

#[component]
pub fn RequestsPage() -> impl IntoView {
    let rows = crate::resource::resource(|| (), |_| my_requests());
    view! {
        <Title text="My requests" />
        <div class="container">
            <div class="page-heading">
                <h1>"My requests"</h1>
                <a class="button" href="/requests/new" id="new-request">"New request"</a>
            </div>
            <Suspense fallback=|| view! { <p role="status">"Loading your requests…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! {
                            <p>"You have not asked for anything yet. "
                                <a href="/requests/new">"Make your first request"</a>"."</p>
                        }.into_any(),
                        Ok(rows) => view! {
                            <table class="table" id="requests-table">
                                <caption class="sr-only">"Your site's requests, newest first"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Request"</th>
                                        <th scope="col">"Site"</th>
                                        <th scope="col">"Status"</th>
                                        <th scope="col">"Sessions"</th>
                                        <th scope="col">"Between"</th>
                                        <th scope="col">"Submitted"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <th scope="row">
                                                <a href=format!("/requests/{}", r.id)>{r.title}</a>
                                                {r.peer_exchange.map(|line| view! { <br /><span class="hint">{line}</span> })}
                                            </th>
                                            <td data-label="Site">{r.site}</td>
                                            <td data-label="Status"><span class="tag">{r.status.label_for_site()}</span></td>
                                            <td data-label="Sessions">{r.sessions}</td>
                                            <td data-label="Between">{r.window}</td>
                                            <td data-label="Submitted">{r.submitted}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
