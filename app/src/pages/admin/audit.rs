//! `/admin/audit`: the audit log, newest first, filtered by action (e.g. `login.`), by who acted
//! (part of their name or e-mail address, typed: no list of every account, which would grow with
//! every site's contacts) and by a range of days on the administrator's calendar, 50 events a
//! page. The filters live in the address (`?action=&who=&from=&to=`; `actor=<id>` still narrows
//! to one account), so a filtered view can be bookmarked and shared; the page links keep them and
//! add the position the log gave (`after=` / `before=`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use contract::views::paging::PageLinks;

use crate::api::admin::{AuditView, admin_audit};
use crate::components::pager::Pager;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &'static str| move || query.read().get(name).unwrap_or_default();
    let (action, actor, who) = (param("action"), param("actor"), param("who"));
    let (from, to) = (param("from"), param("to"));
    let (after, before) = (param("after"), param("before"));
    let rows = crate::resource::resource(
        move || (action(), actor(), who(), from(), to(), after(), before()),
        |(action, actor, who, from, to, after, before)| {
            admin_audit(action, actor, who, from, to, after, before)
        },
    );
    view! {
        <Title text="Audit log" />
        <div class="container container--wide">
            <h1>"Audit log"</h1>
            <Transition fallback=|| view! { <p class="loading">"Loading the audit log…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => {
                            let lines = crate::api::field_errors(&error);
                            view! {
                                <AuditFilters zone=String::new() action=action() actor=actor() who=who() from=from() to=to() />
                                <div class="alert alert--error" role="alert" id="audit-error">
                                    <h2 class="alert__heading">"The filters cannot be used"</h2>
                                    <ul class="alert__list">
                                        {lines.into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                                    </ul>
                                </div>
                            }.into_any()
                        }
                        Ok(AuditView { rows, pages, zone }) => view! {
                            <AuditFilters zone action=action() actor=actor() who=who() from=from() to=to() />
                            <p role="status">{summary(rows.len(), &pages)}</p>
                            // Focusable, so keyboard users can scroll a table wider than the screen.
                            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-caption">
                                <table class="table table--compact" id="audit-table">
                                    <caption class="sr-only" id="audit-caption">"Audit events"</caption>
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
                            <Pager pages path="/admin/audit"
                                filters=vec![("action", action()), ("actor", actor()), ("who", who()), ("from", from()), ("to", to())]
                                label="Audit log pages" noun="events" earlier="newer" later="older" />
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// How many events match and how many this page shows.
fn summary(shown: usize, pages: &PageLinks) -> String {
    match pages.total {
        0 => "No event matches these filters.".to_owned(),
        1 => "1 event matches.".to_owned(),
        n if pages.paged() => format!("{n} events match, newest first; {shown} on this page."),
        n => format!("{n} events match, newest first."),
    }
}

/// The filter form (a GET to this page), showing the filters in force.
#[component]
fn AuditFilters(
    zone: String,
    action: String,
    /// An account's id from a bookmarked address: kept (hidden) while the other filters change.
    actor: String,
    who: String,
    from: String,
    to: String,
) -> impl IntoView {
    let zone_hint = if zone.is_empty() {
        "Days on your own calendar.".to_owned()
    } else {
        format!("Days on your own calendar ({zone}).")
    };
    view! {
        <Form method="GET" action="/admin/audit" attr:class="filters">
            <div class="filters__row">
                <div class="form-group">
                    <label class="label" for="audit-action">"Action starts with"</label>
                    <input class="input" id="audit-action" name="action" value=action placeholder="login." />
                </div>
                <div class="form-group">
                    <label class="label" for="audit-who">"Who (part of a name or e-mail address)"</label>
                    <input class="input" id="audit-who" name="who" value=who placeholder="casey" />
                    {(!actor.is_empty()).then(|| view! { <input type="hidden" name="actor" value=actor /> })}
                </div>
                <div class="form-group">
                    <label class="label" for="audit-from">"From"</label>
                    <input class="input" id="audit-from" name="from" type="date" value=from aria-describedby="audit-days-hint" />
                </div>
                <div class="form-group">
                    <label class="label" for="audit-to">"To"</label>
                    <input class="input" id="audit-to" name="to" type="date" value=to aria-describedby="audit-days-hint" />
                </div>
                <button class="button" type="submit">"Filter"</button>
                <a class="button button--outline" href="/admin/audit">"Clear"</a>
            </div>
            <p class="hint" id="audit-days-hint">{zone_hint}</p>
        </Form>
    }
}
