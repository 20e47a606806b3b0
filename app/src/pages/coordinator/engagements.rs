//! `/coordinator/engagements`: the portfolio of every engagement — the Operations sites and the
//! Diagnostic sites — with its health at a glance: the phase under way, overdue phases, goals
//! behind their planned course and this quarter's sessions delivered against planned.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::engagements::engagement_portfolio;
use crate::components::page::LoadError;

#[component]
pub fn EngagementPortfolioPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| engagement_portfolio());
    view! {
        <Title text="Engagements" />
        <div class="container">
            <h1>"Engagements"</h1>
            <Suspense fallback=|| view! { <p role="status">"Loading the engagements…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! {
                            <p>"No engagement yet: one opens with a site's first request."</p>
                        }.into_any(),
                        Ok(rows) => view! {
                            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="portfolio-caption">
                            <table class="table" id="portfolio-table">
                                <caption id="portfolio-caption">"Every engagement, open ones first, by site"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Site"</th>
                                        <th scope="col">"Type"</th>
                                        <th scope="col">"Status"</th>
                                        <th scope="col">"Runs"</th>
                                        <th scope="col">"Phase under way"</th>
                                        <th scope="col">"Overdue phases"</th>
                                        <th scope="col">"Goals off track"</th>
                                        <th scope="col">"Sessions this quarter"</th>
                                        <th scope="col">"Requests"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <th scope="row">
                                                <a href=format!("/engagements/{}", r.id)>{r.site}</a>
                                            </th>
                                            <td data-label="Type">{r.kind}</td>
                                            <td data-label="Status"><span class=format!("tag tag--{}", r.status.as_str())>{r.status.label()}</span></td>
                                            <td data-label="Runs">{format!("{} – {}", r.starts, r.planned_end)}</td>
                                            <td data-label="Phase under way">{r.current_phase.unwrap_or_else(|| "—".to_owned())}</td>
                                            <td data-label="Overdue phases">
                                                {if r.overdue_phases > 0 {
                                                    view! { <strong class="text-warning">{r.overdue_phases}" overdue"</strong> }.into_any()
                                                } else {
                                                    view! { <span>"None"</span> }.into_any()
                                                }}
                                            </td>
                                            <td data-label="Goals off track">
                                                {if r.goals_off_track > 0 {
                                                    view! { <strong class="text-warning">{r.goals_off_track}" behind"</strong> }.into_any()
                                                } else {
                                                    view! { <span>"None"</span> }.into_any()
                                                }}
                                            </td>
                                            <td data-label="Sessions this quarter">
                                                {format!("{} of {} delivered", r.delivered_this_quarter, r.planned_this_quarter)}
                                            </td>
                                            <td data-label="Requests">{r.requests}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
