//! The request page's "Team session" section (issue 16): tick two or more of the ranked
//! providers, see the series planned so that every time suits all of them (with the provider in
//! the way named for any session that moved or cannot be placed), send it to the team, and
//! follow each team proposal until every provider accepted and it can be approved.

use leptos::prelude::*;

use contract::views::coordinator::CandidatesView;
use contract::views::team::{TeamPlanView, TeamView};

use super::ranked::Ranked;
use crate::api::coordinator::{ApproveProposal, SendTeam, coordinator_team_plan};
use crate::api::error_message;
use crate::components::forms::{ErrorSummary, failure};

/// Ids as the server functions read them: comma-separated, in the order ticked.
fn ids_text(ids: &[i32]) -> String {
    ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

#[component]
pub fn TeamSection(
    request_id: i32,
    can_propose: bool,
    candidates: Resource<Result<Ranked, ServerFnError>, crate::resource::Json>,
    /// The request's team proposals, read with the request.
    teams: Vec<TeamView>,
    send_team: ServerAction<SendTeam>,
    approve: ServerAction<ApproveProposal>,
) -> impl IntoView {
    let team = RwSignal::new(Vec::<i32>::new());
    let plan = crate::resource::resource(
        move || team.try_get().map(|t| ids_text(&t)).unwrap_or_default(),
        move |providers| async move {
            if providers.split(',').filter(|p| !p.is_empty()).count() < 2 {
                Ok(None)
            } else {
                let ids = providers.clone();
                coordinator_team_plan(request_id, providers)
                    .await
                    .map(|plan| Some((ids, plan)))
            }
        },
    );
    let send_error = failure(move || send_team.value().get());
    view! {
        <section aria-labelledby="team-heading" id="team-section">
            <h2 id="team-heading">"Team session"</h2>
            <TeamList teams approve />
            {can_propose.then(|| view! {
                <p class="muted">"Tick two or more providers to plan the series for all of them at once: a time is kept only if it suits every one of them. Each gets their own proposal; the sessions are confirmed once every provider accepted."</p>
                <Transition fallback=|| view! { <p class="loading" role="status">"Ranking providers…"</p> }>
                    {move || Suspend::new(async move {
                        match candidates.await.map(CandidatesView::from) {
                            Err(_) => ().into_any(),
                            Ok(list) => view! {
                                <fieldset class="fieldset" id="team-picker">
                                    <legend class="label">"Providers in the team"</legend>
                                    {list.eligible.into_iter().map(|c| (c.provider_id, c.name, None))
                                        .chain(list.excluded.into_iter().map(|e| (e.provider_id, e.name, Some(e.reasons.join("; ")))))
                                        .map(|(provider, name, not_alone)| {
                                        let id = format!("team-provider-{provider}");
                                        let hint = format!("team-provider-{provider}-hint");
                                        view! {
                                            <div class="checkbox">
                                                <input type="checkbox" id=id.clone() value=provider
                                                    aria-describedby=not_alone.is_some().then(|| hint.clone())
                                                    prop:checked=move || team.try_get().is_some_and(|t| t.contains(&provider))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        team.update(|t| {
                                                            t.retain(|p| *p != provider);
                                                            if on { t.push(provider); }
                                                        });
                                                    } />
                                                <label for=id>{name}</label>
                                                {not_alone.map(|reasons| view! {
                                                    <span class="muted" id=hint>{format!(" (not eligible alone: {reasons})")}</span>
                                                })}
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                            }.into_any(),
                        }
                    })}
                </Transition>
                <ErrorSummary message=send_error />
                <Transition fallback=|| view! { <p class="loading" role="status">"Planning for the team…"</p> }>
                    {move || Suspend::new(async move {
                        match plan.await {
                            Ok(None) => ().into_any(),
                            Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                            Ok(Some((ids, plan))) => view! { <TeamPlan plan ids request_id send_team /> }.into_any(),
                        }
                    })}
                </Transition>
            })}
        </section>
    }
}

#[component]
fn TeamPlan(
    plan: TeamPlanView,
    ids: String,
    request_id: i32,
    send_team: ServerAction<SendTeam>,
) -> impl IntoView {
    let with_names = plan.with_names.clone();
    view! {
        <p role="status" id="team-plan-status">
            {format!("{} of {} sessions placed with {}; the site is in {}.",
                plan.placed, plan.requested, plan.with_names, plan.site_zone)}
        </p>
        <div class="table-wrap">
            <table class="table" id="team-plan-table">
                <caption class="sr-only">{format!("Common plan for {}", plan.with_names)}</caption>
                <thead><tr>
                    <th scope="col">"#"</th>
                    <th scope="col">"When (your time, the site's beside it)"</th>
                    <th scope="col">"Why it moved or cannot be placed"</th>
                </tr></thead>
                <tbody>
                    {plan.occurrences.into_iter().map(|o| view! {
                        <tr data-occurrence=o.index class=if o.placed { "occurrence" } else { "occurrence occurrence--unplaced" }>
                            <th scope="row">{o.index}</th>
                            <td>{if o.placed { o.when.clone() } else { "Not placed".to_owned() }}</td>
                            <td>{o.note.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {plan.can_send.then(|| view! {
            <ActionForm action=send_team attr:class="form form--inline">
                <input type="hidden" name="id" value=request_id />
                <input type="hidden" name="providers" value=ids.clone() />
                <button class="button" type="submit" id="send-team" disabled=move || send_team.pending().get()>
                    {move || if send_team.pending().get() { "Sending…".to_owned() } else { format!("Send to {with_names}") }}
                </button>
            </ActionForm>
        })}
    }
}

#[component]
fn TeamList(teams: Vec<TeamView>, approve: ServerAction<ApproveProposal>) -> impl IntoView {
    if teams.is_empty() {
        return ().into_any();
    }
    view! {
        <ul class="team-list" id="team-list">
            {teams.into_iter().map(|t| view! {
                <li class="panel" data-team-id=t.id>
                    <h3 class="h4">{format!("{} — {}", t.with_names, t.status_label)}</h3>
                    {(!t.waiting_for.is_empty()).then(|| view! {
                        <p class="muted">{format!("Waiting for {} to answer.", t.waiting_for)}</p>
                    })}
                    <ul>
                        {t.members.into_iter().map(|m| view! {
                            <li>{m.provider.clone()}": "<span class=format!("tag tag--{}", m.status.as_str())>{m.status.as_str()}</span></li>
                        }).collect_view()}
                    </ul>
                    {t.can_approve.then(|| view! {
                        <ActionForm action=approve attr:class="form--inline">
                            <input type="hidden" name="proposal_id" value=t.approve_proposal_id />
                            <button class="button" type="submit" id="approve-team" disabled=move || approve.pending().get()>
                                {move || if approve.pending().get() { "Approving…".to_owned() } else { format!("Approve the team: {}", t.with_names) }}
                            </button>
                        </ActionForm>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
