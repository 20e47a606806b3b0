//! `/coordinator/batch`: batch matching over every open request. The optimal assignment is shown
//! as a table; the coordinator unticks rows to leave out and sends the rest in one action; the
//! rows go out one by one with a progress bar ("Sending proposal 2 of 5…"), then the outcome of
//! every row is listed.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::coordinator::{BatchOutcome, BatchView, SendBatch, coordinator_batch, send_batch};
use crate::api::error_message;
use crate::components::forms::ErrorSummary;

/// Where sending stands: `done` of `total` rows answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Progress {
    done: usize,
    total: usize,
}

#[component]
pub fn BatchPage() -> impl IntoView {
    let reload = RwSignal::new(0_u32);
    let batch = crate::resource::resource(move || reload.get(), |_| coordinator_batch());
    let progress = RwSignal::new(None::<Progress>);
    let outcomes = RwSignal::new(None::<Vec<BatchOutcome>>);
    let error = RwSignal::new(None::<String>);
    // Rows go one call each, in order, so the page can say how far it has got; a row that is
    // refused does not stop the others (its outcome says why).
    let send = move |pairs: Vec<(i32, i32)>| {
        let total = pairs.len();
        error.set(None);
        outcomes.set(None);
        progress.set(Some(Progress { done: 0, total }));
        leptos::task::spawn_local(async move {
            let mut answered: Vec<BatchOutcome> = Vec::with_capacity(total);
            for (request, provider) in pairs {
                match send_batch(format!("{request}:{provider}")).await {
                    Ok(mut rows) => answered.append(&mut rows),
                    Err(failure) => {
                        error.set(Some(error_message(&failure)));
                        break;
                    }
                }
                progress.set(Some(Progress {
                    done: answered.len(),
                    total,
                }));
            }
            outcomes.set(Some(answered));
            progress.set(None);
            reload.update(|n| *n += 1);
        });
    };
    view! {
        <Title text="Batch matching" />
        <div class="container container--wide">
            <h1>"Batch matching"</h1>
            <p class="lead">
                "Every open request assigned at once: the assignment with the highest total score that "
                "stays within each provider's capacity. Untick a row to leave it out."
            </p>
            <ErrorSummary message=error />
            <BatchProgress progress />
            <BatchOutcomes outcomes />
            <Transition fallback=|| view! { <p class="loading" role="status">"Matching every open request…"</p> }>
                {move || Suspend::new(async move {
                    match batch.await {
                        Ok(view) => view! { <BatchTable view progress send /> }.into_any(),
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// "Sending proposal 2 of 5…" with a progress bar, while the rows go out.
#[component]
fn BatchProgress(progress: RwSignal<Option<Progress>>) -> impl IntoView {
    move || {
        progress.get().map(|p| {
            let current = (p.done + 1).min(p.total);
            view! {
                <div class="alert alert--info" id="batch-progress">
                    <p role="status">{format!("Sending proposal {current} of {}…", p.total)}</p>
                    <progress class="progress" max=p.total value=p.done aria-label="Proposals sent">
                        {format!("{} of {}", p.done, p.total)}
                    </progress>
                </div>
            }
        })
    }
}

#[component]
fn BatchOutcomes(outcomes: RwSignal<Option<Vec<BatchOutcome>>>) -> impl IntoView {
    move || {
        outcomes.get().map(|outcomes| {
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
fn BatchTable(
    view: BatchView,
    progress: RwSignal<Option<Progress>>,
    send: impl Fn(Vec<(i32, i32)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
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
    let send_url = <SendBatch as leptos::server_fn::ServerFn>::url();
    view! {
        <p role="status">{format!(
            "{} requests can be assigned (average score {} out of 100); {} cannot.",
            view.rows.len(), view.average_score_percent, view.unassigned.len()
        )}</p>
        // Without scripts the form posts every kept row in one call; with them, `send` sends the
        // rows one by one and shows how far it has got.
        <form class="form" method="post" action=send_url
            on:submit=move |ev| {
                ev.prevent_default();
                send(kept.get_untracked().into_iter().collect());
            }>
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
                                    <td>{format!("{}/100", r.score_percent)}</td>
                                    <td>{r.why}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <button class="button" type="submit" id="send-batch" disabled=move || progress.get().is_some() || count() == 0>
                {move || if let Some(p) = progress.get() {
                    format!("Sending {} proposals…", p.total)
                } else {
                    match count() {
                        1 => "Send 1 proposal".to_owned(),
                        n => format!("Send {n} proposals"),
                    }
                }}
            </button>
        </form>
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
