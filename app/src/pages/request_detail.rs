//! `/requests/:id`: one request in words, its status history and its sessions in the site's
//! local time.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::requests::{RequestInfo, request_detail};
use crate::components::forms::SuccessNotice;
use crate::components::page::LoadError;

#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()));
    let detail = Resource::new(id, |id| async move {
        match id {
            Some(id) => request_detail(id).await,
            None => Err(ServerFnError::ServerError(
                "Request was not found".to_owned(),
            )),
        }
    });
    let submitted = use_query_map().with_untracked(|q| q.get("submitted").is_some());
    view! {
        <Title text="Request" />
        <div class="container">
            <p><a href="/requests">"← My requests"</a></p>
            <SuccessNotice message=Signal::derive(move || submitted.then(|| {
                "Your request has been submitted. A coordinator will look for a provider.".to_owned()
            })) />
            <Suspense fallback=|| view! { <p role="status">"Loading the request…"</p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(detail) => view! { <Detail detail /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Detail(detail: RequestInfo) -> impl IntoView {
    let sessions = detail.sessions.clone();
    view! {
        <Title text=detail.title.clone() />
        <h1 id="request-title">{detail.title.clone()}</h1>
        <p class="lead" id="request-summary">{detail.summary.clone()}</p>
        <dl class="facts">
            <dt>"Site"</dt><dd>{detail.site.clone()}</dd>
            <dt>"Status"</dt><dd><span class="tag" id="request-status">{detail.status.clone()}</span></dd>
            <dt>"Topics"</dt><dd>{detail.topics.join(", ")}</dd>
            <dt>"Engagement"</dt><dd>{detail.engagement_type.clone()}</dd>
            <dt>"Expected attendees"</dt><dd>{detail.expected_attendees}</dd>
            <dt>"Times shown in"</dt><dd>{detail.zone_label.clone()}</dd>
        </dl>
        {(!detail.description.is_empty()).then(|| view! {
            <h2>"Description"</h2>
            <p class="prose">{detail.description.clone()}</p>
        })}
        {(!detail.notes.is_empty()).then(|| view! {
            <h2>"Notes"</h2>
            <p class="prose">{detail.notes.clone()}</p>
        })}
        <h2>"Sessions"</h2>
        {if sessions.is_empty() {
            view! { <p id="no-sessions">"No sessions are scheduled yet."</p> }.into_any()
        } else {
            view! {
                <table class="table" id="sessions-table">
                    <caption class="sr-only">"Sessions, in the site's local time"</caption>
                    <thead><tr><th scope="col">"#"</th><th scope="col">"When"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>
                        {sessions.into_iter().map(|s| view! {
                            <tr>
                                <td>{s.occurrence}</td>
                                <td>{s.when}</td>
                                <td>{s.status}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <h2>"History"</h2>
        <ol class="timeline" id="request-history">
            {detail.history.into_iter().map(|h| view! {
                <li>
                    <strong>{h.status}</strong>" · "<span>{h.at}</span>
                    {(!h.reason.is_empty()).then(|| view! { <p class="timeline__reason">{h.reason}</p> })}
                </li>
            }).collect_view()}
        </ol>
    }
}
