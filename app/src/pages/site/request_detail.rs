//! `/requests/:id`: one request in words, its status history and its sessions in the site's
//! local time.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::changes::{AskChange, SessionFeedback};
use crate::api::requests::request_detail;
use crate::components::forms::{ErrorSummary, SuccessNotice, failure};
use crate::components::page::LoadError;
use contract::views::site::{RequestInfo, SessionLine};

#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let params = use_params_map();
    // An id that is not a number is no request's: the server answers 404 as for an unknown one.
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or(0)
        })
    };
    let version = RwSignal::new(0u32);
    let detail =
        crate::resource::resource(move || (id(), version.get()), |(id, _)| request_detail(id));
    let submitted = use_query_map().with_untracked(|q| q.get("submitted").is_some());
    view! {
        <Title text="Request" />
        <div class="container">
            <p><a href="/requests">"← My requests"</a></p>
            <SuccessNotice message=Signal::derive(move || submitted.then(|| {
                "Your request has been submitted. A coordinator will look for a provider.".to_owned()
            })) />
            <Transition fallback=|| view! { <p role="status">"Loading the request…"</p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(detail) => view! {
                            <Detail detail on_change=move || version.update(|v| *v += 1) />
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Detail(
    detail: RequestInfo,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let sessions = detail.sessions.clone();
    view! {
        <Title text=detail.title.clone() />
        <h1 id="request-title">{detail.title.clone()}</h1>
        <p class="lead" id="request-summary">{detail.summary.clone()}</p>
        {detail.peer_exchange.clone().map(|line| view! {
            <p id="peer-exchange">
                <strong>{line}</strong>
                {detail.read_only.then_some(
                    " Your site is the visitor: you can follow the exchange and its sessions here; \
                     the host site and the coordinator make any changes."
                )}
            </p>
        })}
        <dl class="facts">
            <dt>"Site"</dt><dd>{detail.site.clone()}</dd>
            <dt>"Status"</dt><dd><span class="tag" id="request-status">{detail.status.label_for_site()}</span></dd>
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
                    <thead><tr><th scope="col">"#"</th><th scope="col">"When"</th><th scope="col">"Status"</th><th scope="col">"Actions"</th></tr></thead>
                    <tbody>
                        {sessions.into_iter().map(|s| view! { <SessionRow session=s on_change /> }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {(!detail.asks.is_empty()).then(|| view! {
            <h2>"Your asks to change sessions"</h2>
            <ul id="change-asks">
                {detail.asks.iter().map(|a| view! {
                    <li>
                        <strong>{a.what.clone()}</strong>{format!(" (session {})", a.session)}" · "
                        {a.status.clone()}" · "{a.at.clone()}
                        <p class="timeline__reason">{a.reason.clone()}</p>
                        {(!a.note.is_empty()).then(|| view! {
                            <p class="timeline__reason">"Coordinator's note: "{a.note.clone()}</p>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        })}
        <h2>"History"</h2>
        <ol class="timeline" id="request-history">
            {detail.history.into_iter().map(|h| view! {
                <li>
                    <strong>{h.status.label_for_site()}</strong>" · "<span>{h.at}</span>
                    {(!h.reason.is_empty()).then(|| view! { <p class="timeline__reason">{h.reason}</p> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

/// One session: when, status, and what the site can do about it.
#[component]
fn SessionRow(
    session: SessionLine,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ask = ServerAction::<AskChange>::new();
    let rate = ServerAction::<SessionFeedback>::new();
    Effect::new(move |_| {
        if matches!(ask.value().get(), Some(Ok(()))) || matches!(rate.value().get(), Some(Ok(()))) {
            on_change();
        }
    });
    let ask_error = failure(move || ask.value().get());
    let rate_error = failure(move || rate.value().get());
    let n = session.occurrence;
    let (id_ask, id_rate) = (session.id.to_string(), session.id.to_string());
    let field = move |name: &str| format!("session-{n}-{name}");
    view! {
        <tr>
            <td data-label="Session">{n}</td>
            <td data-label="When"><time datetime=session.starts_utc.clone()>{session.when.clone()}</time>
                {session.with.clone().map(|with| view! { <br /><span class="session-with">{with}</span> })}
                {session.meeting_url.clone().map(|url| view! {
                    <br /><span class="meeting-link">"Meeting link: "<a href=url.clone() rel="noopener noreferrer">{url.clone()}</a></span>
                })}</td>
            <td data-label="Status">{session.status.label()}</td>
            <td data-label=(session.can_change || session.can_rate || session.your_feedback.is_some()).then_some("Actions")>
                {session.can_change.then(|| view! {
                    <details class="decline">
                        <summary class="button button--secondary">"Ask to change…"</summary>
                        <ErrorSummary message=ask_error />
                        <ActionForm action=ask attr:class="form">
                            <input type="hidden" name="session_id" value=id_ask />
                            <fieldset class="fieldset--inner form-group">
                                <legend class="label">{format!("What do you need for session {n}?")}</legend>
                                <div class="checkbox">
                                    <input type="radio" name="kind" value="reschedule" id=field("reschedule") checked />
                                    <label for=field("reschedule")>"Reschedule this session"</label>
                                </div>
                                <div class="checkbox">
                                    <input type="radio" name="kind" value="cancel_one" id=field("cancel-one") />
                                    <label for=field("cancel-one")>"Cancel this session"</label>
                                </div>
                                <div class="checkbox">
                                    <input type="radio" name="kind" value="cancel_rest" id=field("cancel-rest") />
                                    <label for=field("cancel-rest")>"Cancel this and every later session"</label>
                                </div>
                            </fieldset>
                            <div class="form-group">
                                <label class="label" for=field("wanted")>"When would suit you instead? (for a reschedule)"</label>
                                <input class="input" type="text" name="wanted" id=field("wanted") />
                            </div>
                            <div class="form-group">
                                <label class="label" for=field("reason")>"Reason"</label>
                                <textarea class="textarea" name="reason" id=field("reason") rows="2"></textarea>
                            </div>
                            <button class="button" type="submit" disabled=move || ask.pending().get()>
                                {move || if ask.pending().get() { "Sending…" } else { "Send to the coordinator" }}
                            </button>
                        </ActionForm>
                    </details>
                })}
                {session.can_rate.then(|| view! {
                    <details class="decline">
                        <summary class="button button--secondary">"Give feedback…"</summary>
                        <ErrorSummary message=rate_error />
                        <ActionForm action=rate attr:class="form">
                            <input type="hidden" name="session_id" value=id_rate />
                            <fieldset class="fieldset--inner form-group">
                                <legend class="label">"How useful was it? (1 not at all – 5 very)"</legend>
                                <div class="checkbox-row">
                                    {(1..=5).map(|v| view! {
                                        <div class="checkbox">
                                            <input type="radio" name="usefulness" value=v.to_string() id=field(&format!("useful-{v}")) />
                                            <label for=field(&format!("useful-{v}"))>{v}</label>
                                        </div>
                                    }).collect_view()}
                                </div>
                            </fieldset>
                            <div class="form-group">
                                <label class="label" for=field("comments")>"Comments (optional)"</label>
                                <textarea class="textarea" name="comments" id=field("comments") rows="2"></textarea>
                            </div>
                            <button class="button" type="submit" disabled=move || rate.pending().get()>
                                {move || if rate.pending().get() { "Sending…" } else { "Send feedback" }}
                            </button>
                        </ActionForm>
                    </details>
                })}
                {session.your_feedback.clone().map(|text| view! {
                    <p class="feedback-given" role="status">"Thank you for your feedback. "{text}</p>
                })}
            </td>
        </tr>
    }
}
