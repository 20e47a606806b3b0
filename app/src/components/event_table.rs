//! The table of group events on the provider's and the site contact's event pages: each
//! event links to its page under `base` (`/provider/events`, `/site/events`), with its time,
//! seats taken of capacity, status and — where `share` — the registration link to pass on,
//! as labelled text ready to copy.

use contract::views::group_event::EventRow;
use leptos::prelude::*;

/// One table of events; `caption` names it for screen readers, `id` is the table's id.
#[component]
pub fn EventTable(
    rows: Vec<EventRow>,
    base: &'static str,
    caption: &'static str,
    id: &'static str,
    #[prop(optional)] share: bool,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" id=id>
                <caption class="sr-only">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Event"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"Host site"</th>
                        <th scope="col">"Seats"</th>
                        <th scope="col">"Status"</th>
                        {share.then(|| view! { <th scope="col">"Registration link"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let link_id = format!("{id}-link-{}", r.id);
                        let label = format!("Registration link for {}", r.title);
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("{base}/{}", r.id)>{r.title.clone()}</a>
                                    <br /><span class="muted">{r.kind_label}</span>
                                </th>
                                <td data-label="When">{r.when}</td>
                                <td data-label="Host site">{r.host_site}</td>
                                <td data-label="Seats">
                                    {format!("{} of {} taken", r.registered, r.capacity)}
                                    {(r.waitlisted > 0).then(|| view! {
                                        <br /><span class="muted">{format!("{} waiting", r.waitlisted)}</span>
                                    })}
                                </td>
                                <td data-label="Status">{r.status_label}</td>
                                {share.then(|| view! {
                                    <td data-label="Registration link">
                                        <label class="sr-only" for=link_id.clone()>{label}</label>
                                        <input class="input share-link" id=link_id type="text" readonly
                                            value=r.share_path.clone() />
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
