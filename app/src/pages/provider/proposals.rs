//! `/provider/proposals`: the provider's proposed engagements, each with the whole series of
//! dates in the provider's zone (the site's wall clock beside), to accept or decline with a reason.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::proposals::{AcceptProposal, DeclineProposal, my_proposals};
use crate::components::forms::{ErrorSummary, failure};
use crate::components::page::LoadError;
use contract::views::provider::ProposalCard;

#[component]
pub fn ProviderProposalsPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let cards = crate::resource::resource(move || version.get(), |_| my_proposals());
    view! {
        <Title text="Proposals" />
        <div class="container">
            <h1>"Proposals"</h1>
            <p class="lead">
                "Coordinators offer you engagements here. Times are in your time zone, with the "
                "site's local time beside them."
            </p>
            <Transition fallback=|| view! { <p role="status">"Loading your proposals…"</p> }>
                {move || Suspend::new(async move {
                    match cards.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(cards) if cards.is_empty() => view! {
                            <p id="no-proposals">"You have no proposals at the moment."</p>
                        }.into_any(),
                        Ok(cards) => view! {
                            <ul class="card-list" id="proposal-list">
                                {cards.into_iter().map(|card| view! {
                                    <li><Card card on_decided=move || version.update(|v| *v += 1) /></li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Card(card: ProposalCard, on_decided: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let accept = ServerAction::<AcceptProposal>::new();
    let decline = ServerAction::<DeclineProposal>::new();
    Effect::new(move |_| {
        if matches!(accept.value().get(), Some(Ok(())))
            || matches!(decline.value().get(), Some(Ok(())))
        {
            on_decided();
        }
    });
    let accept_error = failure(move || accept.value().get());
    let decline_error = failure(move || decline.value().get());
    let error = Signal::derive(move || accept_error.get().or_else(|| decline_error.get()));
    let busy = move || accept.pending().get() || decline.pending().get();
    let heading_id = format!("proposal-{}-title", card.id);
    let labelled_by = heading_id.clone();
    let reason_id = format!("proposal-{}-reason", card.id);
    let open = card.can_answer;
    let (accept_id, decline_id) = (card.id.to_string(), card.id.to_string());
    view! {
        <article class="card" aria-labelledby=labelled_by data-proposal=card.id>
            <header class="card__header">
                <h2 class="card__title" id=heading_id>{card.title.clone()}</h2>
                <span class="tag">{card.status.label_for_provider()}</span>
            </header>
            <p><strong>{card.site.clone()}</strong>" · site time zone: "{card.site_zone.clone()}</p>
            <p>"Topics: "{card.topics.join(", ")}</p>
            <p class="card__summary">{card.summary.clone()}</p>
            {(!card.description.is_empty()).then(|| view! { <p class="prose">{card.description.clone()}</p> })}
            <h3 class="card__subheading">{format!("{} sessions", card.sessions.len())}</h3>
            <ol class="session-list">
                {card.sessions.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
            </ol>
            {(!card.reason.is_empty()).then(|| view! { <p>"Reason given: "{card.reason.clone()}</p> })}
            {open.then(move || view! {
                <ErrorSummary message=error />
                <div class="card__actions">
                    <ActionForm action=accept>
                        <input type="hidden" name="id" value=accept_id />
                        <button class="button" type="submit" disabled=busy>
                            {move || if accept.pending().get() { "Accepting…" } else { "Accept" }}
                        </button>
                    </ActionForm>
                    <details class="decline">
                        <summary class="button button--secondary">"Decline…"</summary>
                        <ActionForm action=decline attr:class="form">
                            <input type="hidden" name="id" value=decline_id />
                            <div class="form-group">
                                <label class="label" for=reason_id.clone()>"Why are you declining?"</label>
                                <span class="hint">"The coordinator reads this when finding someone else."</span>
                                <textarea class="textarea" id=reason_id name="reason" rows="2"></textarea>
                            </div>
                            <button class="button button--secondary" type="submit" disabled=busy>
                                {move || if decline.pending().get() { "Declining…" } else { "Decline proposal" }}
                            </button>
                        </ActionForm>
                    </details>
                </div>
            })}
        </article>
    }
}
