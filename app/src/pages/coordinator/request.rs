//! `/coordinator/requests/:id`: one request brokered end to end — the request in words, ranked
//! candidates with the parts of each score (and, on demand, who is excluded and why: the rules
//! broken with how many break each, every provider's first rule in brief, and every rule of
//! every provider at `?excluded=all`, a link that works without scripts), the series
//! planned with a chosen candidate in the site's and the provider's zones (any occurrence can be
//! moved to one of the other times offered for it before sending), sending the proposal,
//! approving it once accepted, changing sessions afterwards, and answering the site's asks to
//! change sessions.

use leptos::html::H3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use contract::views::coordinator::{
    CandidatesView, ExcludedBriefView, ExclusionGroupView, PlanView, RequestDetailView,
};
use contract::views::move_times::SessionMoveTimesView;

use super::cancel_confirm::CancelConfirm;
use super::changes::ChangeRequests;
use super::move_times::MoveTimeChoices;
use super::ranked::Ranked;
use super::team::TeamSection;
use crate::api::coordinator::{
    AnswerChange, ApproveProposal, CancelSessions, RescheduleSession, ReturnOrReject, SendProposal,
    WithdrawProposal, coordinator_plan, coordinator_request, coordinator_request_candidates,
};
use crate::api::error_message;
use crate::components::forms::{ErrorSummary, failure};

#[component]
pub fn RequestPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(0)
    };
    // `?excluded=all`: every rule each excluded provider breaks, not only the first in brief.
    let query = use_query_map();
    let every_reason = move || query.read().get("excluded").is_some_and(|v| v == "all");

    let send = ServerAction::<SendProposal>::new();
    let approve = ServerAction::<ApproveProposal>::new();
    let send_team = ServerAction::<crate::api::coordinator::SendTeam>::new();
    let withdraw = ServerAction::<WithdrawProposal>::new();
    let close = ServerAction::<ReturnOrReject>::new();
    let reschedule = ServerAction::<RescheduleSession>::new();
    let cancel = ServerAction::<CancelSessions>::new();
    let answer = ServerAction::<AnswerChange>::new();
    // What the last cancellation did, said once it went through.
    let cancelled = RwSignal::new(None::<String>);
    let changes = move || {
        (
            send.version().get(),
            approve.version().get(),
            send_team.version().get(),
            withdraw.version().get(),
            close.version().get(),
            reschedule.version().get(),
            cancel.version().get(),
            answer.version().get(),
        )
    };
    // The request with the free times each session may move to (for the move forms) and its
    // team proposals: one server function, so the request is read once per page.
    let detail =
        crate::resource::resource(move || (id(), changes()), |(id, _)| coordinator_request(id));
    // The session whose move was submitted last: its form stays open and shows the refusal.
    let moving = RwSignal::new(None::<i32>);
    // Kept for hydration in the compact form (see `ranked`); the components read it back.
    let candidates = crate::resource::resource(
        move || (id(), every_reason(), changes()),
        |(id, every, _)| async move {
            coordinator_request_candidates(id, every)
                .await
                .map(Ranked::from)
        },
    );
    let chosen = RwSignal::new(None::<i32>);
    // The coordinator's moves of the chosen candidate's plan: (occurrence, slot start).
    let moves = RwSignal::new(Vec::<(u32, i64)>::new());
    let plan = crate::resource::resource(
        move || (id(), chosen.get(), moves_text(&moves.get())),
        |(id, provider, moves)| async move {
            match provider {
                Some(provider) => coordinator_plan(id, provider, moves).await.map(Some),
                None => Ok(None),
            }
        },
    );

    // The newest failure of any action but a move, shown in one error summary that takes focus
    // (a refused move is shown beside its form).
    let error = Signal::derive(move || {
        [
            failure(move || send.value().get()).get(),
            failure(move || approve.value().get()).get(),
            failure(move || withdraw.value().get()).get(),
            failure(move || close.value().get()).get(),
            failure(move || cancel.value().get()).get(),
            failure(move || answer.value().get()).get(),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    Effect::new(move |_| {
        if matches!(reschedule.value().get(), Some(Ok(()))) {
            moving.set(None);
        }
    });
    Effect::new(move |_| {
        if matches!(send.value().get(), Some(Ok(()))) {
            chosen.set(None);
            moves.set(Vec::new());
        }
    });

    view! {
        <Title text="Request" />
        <div class="container container--wide">
            <p><a href="/coordinator">"← Back to the queue"</a></p>
            <ErrorSummary message=error />
            <p role="status" id="cancel-outcome">
                {move || matches!(cancel.value().get(), Some(Ok(()))).then(|| cancelled.get()).flatten()}
            </p>
            <Transition fallback=|| view! { <p class="loading">"Loading the request…"</p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(request) => {
                        let times = request.move_times.clone();
                        let teams = request.teams.clone();
                        view! {
                            <RequestSummary request=request.clone() close />
                            <ChangeRequests request=request.clone() answer times=times.clone() />
                            <Candidates candidates chosen moves can_propose=request.can_propose request_id=request.id
                                sent=request.proposals.iter().filter(|p| p.can_withdraw).map(|p| (p.provider_id, p.sent_score_percent)).collect() />
                            <PlanSection plan chosen moves send request_id=request.id />
                            <TeamSection request_id=request.id can_propose=request.can_propose candidates teams send_team approve />
                            <Proposals request=request.clone() approve withdraw />
                            <Sessions request=request.clone() reschedule cancel cancelled times moving />
                            <History request />
                        }.into_any()
                        }
                        ,
                        Err(error) => view! {
                            <h1>"Request"</h1>
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn RequestSummary(
    request: RequestDetailView,
    close: ServerAction<ReturnOrReject>,
) -> impl IntoView {
    let id = request.id;
    view! {
        <Title text=request.title.clone() />
        <h1>{request.title.clone()}</h1>
        <p class="lead" id="request-summary">{request.summary.clone()}</p>
        {request.peer_exchange.clone().map(|line| view! { <p id="peer-exchange"><strong>{line}</strong></p> })}
        <dl class="facts">
            <dt>"Site"</dt><dd>{request.site.clone()} " (" {request.site_zone.clone()} ")"</dd>
            <dt>"Status"</dt><dd><span class=format!("tag tag--{}", request.status.as_str())>{request.status.label_for_staff()}</span></dd>
            <dt>"Topics"</dt><dd>{request.topics.join(", ")}</dd>
            <dt>"Minimum expertise"</dt><dd>{format!("Level {}", request.minimum_level)}</dd>
            <dt>"Expected attendees"</dt><dd>{request.attendees}</dd>
            <dt>"Submitted"</dt><dd>{request.submitted.clone()}</dd>
        </dl>
        {(!request.description.is_empty()).then(|| view! { <h2 class="h3">"Description"</h2><p>{request.description.clone()}</p> })}
        {(!request.notes.is_empty()).then(|| view! { <h2 class="h3">"Notes"</h2><p>{request.notes.clone()}</p> })}
        {request.can_return_or_reject.then(|| view! {
            <details class="panel">
                <summary>"Return to the site or reject"</summary>
                <ActionForm action=close attr:class="form">
                    <input type="hidden" name="id" value=id />
                    <fieldset class="fieldset">
                        <legend>"Decision"</legend>
                        <label class="radio"><input type="radio" name="decision" value="return" checked />" Return to the site for changes"</label>
                        <label class="radio"><input type="radio" name="decision" value="reject" />" Reject the request"</label>
                    </fieldset>
                    <div class="form-group">
                        <label class="label" for="close-reason">"Reason (the site reads it)"</label>
                        <textarea class="input textarea" id="close-reason" name="reason" required></textarea>
                    </div>
                    <button class="button button--secondary" type="submit" disabled=move || close.pending().get()>
                        {move || if close.pending().get() { "Saving…" } else { "Save decision" }}
                    </button>
                </ActionForm>
            </details>
        })}
    }
}

#[component]
fn Candidates(
    candidates: Resource<Result<Ranked, ServerFnError>, crate::resource::Json>,
    chosen: RwSignal<Option<i32>>,
    moves: RwSignal<Vec<(u32, i64)>>,
    can_propose: bool,
    request_id: i32,
    // The providers with a live proposal and the score it was sent with: the list's scores are
    // today's and may have moved since.
    sent: Vec<(i32, u32)>,
) -> impl IntoView {
    let sent = StoredValue::new(sent);
    view! {
        <section aria-labelledby="candidates-heading">
            <h2 id="candidates-heading">"Candidates"</h2>
            <Transition fallback=|| view! { <p class="loading" role="status">"Ranking providers…"</p> }>
                {move || Suspend::new(async move {
                    match candidates.await {
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                        Ok(ranked) => {
                        let excluded = ranked.excluded();
                        let groups = ranked.groups();
                        let every = ranked.every_reason();
                        let list = CandidatesView::from(ranked);
                        view! {
                            {list.eligible.is_empty().then(|| view! { <p>"No provider meets every rule for this request. See who is excluded and why below."</p> })}
                            <ol class="candidates" id="candidate-list">
                                {list.eligible.into_iter().map(|c| {
                                    let provider = c.provider_id;
                                    view! {
                                        <li class="candidate" data-provider-id=provider>
                                            <div class="candidate__head">
                                                <h3 class="candidate__name">{c.name.clone()}</h3>
                                                <span class="score" aria-label=format!("Score {} out of 100", c.score_percent)>
                                                    {c.score_percent} <span class="score__max">"/100"</span>
                                                </span>
                                                {sent.try_with_value(|s| s.iter().find(|(id, _)| *id == provider).map(|(_, score)| *score)).flatten().map(|score| view! {
                                                    <span class="muted candidate__sent">{format!("Proposal sent with {score}/100; the score here is today's.")}</span>
                                                })}
                                                {can_propose.then(|| view! {
                                                    <button class="button" type="button"
                                                        aria-pressed=move || (chosen.get() == Some(provider)).to_string()
                                                        on:click=move |_| {
                                                            if chosen.get_untracked() != Some(provider) {
                                                                moves.set(Vec::new());
                                                            }
                                                            chosen.set(Some(provider));
                                                        }>
                                                        {format!("Review schedule with {}", c.name)}
                                                    </button>
                                                })}
                                            </div>
                                            <table class="table table--compact">
                                                <caption class="sr-only">{format!("Why {} scores {}", c.name, c.score_percent)}</caption>
                                                <thead><tr>
                                                    <th scope="col">"Part"</th><th scope="col">"Value"</th>
                                                    <th scope="col">"Weight"</th><th scope="col">"Adds"</th><th scope="col">"Why"</th>
                                                </tr></thead>
                                                <tbody>
                                                    {c.parts.into_iter().map(|p| view! {
                                                        <tr>
                                                            <th scope="row">{p.label}</th>
                                                            <td data-label="Value">{format!("{}%", p.value_percent)}</td>
                                                            <td data-label="Weight">{format!("{}%", p.weight_percent)}</td>
                                                            <td data-label="Adds">{format!("{:.1}", p.contribution_percent)}</td>
                                                            <td data-label="Why">{p.explanation}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                            <Excluded excluded groups every request_id />
                        }.into_any()
                        }

                    }
                })}
            </Transition>
        </section>
    }
}

/// Who is excluded and why, closed until asked for: how many providers break each rule, then
/// every provider with their first rule in brief and how many more, or, at `?excluded=all` (a
/// link, so it works without scripts), with every rule; the list's heading takes focus then.
#[component]
fn Excluded(
    excluded: Vec<ExcludedBriefView>,
    groups: Vec<ExclusionGroupView>,
    every: bool,
    request_id: i32,
) -> impl IntoView {
    let heading = NodeRef::<H3>::new();
    Effect::new(move |_| {
        if every && let Some(element) = heading.get() {
            let _ = element.focus();
        }
    });
    let count = excluded.len();
    view! {
        <details class="panel" id="excluded-providers" open=every>
            <summary>{format!("Excluded providers ({count})")}</summary>
            {(!groups.is_empty()).then(|| view! {
                <h3 id="excluded-rules-heading">"Rules they break"</h3>
                <ul id="excluded-rules" aria-labelledby="excluded-rules-heading">
                    {groups.into_iter().map(|g| view! {
                        <li>{g.label}": " <strong>{g.count}</strong>
                            {if g.count == 1 { " provider" } else { " providers" }}</li>
                    }).collect_view()}
                </ul>
            })}
            <h3 id="excluded-list-heading" tabindex="-1" node_ref=heading>
                {if every { "Every rule each provider breaks" } else { "Each provider's first rule" }}
            </h3>
            <ul id="excluded-list" aria-labelledby="excluded-list-heading">
                {excluded.into_iter().map(|e| {
                    let more = e.more;
                    view! {
                        <li data-provider-id=e.provider_id>
                            <strong>{e.name}</strong>
                            {if every {
                                view! {
                                    <ul>{e.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                                }.into_any()
                            } else {
                                view! {
                                    ": " {e.reasons.join("; ")}
                                    {(more > 0).then(|| view! {
                                        <span class="muted">{format!(" (and {more} more {})", if more == 1 { "rule" } else { "rules" })}</span>
                                    })}
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(count > 0).then(|| if every {
                view! {
                    <p><a id="excluded-reasons-link" href=format!("/coordinator/requests/{request_id}#excluded-providers")>
                        "Show only each provider's first rule"</a></p>
                }.into_any()
            } else {
                view! {
                    <p><a id="excluded-reasons-link" href=format!("/coordinator/requests/{request_id}?excluded=all#excluded-providers")>
                        "Show every rule each provider breaks"</a></p>
                }.into_any()
            })}
        </details>
    }
}

/// The moves as the server functions read them: `occurrence@unix-seconds`, comma-separated.
fn moves_text(moves: &[(u32, i64)]) -> String {
    moves
        .iter()
        .map(|(occurrence, start)| format!("{occurrence}@{start}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// `moves` with occurrence `index` moved to `start` (or back to the engine's time: `None`).
fn with_move(moves: &[(u32, i64)], index: u32, start: Option<i64>) -> Vec<(u32, i64)> {
    let mut next: Vec<(u32, i64)> = moves.iter().copied().filter(|(i, _)| *i != index).collect();
    if let Some(start) = start {
        next.push((index, start));
    }
    next.sort_unstable();
    next
}

#[component]
fn PlanSection(
    plan: Resource<Result<Option<PlanView>, ServerFnError>, crate::resource::Json>,
    chosen: RwSignal<Option<i32>>,
    moves: RwSignal<Vec<(u32, i64)>>,
    send: ServerAction<SendProposal>,
    request_id: i32,
) -> impl IntoView {
    view! {
        <section aria-labelledby="plan-heading" hidden=move || chosen.get().is_none()>
            <h2 id="plan-heading">"Proposed schedule"</h2>
            <Transition fallback=|| view! { <p class="loading" role="status">"Placing the series…"</p> }>
                {move || Suspend::new(async move {
                    match plan.await {
                        Ok(None) => ().into_any(),
                        Err(error) => view! {
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                            {(!moves.get_untracked().is_empty()).then(|| view! {
                                <button class="button button--outline" type="button" id="undo-moves"
                                    on:click=move |_| moves.set(Vec::new())>"Undo my moves"</button>
                            })}
                        }.into_any(),
                        Ok(Some(plan)) => {
                            let complete = plan.placed == plan.requested;
                            let provider = plan.provider.clone();
                            view! {
                                <p role="status">
                                    {format!("{} of {} sessions placed with {} ({}); the site is in {}.",
                                        plan.placed, plan.requested, plan.provider, plan.provider_zone, plan.site_zone)}
                                </p>
                                <p class="muted">"Any session can move to one of the other free times offered for it; the proposal is sent with the times shown here."</p>
                                <div class="table-wrap">
                                    <table class="table" id="plan-table">
                                        <caption class="sr-only">"Each session in the site's and the provider's time"</caption>
                                        <thead><tr>
                                            <th scope="col">"#"</th>
                                            <th scope="col">"Site time"</th>
                                            <th scope="col">{format!("{}'s time", plan.provider)}</th>
                                            <th scope="col">"Placement"</th>
                                            <th scope="col">"Other times"</th>
                                        </tr></thead>
                                        <tbody>
                                            {plan.occurrences.into_iter().map(|o| {
                                                let index = o.index;
                                                let provider = provider.clone();
                                                view! {
                                                <tr class=format!("occurrence occurrence--{}", o.outcome) data-occurrence=index>
                                                    <th scope="row">{index}</th>
                                                    <td class="occurrence__site-time">{o.site_time.clone()}</td>
                                                    <td>{o.provider_time.clone()}</td>
                                                    <td>
                                                        <span class=format!("tag tag--{}", o.outcome)>{o.outcome_label.clone()}</span>
                                                        {(!o.notes.is_empty()).then(|| view! {
                                                            <ul class="notes">{o.notes.clone().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                                                        })}
                                                        {o.moved_by_you.then(|| view! {
                                                            <button class="button button--outline button--small" type="button"
                                                                on:click=move |_| moves.update(|m| *m = with_move(m, index, None))>
                                                                "Undo"<span class="sr-only">{format!(" the move of session {index}")}</span>
                                                            </button>
                                                        })}
                                                    </td>
                                                    <td>
                                                        {if o.alternatives.is_empty() {
                                                            view! { <span class="muted">"None free"</span> }.into_any()
                                                        } else {
                                                            view! {
                                                                <details class="alternatives">
                                                                    <summary>{format!("Other times ({})", o.alternatives.len())}</summary>
                                                                    <ul class="alternatives__list">
                                                                        {o.alternatives.into_iter().map(|a| {
                                                                            let start = a.start;
                                                                            view! {
                                                                                <li data-start=start>
                                                                                    <span class="alternatives__site">{a.site_time.clone()}</span>
                                                                                    <br /><span class="muted">{format!("{}: {}", provider, a.provider_time)}</span>
                                                                                    <br />
                                                                                    <button class="button button--small" type="button"
                                                                                        on:click=move |_| moves.update(|m| *m = with_move(m, index, Some(start)))>
                                                                                        "Move here"<span class="sr-only">{format!(" (session {index} to {})", a.site_time)}</span>
                                                                                    </button>
                                                                                </li>
                                                                            }
                                                                        }).collect_view()}
                                                                    </ul>
                                                                </details>
                                                            }.into_any()
                                                        }}
                                                    </td>
                                                </tr>
                                            }}).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {complete.then(|| view! {
                                    <ActionForm action=send attr:class="form form--inline">
                                        <input type="hidden" name="id" value=request_id />
                                        <input type="hidden" name="provider_id" value=plan.provider_id />
                                        <input type="hidden" name="moves" value=plan.moves.clone() />
                                        <button class="button" type="submit" id="send-proposal" disabled=move || send.pending().get()>
                                            {move || if send.pending().get() { "Sending…".to_owned() } else { format!("Send proposal to {}", plan.provider) }}
                                        </button>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Proposals(
    request: RequestDetailView,
    approve: ServerAction<ApproveProposal>,
    withdraw: ServerAction<WithdrawProposal>,
) -> impl IntoView {
    (!request.proposals.is_empty()).then(|| view! {
        <section aria-labelledby="proposals-heading">
            <h2 id="proposals-heading">"Proposals"</h2>
            <table class="table" id="proposal-table">
                <caption class="sr-only">"Proposals made for this request"</caption>
                <thead><tr>
                    <th scope="col">"Provider"</th><th scope="col">"Score when sent"</th><th scope="col">"Status"</th>
                    <th scope="col">"Decided"</th><th scope="col">"Actions"</th>
                </tr></thead>
                <tbody>
                    {request.proposals.into_iter().map(|p| view! {
                        <tr data-proposal-id=p.id>
                            <th scope="row">{p.provider.clone()}</th>
                            <td>{format!("{}/100", p.sent_score_percent)}</td>
                            <td><span class=format!("tag tag--{}", p.status.as_str())>{p.status.as_str()}</span>
                                {(!p.reason.is_empty()).then(|| view! { <br /><span class="muted">{p.reason.clone()}</span> })}</td>
                            <td>{p.decided.clone()}</td>
                            <td class="actions">
                                {p.can_approve.then(|| view! {
                                    <ActionForm action=approve attr:class="form--inline">
                                        <input type="hidden" name="proposal_id" value=p.id />
                                        <button class="button" type="submit" id="approve-proposal" disabled=move || approve.pending().get()>
                                            {move || if approve.pending().get() { "Approving…" } else { "Approve and confirm all sessions" }}
                                        </button>
                                    </ActionForm>
                                })}
                                {p.can_withdraw.then(|| view! {
                                    <ActionForm action=withdraw attr:class="form--inline">
                                        <input type="hidden" name="proposal_id" value=p.id />
                                        <label class="sr-only" for=format!("withdraw-{}", p.id)>"Reason for withdrawing"</label>
                                        <input class="input input--short" id=format!("withdraw-{}", p.id) name="reason" placeholder="Reason" />
                                        <button class="button button--outline" type="submit">"Withdraw"</button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    })
}

#[component]
fn Sessions(
    request: RequestDetailView,
    reschedule: ServerAction<RescheduleSession>,
    cancel: ServerAction<CancelSessions>,
    cancelled: RwSignal<Option<String>>,
    times: Vec<SessionMoveTimesView>,
    moving: RwSignal<Option<i32>>,
) -> impl IntoView {
    let site_zone = request.site_zone.clone();
    let request_id = request.id;
    let outcome = cancelled;
    let move_failure = failure(move || reschedule.value().get());
    (!request.sessions.is_empty()).then(|| view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Sessions"</h2>

            <p class="muted">{format!("Times in your zone, with the site's ({}) beside them.", request.site_zone)}</p>
            <table class="table" id="session-table">
                <caption class="sr-only">"Sessions of this request"</caption>
                <thead><tr>
                    <th scope="col">"#"</th><th scope="col">"When"</th><th scope="col">"Provider"</th>
                    <th scope="col">"Status"</th><th scope="col">"Change"</th>
                </tr></thead>
                <tbody>
                    {request.sessions.into_iter().map(|s| {
                        let site_zone = site_zone.clone();
                        let sid = s.id;
                        let offered = times.iter().find(|t| t.session_id == sid).map(|t| t.times.clone()).unwrap_or_default();
                        let refusal = Signal::derive(move || (moving.get() == Some(sid)).then(|| move_failure.get()).flatten());
                        view! {
                        <tr data-session-id=s.id>
                            <th scope="row">{s.occurrence}</th>
                            <td data-label="When"><time datetime=s.starts_utc.clone()>{s.when.clone()}</time>
                                {s.meeting_url.clone().map(|url| view! {
                                    <br /><crate::components::meeting_link::SessionMeetingLink session_id=s.id current=url can_change=s.can_change />
                                })}</td>
                            <td data-label="Provider">{s.provider.clone()}</td>
                            <td data-label="Status"><span class=format!("tag tag--{}", s.status.as_str())>{s.status.as_str()}</span></td>
                            <td class="actions" data-label="Change">
                                {s.can_change.then(|| view! {
                                    <details open=move || moving.get() == Some(sid)>
                                        <summary>"Reschedule or cancel"</summary>
                                        <ActionForm action=reschedule attr:class="form" attr:id=format!("move-form-{sid}")>
                                            <input type="hidden" name="session_id" value=s.id />
                                            <MoveTimeChoices prefix=format!("move-{sid}") times=offered site_zone=site_zone.clone()
                                                date=s.site_date.clone() time=s.site_time.clone() />
                                            <fieldset class="fieldset fieldset--inner">
                                                <legend class="label">"Which sessions"</legend>
                                                <div class="radio">
                                                    <input type="radio" name="scope" value="one" id=format!("scope-one-{}", s.id) checked />
                                                    <label for=format!("scope-one-{}", s.id)>{format!("Session {} only", s.occurrence)}</label>
                                                </div>
                                                <div class="radio">
                                                    <input type="radio" name="scope" value="rest" id=format!("scope-rest-{}", s.id) />
                                                    <label for=format!("scope-rest-{}", s.id)>"It and every later session, by the same number of days, at this time"</label>
                                                </div>
                                            </fieldset>
                                            <ErrorSummary message=refusal />
                                            <button class="button" type="submit" disabled=move || reschedule.pending().get()
                                                on:click=move |_| moving.set(Some(sid))>
                                                {move || if reschedule.pending().get() { "Moving…" } else { "Move session" }}
                                            </button>
                                        </ActionForm>
                                        <CancelConfirm cancel outcome request_id session_id=s.id
                                            occurrence=s.occurrence scope="one" told=s.told_on_cancel.clone() />
                                        <CancelConfirm cancel outcome request_id session_id=s.id
                                            occurrence=s.occurrence scope="rest" told=s.told_on_cancel.clone() />
                                    </details>
                                })}
                            </td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </section>
    })
}

#[component]
fn History(request: RequestDetailView) -> impl IntoView {
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <ol class="history">
                {request.history.into_iter().map(|h| view! {
                    <li>
                        <strong>{h.change}</strong> " · " {h.when} " · " {h.by}
                        {(!h.reason.is_empty()).then(|| view! { <br /><span class="muted">{h.reason}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
