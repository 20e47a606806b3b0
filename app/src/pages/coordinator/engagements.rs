//! `/coordinator/engagements`: the portfolio of every engagement — the Operations sites and the
//! Diagnostic sites — with its health at a glance: the phase under way, overdue phases, goals
//! behind their planned course and this quarter's sessions delivered against planned.

use contract::forms::PortfolioQuery;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::engagements::engagement_portfolio;
use crate::components::page::LoadError;

#[component]
pub fn EngagementPortfolioPage() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        params.with(|p| PortfolioQuery {
            status: p.get("status").unwrap_or_default(),
            kind: p.get("kind").unwrap_or_default(),
            attention: p.get("attention").unwrap_or_default(),
        })
    };
    let rows = crate::resource::resource(query, engagement_portfolio);
    let selected = move |name: &'static str, value: &'static str| {
        move || params.with(|p| p.get(name).unwrap_or_default() == value)
    };
    let csv_href = move || {
        let q = query();
        format!(
            "/exports/portfolio.csv?status={}&kind={}&attention={}",
            q.status, q.kind, q.attention
        )
    };
    view! {
        <Title text="Engagements" />
        <div class="container">
            <h1>"Engagements"</h1>
            <Form method="GET" action="/coordinator/engagements" attr:class="filters" attr:aria-label="Filter the engagements">
                <div class="filters__row">
                    <div class="form-group">
                        <label class="label" for="f-status">"Status"</label>
                        <select class="input" id="f-status" name="status">
                            <option value="" selected=selected("status", "")>"Any"</option>
                            <option value="open" selected=selected("status", "open")>"Open (not closed)"</option>
                            <option value="planned" selected=selected("status", "planned")>"Planned"</option>
                            <option value="active" selected=selected("status", "active")>"Active"</option>
                            <option value="closing" selected=selected("status", "closing")>"Closing"</option>
                            <option value="closed" selected=selected("status", "closed")>"Closed"</option>
                        </select>
                    </div>
                    <div class="form-group">
                        <label class="label" for="f-kind">"Type"</label>
                        <select class="input" id="f-kind" name="kind">
                            <option value="" selected=selected("kind", "")>"Any"</option>
                            <option value="operations" selected=selected("kind", "operations")>"Operations"</option>
                            <option value="diagnostic" selected=selected("kind", "diagnostic")>"Diagnostic"</option>
                        </select>
                    </div>
                    <div class="form-group form-group--check">
                        <input type="checkbox" id="f-attention" name="attention" value="1"
                            checked=selected("attention", "1") />
                        <label for="f-attention">"Only those needing attention"</label>
                    </div>
                    <button class="button" type="submit">"Apply filters"</button>
                    <a class="button button--outline" href="/coordinator/engagements">"Clear"</a>
                    <a class="button button--outline" id="portfolio-csv" href=csv_href rel="external" download="engagements.csv">
                        "Download CSV"
                    </a>
                </div>
            </Form>
            <Transition fallback=|| view! { <p role="status">"Loading the engagements…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! {
                            <p role="status">"No engagement matches these filters."</p>
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
                                        <th scope="col">"Roles not staffed"</th>
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
                                            <td data-label="Roles not staffed">
                                                {if r.unstaffed_roles.is_empty() {
                                                    view! { <span>"None"</span> }.into_any()
                                                } else {
                                                    view! { <strong class="text-warning">{r.unstaffed_roles.join(", ")}</strong> }.into_any()
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
            </Transition>
        </div>
    }
}
