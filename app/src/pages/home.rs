//! Home page: for a logged-in person their role's home ([`super::role_home`]); for anyone else
//! the PSP sites with their time zones and live local clocks, searchable.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::whoami;
use crate::api::error_message;
use crate::api::sites::{SiteRow, list_sites};
use crate::components::clock::ZoneClock;

#[component]
pub fn HomePage() -> impl IntoView {
    let user = crate::resource::resource(|| (), |_| whoami());
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match user.await.ok().flatten() {
                    Some(_) => view! { <super::role_home::RoleHome /> }.into_any(),
                    None => view! { <SiteDirectory /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The programme's sites, for visitors who are not logged in.
#[component]
fn SiteDirectory() -> impl IntoView {
    // The search starts from `?q=` so the page also works as a plain GET form without wasm.
    let initial = use_query_map().with_untracked(|q| q.get("q").unwrap_or_default());
    let search = RwSignal::new(initial);
    let sites = crate::resource::resource(move || search.get(), list_sites);

    view! {
        <Title text="Sites" />
        <div class="container">
            <h1>"Public Safety Partnership sites"</h1>
            <p class="lead">
                "The Operations sites receiving training and technical assistance, with each site's "
                "time zone and current local time."
            </p>
            <form
                class="search"
                role="search"
                method="get"
                action="/"
                on:submit=move |ev| ev.prevent_default()
            >
                <label class="label" for="site-search">
                    "Search sites by name, state or time zone"
                </label>
                <div class="search__row">
                    <input
                        class="input"
                        id="site-search"
                        name="q"
                        type="search"
                        autocomplete="off"
                        maxlength="100"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                    <button class="button" type="submit">"Search"</button>
                </div>
            </form>
            <Transition fallback=|| view! { <p class="loading">"Loading sites…"</p> }>
                {move || Suspend::new(async move {
                    match sites.await {
                        Ok(rows) => view! { <SiteTable rows /> }.into_any(),
                        Err(error) => {
                            view! {
                                <div class="alert alert--error" role="alert">
                                    <p>{error_message(&error)}</p>
                                </div>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn SiteTable(rows: Vec<SiteRow>) -> impl IntoView {
    let summary = match rows.len() {
        0 => "No site matches your search.".to_owned(),
        1 => "1 site".to_owned(),
        n => format!("{n} sites"),
    };
    view! {
        <p class="result-count" role="status" aria-live="polite">{summary}</p>
        <div class="table-wrap">
            <table class="table" id="site-table">
                <caption class="sr-only">"Sites, their states, time zones and local times"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Site"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Time zone"</th>
                        <th scope="col">"Local time"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|site| {
                            view! {
                                <tr data-site-id=site.id>
                                    <th scope="row">{site.name}</th>
                                    <td>{site.state}</td>
                                    <td>{site.zone.clone()}</td>
                                    <td>
                                        <ZoneClock zone=site.zone initial=site.local_time />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
