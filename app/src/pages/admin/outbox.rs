//! `/admin/outbox`: every message the system queued, its status, attempts and last error, and
//! a resend for failed ones.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{ResendMessage, admin_outbox};
use crate::api::error_message;
use crate::components::forms::{ErrorSummary, failure};

#[component]
pub fn OutboxPage() -> impl IntoView {
    let resend = ServerAction::<ResendMessage>::new();
    let rows = Resource::new(move || resend.version().get(), |_| admin_outbox());
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
                        Ok(rows) => view! {
                            <p role="status">{format!("{} messages shown.", rows.len())}</p>
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
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
