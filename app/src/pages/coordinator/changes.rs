//! The site's asks to change sessions, on the coordinator's request page: each ask (session,
//! what was asked, reason, when) and, while it is open, the answers — do it (one of the free
//! times offered for the session or another time on the site's clock, or the cancellation asked
//! for), mark it resolved, or decline it with a note.

use leptos::prelude::*;

use super::move_times::MoveTimeChoices;
use crate::api::coordinator::AnswerChange;
use contract::views::coordinator::{ChangeRequestView, RequestDetailView};
use contract::views::move_times::SessionMoveTimesView;

#[component]
pub fn ChangeRequests(
    request: RequestDetailView,
    answer: ServerAction<AnswerChange>,
    /// The free times of the request's sessions that may move.
    times: Vec<SessionMoveTimesView>,
) -> impl IntoView {
    let site_zone = request.site_zone.clone();
    (!request.change_requests.is_empty()).then(|| {
        let open = request
            .change_requests
            .iter()
            .filter(|c| c.status == "open")
            .count();
        view! {
            <section aria-labelledby="change-requests-heading" id="change-requests">
                <h2 id="change-requests-heading">
                    "Change requests from the site "
                    <span class="badge" id="open-change-count">{format!("{open} open")}</span>
                </h2>
                <ul class="change-requests">
                    {request.change_requests.into_iter().map(|c| {
                        let offered = times.iter().find(|t| t.session_id == c.session_id).map(|t| t.times.clone()).unwrap_or_default();
                        view! { <ChangeRequestItem ask=c site_zone=site_zone.clone() answer offered /> }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn ChangeRequestItem(
    ask: ChangeRequestView,
    site_zone: String,
    answer: ServerAction<AnswerChange>,
    offered: Vec<contract::views::move_times::MoveTimeView>,
) -> impl IntoView {
    let id = ask.id;
    let field = move |name: &str| format!("change-{id}-{name}");
    let heading = format!("Session {}: {}", ask.session, ask.what);
    let is_open = ask.status == "open";
    let is_reschedule = ask.kind == "reschedule";
    view! {
        <li class="change-request" data-change-id=id>
            <h3 class="h4" id=field("title")>
                {heading}" "
                <span class=format!("tag tag--{}", ask.status)>{ask.status_label.clone()}</span>
            </h3>
            <dl class="facts">
                <dt>"Session now"</dt><dd>{ask.session_when.clone()}</dd>
                <dt>"Reason"</dt><dd>{ask.reason.clone()}</dd>
                {(!ask.wanted.is_empty()).then(|| view! { <dt>"Would suit instead"</dt><dd>{ask.wanted.clone()}</dd> })}
                <dt>"Asked"</dt><dd>{format!("{} by {}", ask.asked, ask.asked_by)}</dd>
                {(!is_open).then(|| view! {
                    <dt>"Answered"</dt><dd>{format!("{} by {}", ask.handled, ask.handled_by)}</dd>
                })}
                {(!ask.note.is_empty()).then(|| view! { <dt>"Note to the site"</dt><dd>{ask.note.clone()}</dd> })}
            </dl>
            {is_open.then(|| view! {
                <div class="change-request__answers">
                    {if is_reschedule {
                        view! {
                            <ActionForm action=answer attr:class="form">
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="answer" value="reschedule" />
                                <fieldset class="fieldset">
                                    <legend>{format!("Move session {} and mark the ask done", ask.session)}</legend>
                                    <MoveTimeChoices prefix=format!("change-{id}") times=offered site_zone=site_zone.clone()
                                        date=ask.site_date.clone() time=ask.site_time.clone() />
                                    <fieldset class="fieldset fieldset--inner">
                                        <legend class="label">"Which sessions"</legend>
                                        <div class="radio">
                                            <input type="radio" name="scope" value="one" id=field("scope-one") checked />
                                            <label for=field("scope-one")>{format!("Session {} only", ask.session)}</label>
                                        </div>
                                        <div class="radio">
                                            <input type="radio" name="scope" value="rest" id=field("scope-rest") />
                                            <label for=field("scope-rest")>"It and every later session, by the same number of days, at this time"</label>
                                        </div>
                                    </fieldset>
                                    <div class="form-group">
                                        <label class="label" for=field("move-note")>"Note to the site (optional)"</label>
                                        <input class="input" type="text" id=field("move-note") name="note" />
                                    </div>
                                    <button class="button" type="submit" disabled=move || answer.pending().get()>
                                        {move || if answer.pending().get() { "Moving…" } else { "Move the session" }}
                                    </button>
                                </fieldset>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! {
                            <ActionForm action=answer attr:class="form">
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="answer" value="cancel" />
                                <div class="form-group">
                                    <label class="label" for=field("cancel-note")>"Note to the site (optional)"</label>
                                    <input class="input" type="text" id=field("cancel-note") name="note" />
                                </div>
                                <button class="button" type="submit" disabled=move || answer.pending().get()>"Cancel as asked"</button>
                            </ActionForm>
                        }.into_any()
                    }}
                    <ActionForm action=answer attr:class="form form--inline">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="answer" value="resolved" />
                        <button class="button button--outline" type="submit" disabled=move || answer.pending().get()>
                            "Mark resolved"<span class="sr-only">{format!(" (session {} handled another way)", ask.session)}</span>
                        </button>
                    </ActionForm>
                    <details>
                        <summary>"Decline…"</summary>
                        <ActionForm action=answer attr:class="form">
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="answer" value="decline" />
                            <div class="form-group">
                                <label class="label" for=field("decline-note")>"Why (the site reads this)"</label>
                                <textarea class="input textarea" id=field("decline-note") name="note" rows="2" required></textarea>
                            </div>
                            <button class="button button--secondary" type="submit" disabled=move || answer.pending().get()>"Decline the ask"</button>
                        </ActionForm>
                    </details>
                </div>
            })}
        </li>
    }
}
