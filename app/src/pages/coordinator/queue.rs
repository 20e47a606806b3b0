//! `/coordinator`: waiting requests, oldest first, with filters that live in the address (so a
//! filtered queue can be bookmarked, and the form works without wasm) and counts per status; and
//! the sites' open asks to change sessions (a count, and each ask with a link to its request).
//! The "Waiting for you" counts are links that keep only the requests waiting on that
//! (`?waiting=accepted`), with "Show all" to go back. The queue comes a page at a time
//! (`?after=` / `?before=` a position the queue gave), the filters kept in the page links.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use contract::views::coordinator::{OpenChangeView, QueueView};

use crate::api::coordinator::coordinator_queue;
use crate::api::error_message;
use crate::components::pager::Pager;

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &'static str| query.read().get(name).unwrap_or_default();
    let data = crate::resource::resource(
        move || {
            (
                param("status"),
                param("site"),
                param("topic"),
                param("engagement"),
                param("age"),
                param("waiting"),
                param("after"),
                param("before"),
            )
        },
        |(status, site, topic, engagement, age, waiting, after, before)| {
            coordinator_queue(status, site, topic, engagement, age, waiting, after, before)
        },
    );
    view! {
        <Title text="Request queue" />
        <div class="container container--wide">
            <h1>"Request queue"</h1>
            <p>
                <a class="button button--outline" href="/coordinator/batch">"Batch-match every open request"</a>
                " "
                <a class="button button--outline" href="/coordinator/providers">"Providers and handovers"</a>
                " "
                <a class="button button--outline" href="/coordinator/peer-exchanges/new">"Arrange a peer exchange"</a>
            </p>
            <Transition fallback=|| view! { <p class="loading">"Loading the queue…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(queue) => view! { <QueueBody queue param=Callback::new(param) /> }.into_any(),
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn QueueBody(queue: QueueView, param: Callback<&'static str, String>) -> impl IntoView {
    let selected = move |name: &'static str, value: &str| param.run(name) == value;
    let status_options = queue.counts.clone();
    let shown = queue.rows.len() as u64;
    let paged = queue.pages.paged();
    let summary = if paged {
        format!(
            "{} requests match, oldest first; {shown} on this page.",
            queue.pages.total
        )
    } else {
        match queue.pages.total {
            0 => "No request matches these filters.".to_owned(),
            1 => "1 request matches.".to_owned(),
            n => format!("{n} requests match, oldest first."),
        }
    };
    // The page links keep the filters: the address's own, without its page position.
    let filters: Vec<(&'static str, String)> =
        ["status", "site", "topic", "engagement", "age", "waiting"]
            .into_iter()
            .map(|name| (name, param.run(name)))
            .collect();
    let pager = view! {
        <Pager pages=queue.pages.clone() path="/coordinator" filters label="Queue pages"
            noun="requests" earlier="older" later="newer" />
    };
    let changes = queue.changes.clone();
    let waiting = queue.waiting.clone();
    let waiting_filter = queue.waiting_filter;
    view! {
        <section aria-labelledby="waiting-heading" id="waiting-for-you">
            <h2 id="waiting-heading" class="h3">"Waiting for you"</h2>
            <ul class="status-counts">
                {waiting.into_iter().map(|w| {
                    let current = waiting_filter == Some(w.waiting_on);
                    view! {
                        <li data-waiting-on=format!("{:?}", w.waiting_on)>
                            {if w.count == 0 {
                                view! {
                                    <span class="status-counts__n">{w.count}</span>
                                    " " {w.waiting_on.label()}
                                }.into_any()
                            } else {
                                view! {
                                    <a href=format!("/coordinator?waiting={}", w.waiting_on.as_str())
                                        aria-current=current.then_some("true")>
                                        <span class="status-counts__n">{w.count}</span>
                                        " " {w.waiting_on.label()}
                                        <span class="sr-only">" — show only these"</span>
                                    </a>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {waiting_filter.map(|kind| view! {
                <p id="waiting-filter">
                    {format!("Showing only the requests waiting on: {}. ", kind.label())}
                    <a href="/coordinator" id="show-all">"Show all"</a>
                </p>
            })}
        </section>
        <OpenChanges changes />
        <section aria-labelledby="counts-heading">
            <h2 id="counts-heading" class="sr-only">"Requests by status"</h2>
            <ul class="status-counts">
                {queue.counts.iter().map(|c| view! {
                    <li>
                        <a href=format!("/coordinator?status={}", c.status.as_str())>
                            <span class="status-counts__n">{c.count}</span>
                            " " {c.status.label_for_staff()}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <Form method="GET" action="/coordinator" attr:class="filters" attr:aria-label="Filter the queue">
            <div class="filters__row">
                <div class="form-group">
                    <label class="label" for="f-status">"Status"</label>
                    <select class="input" id="f-status" name="status">
                        <option value="" selected=selected("status", "")>"Waiting (any)"</option>
                        {status_options.into_iter().map(|c| {
                            let value = c.status.as_str();
                            view! { <option value=value selected=selected("status", value)>{c.status.label_for_staff()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="f-site">"Site"</label>
                    <select class="input" id="f-site" name="site">
                        <option value="">"Any site"</option>
                        {queue.sites.iter().map(|s| {
                            let value = s.value.clone();
                            view! { <option value=s.value.clone() selected=selected("site", &value)>{s.label.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="f-topic">"Topic"</label>
                    <select class="input" id="f-topic" name="topic">
                        <option value="">"Any topic"</option>
                        {queue.topics.iter().map(|t| {
                            let value = t.value.clone();
                            view! { <option value=t.value.clone() selected=selected("topic", &value)>{t.label.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="f-engagement">"Engagement"</label>
                    <select class="input" id="f-engagement" name="engagement">
                        <option value="">"Any"</option>
                        <option value="operations" selected=selected("engagement", "operations")>"Operations"</option>
                        <option value="diagnostic" selected=selected("engagement", "diagnostic")>"Diagnostic"</option>
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="f-age">"Waiting at least (days)"</label>
                    <input class="input input--short" id="f-age" name="age" type="number" min="0" inputmode="numeric"
                        value=move || param.run("age") />
                </div>
                {waiting_filter.map(|kind| view! { <input type="hidden" name="waiting" value=kind.as_str() /> })}
                <button class="button" type="submit">"Apply filters"</button>
                <a class="button button--outline" href="/coordinator">"Clear"</a>
            </div>
        </Form>
        <p class="result-count" role="status">{summary}</p>
        <div class="table-wrap">
            <table class="table" id="queue-table">
                <caption class="sr-only">"Requests waiting for brokering, oldest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Request"</th>
                        <th scope="col">"Site"</th>
                        <th scope="col">"Topics"</th>
                        <th scope="col">"Series"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Submitted"</th>
                    </tr>
                </thead>
                <tbody>
                    {queue.rows.into_iter().map(|r| view! {
                        <tr data-request-id=r.id>
                            <th scope="row">
                                <a href=format!("/coordinator/requests/{}", r.id)>{r.title}</a>
                                {(r.open_changes > 0).then(|| view! {
                                    " "<span class="badge badge--alert">{format!("{} change request{}", r.open_changes, if r.open_changes == 1 { "" } else { "s" })}</span>
                                })}
                            </th>
                            <td>{r.site}</td>
                            <td>{r.topics}</td>
                            <td>{r.series}</td>
                            <td>
                                <span class=format!("tag tag--{}", r.status.as_str())>{r.status.label_for_staff()}</span>
                                {r.waiting_on.map(|w| view! {
                                    <br /><strong class="waiting-on">{w.label()}</strong>
                                })}
                            </td>
                            <td>{r.submitted} <br /><span class="muted">{format!("{} waiting", r.waiting)}</span></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {pager}
    }
}

/// The sites' open asks to change sessions: how many, and each with its request.
#[component]
fn OpenChanges(changes: Vec<OpenChangeView>) -> impl IntoView {
    let count = changes.len();
    let badge_class = if count > 0 {
        "badge badge--alert"
    } else {
        "badge"
    };
    view! {
        <section aria-labelledby="changes-heading" class="panel" id="open-changes">
            <h2 id="changes-heading" class="h3">
                "Change requests from sites "
                <span class=badge_class id="open-changes-count">{count}" open"</span>
            </h2>
            {if changes.is_empty() {
                view! { <p class="muted">"No site is waiting for an answer about a session."</p> }.into_any()
            } else {
                view! {
                    <ul class="change-asks">
                        {changes.into_iter().map(|c| view! {
                            <li data-change-id=c.id>
                                <a href=format!("/coordinator/requests/{}#change-requests", c.request_id)>{c.request_title.clone()}</a>
                                {format!(" ({}): session {} · {} · asked {} ({} ago)", c.site, c.session, c.what, c.asked, c.waiting)}
                                <br /><span class="muted">{c.reason.clone()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
