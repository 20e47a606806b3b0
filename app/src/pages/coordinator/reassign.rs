//! `/coordinator/providers/:id/reassign`: a provider who leaves. Their remaining sessions grouped
//! by engagement; for each approved engagement the providers who could take over its sessions at
//! the same times (the matching engine's ranking, with the parts of each score), and the others
//! with why not; handing an engagement over in one step; marking the provider as leaving so they
//! are no longer ranked for requests.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::coordinator::{ProviderDeparture, ReassignEngagement, provider_engagements};
use crate::components::forms::{ErrorSummary, SuccessNotice, failure};
use crate::components::page::LoadError;
use contract::views::coordinator::EngagementView;

#[component]
pub fn ReassignPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let reassign = ServerAction::<ReassignEngagement>::new();
    let departure = ServerAction::<ProviderDeparture>::new();
    let data = crate::resource::resource(
        move || (id(), reassign.version().get(), departure.version().get()),
        |(id, _, _)| provider_engagements(id),
    );
    let error = Signal::derive(move || {
        failure(move || reassign.value().get())
            .get()
            .or_else(|| failure(move || departure.value().get()).get())
    });
    let done = Signal::derive(move || {
        matches!(reassign.value().get(), Some(Ok(()))).then(|| {
            "The sessions were handed over; both providers and the site are told by e-mail."
                .to_owned()
        })
    });
    view! {
        <Title text="Hand over sessions" />
        <div class="container container--wide">
            <p><a href="/coordinator/providers">"← All providers"</a></p>
            <ErrorSummary message=error />
            <SuccessNotice message=done />
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading the provider's sessions…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <h1>"Hand over sessions"</h1><LoadError error /> }.into_any(),
                        Ok(page) => {
                            let provider = page.provider.clone();
                            let leaving = !provider.departed.is_empty();
                            view! {
                                <Title text=format!("Hand over {}'s sessions", provider.name) />
                                <h1>{format!("Hand over {}'s sessions", provider.name)}</h1>
                                <dl class="facts">
                                    <dt>"Home zone"</dt><dd>{provider.zone.clone()}</dd>
                                    <dt>"Status"</dt>
                                    <dd id="provider-status">{if leaving { format!("Leaving (since {}): no longer offered for requests", provider.departed) } else { "Active: offered for requests".to_owned() }}</dd>
                                    <dt>"Remaining"</dt>
                                    <dd>{format!("{} confirmed and {} tentative sessions in {} engagements", provider.confirmed_sessions, provider.tentative_sessions, provider.engagements)}</dd>
                                </dl>
                                <ActionForm action=departure attr:class="form form--inline">
                                    <input type="hidden" name="provider_id" value=provider.id />
                                    <input type="hidden" name="departed" value=if leaving { "false" } else { "true" } />
                                    <button class="button button--outline" type="submit" id="toggle-departure" disabled=move || departure.pending().get()>
                                        {if leaving { "Take back: offer them for requests again" } else { "Mark as leaving: stop offering them for requests" }}
                                    </button>
                                </ActionForm>
                                {if page.engagements.is_empty() {
                                    view! { <p id="no-engagements">"No future sessions: nothing to hand over."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="engagements">
                                            {page.engagements.into_iter().map(|e| view! {
                                                <Engagement engagement=e provider_id=provider.id reassign />
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Engagement(
    engagement: EngagementView,
    provider_id: i32,
    reassign: ServerAction<ReassignEngagement>,
) -> impl IntoView {
    let request_id = engagement.request_id;
    let heading = format!("engagement-{request_id}");
    view! {
        <li class="engagement" data-request-id=request_id>
            <section aria-labelledby=heading>
                <h2 class="h3" id=heading.clone()>
                    <a href=format!("/coordinator/requests/{request_id}")>{engagement.title.clone()}</a>
                </h2>
                <p>{format!("{} · site clock {}", engagement.site, engagement.site_zone)}</p>
                <table class="table table--compact">
                    <caption class="sr-only">{format!("Remaining sessions of {}", engagement.title)}</caption>
                    <thead><tr><th scope="col">"#"</th><th scope="col">"When"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>
                        {engagement.sessions.iter().map(|s| view! {
                            <tr data-session-id=s.id>
                                <th scope="row">{s.occurrence}</th>
                                <td>{s.when.clone()}</td>
                                <td><span class=format!("tag tag--{}", s.status.as_str())>{s.status.as_str()}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {if !engagement.confirmed {
                    view! {
                        <p class="muted">
                            "The proposal is still open (tentative sessions): withdraw it on "
                            <a href=format!("/coordinator/requests/{request_id}")>"the request's page"</a>
                            " and propose another provider."
                        </p>
                    }.into_any()
                } else {
                    view! {
                        <h3 class="h4">"Suggested replacements"</h3>
                        {engagement.candidates.is_empty().then(|| view! {
                            <p class="suggestions-empty">"No provider meets every rule and is free at all of these times. See who is not suggested and why below."</p>
                        })}
                        <ol class="candidates">
                            {engagement.candidates.into_iter().map(|c| {
                                let reason_id = format!("reason-{request_id}-{}", c.provider_id);
                                let why = c.parts.iter().map(|p| format!("{}: {}", p.label, p.explanation)).collect::<Vec<_>>();
                                view! {
                                    <li class="candidate" data-provider-id=c.provider_id>
                                        <div class="candidate__head">
                                            <h4 class="candidate__name">{c.name.clone()}</h4>
                                            <span class="score" aria-label=format!("Score {} out of 100", c.score_percent)>
                                                {c.score_percent} <span class="score__max">"/100"</span>
                                            </span>
                                        </div>
                                        <ul class="notes">{why.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                                        <ActionForm action=reassign attr:class="form form--inline">
                                            <input type="hidden" name="request_id" value=request_id />
                                            <input type="hidden" name="from_provider" value=provider_id />
                                            <input type="hidden" name="to_provider" value=c.provider_id />
                                            <div class="form-group">
                                                <label class="label" for=reason_id.clone()>"Reason (told to everyone, optional)"</label>
                                                <input class="input" type="text" id=reason_id name="reason" />
                                            </div>
                                            <button class="button" type="submit" disabled=move || reassign.pending().get()>
                                                {format!("Hand over to {}", c.name)}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <details class="panel">
                            <summary>{format!("Not suggested ({})", engagement.excluded.len())}</summary>
                            <ul>
                                {engagement.excluded.into_iter().map(|e| view! {
                                    <li><strong>{e.name}</strong>": " {e.reasons.join("; ")}</li>
                                }).collect_view()}
                            </ul>
                        </details>
                    }.into_any()
                }}
            </section>
        </li>
    }
}
