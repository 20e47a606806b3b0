//! `/admin/outbox`: the mail relay's state (working, or failing since when and why, with the
//! messages waiting), then every message the system queued, newest first, 50 a page (`?after=` /
//! `?before=` a position the outbox gave), its status, attempts and last error, and a resend
//! for failed ones.

use leptos::prelude::*;
use leptos_meta::Title;

use contract::views::paging::PageLinks;
use leptos_router::hooks::use_query_map;

use crate::api::admin::{OutboxView, RelayView, ResendMessage, admin_outbox};
use crate::api::error_message;
use crate::components::forms::{ErrorSummary, failure};
use crate::components::pager::Pager;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let resend = ServerAction::<ResendMessage>::new();
    let query = use_query_map();
    let param = move |name: &'static str| query.read().get(name).unwrap_or_default();
    let rows = crate::resource::resource(
        move || (param("after"), param("before"), resend.version().get()),
        |(after, before, _)| admin_outbox(after, before),
    );
    let error = failure(move || resend.value().get());
    view! {
        <Title text="E-mail outbox" />
        <div class="container container--wide">
            <h1>"E-mail outbox"</h1>
            <p class="lead">"Every message written by a state change, newest first. Failed messages can be sent again."</p>
            <ErrorSummary message=error />
            <Transition fallback=|| view! { <p class="loading">"Loading the outbox…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                        Ok(OutboxView { relay, rows, pages }) => view! {
                            <RelayState relay />
                            <p role="status">{summary(rows.len(), &pages)}</p>
                            <div class="table-wrap">
                                <table class="table table--compact" id="outbox-table">
                                    <caption class="sr-only">"Outbox messages"</caption>
                                    <thead><tr>
                                        <th scope="col">"Queued"</th><th scope="col">"To"</th><th scope="col">"Subject"</th>
                                        <th scope="col">"Event"</th><th scope="col">"Status"</th><th scope="col">"Attempts"</th>
                                        <th scope="col">"Last error"</th><th scope="col">"Action"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|m| view! {
                                            <tr data-message-id=m.id>
                                                <td>{m.created}</td>
                                                <td>{m.recipient}</td>
                                                <th scope="row">{m.subject} {m.has_invite.then_some(" 📅")}</th>
                                                <td>{m.event}</td>
                                                <td><span class=format!("tag tag--{}", m.status)>{m.status.clone()}</span>
                                                    {(!m.sent.is_empty()).then(|| view! { <br /><span class="muted">{m.sent.clone()}</span> })}</td>
                                                <td>{m.attempts}</td>
                                                <td>{m.last_error}</td>
                                                <td>
                                                    {(m.status == "failed").then(|| view! {
                                                        <ActionForm action=resend attr:class="form--inline">
                                                            <input type="hidden" name="id" value=m.id />
                                                            <button class="button button--outline" type="submit">"Resend"</button>
                                                        </ActionForm>
                                                    })}
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pager pages path="/admin/outbox" filters=Vec::new()
                                label="Outbox pages" noun="messages" earlier="newer" later="older" />
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The relay's state: an alert while it fails (since when, why, what waits, the next try), a
/// line of status otherwise.
#[component]
fn RelayState(relay: RelayView) -> impl IntoView {
    let waiting = match relay.waiting {
        0 => "No message is waiting.".to_owned(),
        1 => "1 message is waiting.".to_owned(),
        n => format!("{n} messages are waiting."),
    };
    let last_success = if relay.last_success.is_empty() {
        "No message has been accepted since this was first recorded.".to_owned()
    } else {
        format!("Last message accepted {}.", relay.last_success)
    };
    if relay.failing {
        return view! {
            <section class="alert alert--error" role="alert" id="mail-relay" data-relay-state="failing">
                <h2>"The mail relay is failing"</h2>
                <p>"Since " {relay.failing_since} ": " <strong>{relay.reason}</strong> "."</p>
                <p>{waiting} " They keep their attempts and go out once the relay accepts mail again; nothing is lost. "
                   {(!relay.next_try.is_empty()).then(|| format!("Next try {}. ", relay.next_try))}
                   {last_success}</p>
                <p class="muted">{relay.relay}</p>
            </section>
        }
        .into_any();
    }
    let headline = if relay.relay.is_empty() {
        "Mail relay: no message sent yet.".to_owned()
    } else {
        format!("Mail relay: working ({}).", relay.relay)
    };
    view! {
        <section class="alert alert--info" id="mail-relay" data-relay-state="working">
            <p>{headline} " " {last_success} " " {waiting}</p>
            {(!relay.last_failure.is_empty()).then(|| view! {
                <p class="muted">"Last relay failure " {relay.last_failure} ": " {relay.reason} "."</p>
            })}
        </section>
    }
    .into_any()
}

/// How many messages there are and how many this page shows.
fn summary(shown: usize, pages: &PageLinks) -> String {
    match pages.total {
        0 => "No message has been queued.".to_owned(),
        1 => "1 message.".to_owned(),
        n if pages.paged() => format!("{n} messages, newest first; {shown} on this page."),
        n => format!("{n} messages, newest first."),
    }
}
