//! `/admin/audit`: the audit log, newest first, filtered by action (e.g. `login.`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::admin::admin_audit;
use crate::api::error_message;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let action = move || query.read().get("action").unwrap_or_default();
    let rows = Resource::new(action, admin_audit);
    view! {
        <Title text="Audit log" />
        <div class="container container--wide">
            <h1>"Audit log"</h1>
            <Form method="GET" action="/admin/audit" attr:class="filters">
                <div class="filters__row">
                    <div class="form-group">
                        <label class="label" for="audit-action">"Action starts with"</label>
                        <input class="input" id="audit-action" name="action" value=action placeholder="login." />
                    </div>
                    <button class="button" type="submit">"Filter"</button>
                </div>
            </Form>
            <Transition fallback=|| view! { <p class="loading">"Loading the audit log…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div> }.into_any(),
                        Ok(rows) => view! {
                            <p role="status">{format!("{} events shown.", rows.len())}</p>
                            <div class="table-wrap">
                                <table class="table table--compact" id="audit-table">
                                    <caption class="sr-only">"Audit events"</caption>
                                    <thead><tr>
                                        <th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Action"</th>
                                        <th scope="col">"Subject"</th><th scope="col">"Details"</th><th scope="col">"Address"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|e| view! {
                                            <tr>
                                                <td>{e.when}</td><td>{e.actor}</td><th scope="row">{e.action}</th>
                                                <td>{e.subject}</td><td class="muted">{e.detail}</td><td>{e.ip}</td>
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
