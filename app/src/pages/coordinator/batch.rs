//! `/coordinator/batch`: batch matching over every open request. The optimal assignment is shown
//! as a table; the coordinator unticks rows to leave out and sends the rest in one action, with
//! progress and the outcome of every row.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::coordinator::{BatchView, SendBatch, coordinator_batch};
use crate::api::error_message;
use crate::components::forms::{ErrorSummary, failure};

#[component]
pub fn BatchPage() -> impl IntoView {
    let send = ServerAction::<SendBatch>::new();
    let batch = Resource::new(move || send.version().get(), |_| coordinator_batch());
    let error = failure(move || send.value().get());
    view! {
        <Title text="Batch matching" />
        <div class="container container--wide">
            <h1>"Batch matching"</h1>
            <p class="lead">
                "Every open request assigned at once: the assignment with the highest total score that "
                "stays within each provider's capacity. Untick a row to leave it out."
            </p>
            <ErrorSummary message=error />
            <BatchOutcomes send />
            <Transition fallback=|| view! { <p class="loading" role="status">"Matching every open request…"</p> }>
                {move || Suspend::new(async move {
                    match batch.await {
                        Ok(view) => view! { <BatchTable view send /> }.into_any(),
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn BatchOutcomes(send: ServerAction<SendBatch>) -> impl IntoView {
    move || {
        send.value().get().and_then(Result::ok).map(|outcomes| {
            let sent = outcomes.iter().filter(|o| o.sent).count();
            view! {
                <div class="alert alert--success" role="status" id="batch-outcome">
                    <p>{format!("{sent} of {} proposals sent.", outcomes.len())}</p>
                    <ul>
                        {outcomes.into_iter().map(|o| view! {
                            <li class=if o.sent { "" } else { "error-message" }>{o.title} ": " {o.message}</li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

#[component]
fn BatchTable(view: BatchView, send: ServerAction<SendBatch>) -> impl IntoView {
    let all: BTreeSet<(i32, i32)> = view
        .rows
        .iter()
        .map(|r| (r.request_id, r.provider_id))
        .collect();
    let kept = RwSignal::new(all);
    let pairs = move || {
        kept.get()
            .iter()
            .map(|(request, provider)| format!("{request}:{provider}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let count = move || kept.get().len();
    view! {
        <p role="status">{format!(
            "{} requests can be assigned (total score {:.2}); {} cannot.",
            view.rows.len(), view.total_score, view.unassigned.len()
        )}</p>
        <ActionForm action=send attr:class="form">
            <input type="hidden" name="pairs" prop:value=pairs />
            <div class="table-wrap">
                <table class="table" id="batch-table">
                    <caption class="sr-only">"Proposed assignment"</caption>
                    <thead><tr>
                        <th scope="col">"Send"</th><th scope="col">"Request"</th><th scope="col">"Site"</th>
                        <th scope="col">"Provider"</th><th scope="col">"Score"</th><th scope="col">"Why"</th>
                    </tr></thead>
                    <tbody>
                        {view.rows.into_iter().map(|r| {
                            let key = (r.request_id, r.provider_id);
                            let id = format!("keep-{}", r.request_id);
                            view! {
                                <tr>
                                    <td>
                                        <input type="checkbox" id=id.clone()
                                            prop:checked=move || kept.get().contains(&key)
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                kept.update(|k| { if on { k.insert(key); } else { k.remove(&key); } });
                                            } />
                                        <label class="sr-only" for=id>{format!("Send {} to {}", r.title, r.provider)}</label>
                                    </td>
                                    <th scope="row"><a href=format!("/coordinator/requests/{}", r.request_id)>{r.title.clone()}</a></th>
                                    <td>{r.site}</td>
                                    <td>{r.provider.clone()}</td>
                                    <td>{r.score_percent}</td>
                                    <td>{r.why}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <button class="button" type="submit" id="send-batch" disabled=move || send.pending().get() || count() == 0>
                {move || if send.pending().get() {
                    format!("Sending {} proposals…", count())
                } else {
                    match count() {
                        1 => "Send 1 proposal".to_owned(),
                        n => format!("Send {n} proposals"),
                    }
                }}
            </button>
        </ActionForm>
        {(!view.unassigned.is_empty()).then(|| view! {
            <h2>"Not assigned"</h2>
            <table class="table" id="unassigned-table">
                <caption class="sr-only">"Requests that could not be assigned, and why"</caption>
                <thead><tr><th scope="col">"Request"</th><th scope="col">"Site"</th><th scope="col">"Why"</th></tr></thead>
                <tbody>
                    {view.unassigned.into_iter().map(|u| view! {
                        <tr>
                            <th scope="row"><a href=format!("/coordinator/requests/{}", u.request_id)>{u.title}</a></th>
                            <td>{u.site}</td>
                            <td>{u.reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}
